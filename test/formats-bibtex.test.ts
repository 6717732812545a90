/**
 * The BibTeX importer (citation.js) on raw/bibtex: Semantic Scholar's export of 1,009 papers citing
 * Turing 1950, a JabRef/Scopus bibliography with abstracts and keywords, citation.js's BibLaTeX
 * fixtures and Zotero's edge cases (@string, crossref, TeX accents, nested braces, a malformed entry).
 * Entries are counted and read here with plain regular expressions, not with the parser.
 */
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { parseBibtexText } from '../src/ingest/formats/bibtex';
import { writeWorks } from '../src/ingest/write';
import { gqlData, realData } from './helpers';

const files = realData()?.citationFiles.bibtex ?? {};
const names = Object.keys(files);

/** Entries of a file: `@type{` or `@type(` at a line start, other than @string, @preamble and @comment. */
function entryCount(text: string): number {
  return [...text.matchAll(/^\s*@\s*(\w+)\s*[{(]/gm)].filter(
    (match) => !/^(string|preamble|comment)$/i.test(match[1] ?? ''),
  ).length;
}

/** `field = {value}` of a simply written entry (one field a line, braces balanced on the line). */
function simpleFields(entry: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const match of entry.matchAll(/^\s*(\w+)\s*=\s*\{(.*)\},?\s*$/gm))
    fields[match[1]!.toLowerCase()] = match[2]!.trim();
  return fields;
}

const entriesOf = (text: string) => text.split(/^(?=@)/m).filter((entry) => /^@\w+\{/.test(entry));

describe.skipIf(names.length === 0)('BibTeX import of raw/bibtex', () => {
  it('reads every entry of every file; only the one malformed entry (a missing comma) is refused', () => {
    for (const [name, text] of Object.entries(files)) {
      const parsed = parseBibtexText(text);
      if (name === 'zotero_BibTeX_08.bib') {
        // `title = {...}` with no comma before `file = ...`: BibTeX itself stops there too.
        expect(parsed.errors.map((error) => error.line)).toEqual([27]);
        expect(parsed.works.length).toBe(entryCount(text) - 1);
      } else {
        expect(parsed.errors, name).toEqual([]);
        expect(parsed.works.length, name).toBe(entryCount(text));
      }
    }
  });

  it('gives Semantic Scholar’s 1,009 entries their titles, authors, years and venues', () => {
    const text = files['s2_citationStyles_turing1950_citing_papers.bib'];
    if (!text) return;
    const works = parseBibtexText(text).works;
    const entries = entriesOf(text);
    expect(works.length).toBe(entries.length);
    let compared = 0;
    entries.forEach((entry, index) => {
      const fields = simpleFields(entry);
      const work = works[index]!;
      // TeX in a value is the parser's business, checked on Zotero's cases below.
      if (!fields.title || Object.values(fields).some((value) => /[\\{}$~]|--|``|''/.test(value))) return;
      // BibTeX's name grammar reads a lower-case word after a hyphen ("Jen-tse Huang") as a "von" part;
      // citation.js follows it, so such names are not compared here (3 of the 1,009 entries).
      if (/-\p{Ll}/u.test(fields.author ?? '')) return;
      // Names ending in a comma ("Lin, and ...": one entry) are Last, Jr, First lists BibTeX reads its own way.
      if (/,\s*(and\s|$)/.test(fields.author ?? '')) return;
      compared++;
      expect(work.title).toBe(fields.title.replace(/\s+/g, ' ')); // a few titles hold no-break spaces
      expect(work.year).toBe(fields.year ? Number(fields.year) : null);
      // Semantic Scholar leaks HTML entities into its BibTeX ("Policy &amp; Internet"): read as text.
      // An article appeared in its journal; anything else in its booktitle (BibTeX's field for it).
      const venue = /^@article/i.test(entry)
        ? (fields.journal ?? fields.booktitle)
        : (fields.booktitle ?? fields.journal);
      expect(work.venue?.name ?? null).toBe(venue?.replaceAll('&amp;', '&') ?? null);
      // "Family, Given" is BibTeX's other way to write "Given Family".
      const display = (name: string) => (name.includes(',') ? name.replace(/^(.*?),\s*(.*)$/, '$2 $1') : name);
      expect(work.authors.map((author) => author.name)).toEqual(
        fields.author ? fields.author.split(/\s+and\s+/).map(display) : [],
      );
    });
    expect(compared).toBeGreaterThan(900);
  });

  it('keeps abstracts, keywords and DOIs of the JabRef/Scopus bibliography', () => {
    const text = files['scientopy_example_paper_bibliography.bib'];
    if (!text) return;
    const works = parseBibtexText(text).works;
    const entries = entriesOf(text);
    expect(works.length).toBe(entries.length);
    let withAbstract = 0;
    entries.forEach((entry, index) => {
      const fields = simpleFields(entry);
      const work = works[index]!;
      if (fields.doi) {
        const doi = fields.doi.replace(/[{}]/g, '').replace(/^https?:\/\/(dx\.)?doi\.org\//, '');
        expect(work.doi?.toLowerCase()).toBe(doi.toLowerCase());
      }
      if (fields.abstract && !/[\\{}$~]|``|''/.test(fields.abstract)) {
        withAbstract++;
        expect(work.abstract?.replace(/\s+/g, ' ')).toBe(fields.abstract.replace(/\s+/g, ' '));
      }
      if (fields.keywords && !/[\\{}$]/.test(fields.keywords)) {
        expect(work.keywords).toEqual(
          fields.keywords
            .split(/[;,]/)
            .map((term) => term.trim())
            .filter(Boolean),
        );
      }
    });
    expect(withAbstract).toBeGreaterThan(200);
  });

  it('reads Zotero’s edge cases: crossref, @string, accents, corporate authors', async () => {
    const parse = (name: string) => (files[name] ? parseBibtexText(files[name]).works : []);
    const [inproceedings] = parse('zotero_BibTeX_02.bib');
    expect(inproceedings?.venue?.name).toBe('Proceedings of the Xth Conference on XYZ'); // from its crossref
    expect(inproceedings?.year).toBe(2006);
    const [homepage] = parse('zotero_BibTeX_17.bib');
    expect(homepage?.authors.map((a) => a.name)).toEqual(['Corporation for Digital Scholarship']); // @string
    const [, erdos] = parse('zotero_BibTeX_15.bib');
    expect(erdos?.title).toBe('Higher-order Erdős-Szekeres theorems');
    expect(erdos?.authors[0]?.name).toBe('Marek Eliáš');
    const [icelandic] = parse('zotero_BibTeX_16.bib');
    expect(icelandic?.authors[0]?.name).toBe('Eva H. Önnudóttir');
    const [circulation] = parse('zotero_BibTeX_10.bib');
    expect(circulation?.authors.map((a) => a.name)).toContain('Emergency Cardiovascular Care Committee');
    expect(circulation?.keywords).toContain('Cardiopulmonary Resuscitation');
    expect(circulation?.doi).toBe('10.1161/CIR.0b013e318288b4dd');
    const [trajectory] = parse('zotero_BibTeX_14.bib');
    expect(trajectory?.keywords).toEqual(['spatio-temporal data mining', 'trajectory patterns']);

    // Through the writer and the API: the same entry read from two files is one paper.
    const all = Object.keys(files).flatMap(parse);
    await writeWorks(env.DB, all);
    const { data } = await gqlData(
      `{ paper(externalId: "doi:10.1145/1281192.1281230") { title year venue { name } authors { author { name } } } }`,
    );
    expect(data.paper).toEqual({
      title: 'Trajectory Pattern Mining',
      year: 2007,
      venue: {
        name: 'Proceedings of the 13th ACM SIGKDD International Conference on Knowledge Discovery and Data Mining',
      },
      authors: ['Fosca Giannotti', 'Mirco Nanni', 'Fabio Pinelli', 'Dino Pedreschi'].map((name) => ({
        author: { name },
      })),
    });
  });
});
