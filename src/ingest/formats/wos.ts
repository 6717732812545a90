/**
 * Web of Science exports -> WorkRecord: the tagged "plain text" export (`FN`/`VR` header, `PT … ER`
 * records, continuation lines) and the tab-delimited one (BOM, a header row of the same two-letter
 * tags, one record a line, multiple values joined by "; ").
 *
 * - Authors: AF (full names), else AU; ORCIDs from OI (`Name/0000-…`) matched by name.
 * - C1 `[Author; Author] Inst, Dept, City, Country`: each affiliation goes to the authors named in
 *   its brackets. An affiliation without brackets (older records) names no author: it goes to every
 *   author of the record. Institution = the first comma part, country = the last one (`… MA 02115 USA`
 *   -> `USA`).
 * - Authors without an ORCID are one person across records only with the same name at the same
 *   institution (`nameScope`); without an affiliation, only within their record.
 * - DE then ID are the keywords; CR entries are the references (src/ingest/references.ts); UT is the
 *   primary id, then DI (DOI) and PM (PubMed).
 */
import { makeExternalId, normalizeText } from '../../ids';
import { type AuthorshipRecord, type InstitutionRecord, RecordError, type WorkRecord } from '../record';
import { parseWosReference, splitOutsideBrackets, WOS_SOURCE } from '../references';
import type { IngestFormat, ParsedBatch } from './format';

const SOURCE_DATABASE = WOS_SOURCE;

/** One record's fields: tag -> its lines (tagged) or its single value (tab-delimited). */
type Fields = Map<string, string[]>;

/**
 * Lists: in the tab export "; "-joined; in the tagged one one item a line (AU, AF, C1, CR ...), except
 * these, which are "; "-joined and wrapped at any word.
 */
const JOINED_LIST_TAGS = new Set(['DE', 'ID', 'OI', 'RI']);

const TAG_LINE = /^([A-Z][A-Z0-9])(?: (.*))?$/;

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

const clean = (value: string | undefined | null): string | null => {
  const trimmed = value?.replace(/\s+/g, ' ').trim();
  return trimmed ? trimmed : null;
};

function one(fields: Fields, tag: string): string | null {
  const lines = fields.get(tag);
  return lines ? clean(lines.join(' ')) : null;
}

function list(fields: Fields, tag: string, tabDelimited: boolean): string[] {
  const lines = fields.get(tag) ?? [];
  let items: string[];
  if (tabDelimited) {
    // "; " only: a DOI may hold a bare ";" (`10.1641/0006-3568(2000)050[1043:BAABTS]2.0.CO;2`).
    items = tag === 'C1' ? splitOutsideBrackets(lines.join('; '), '; ') : lines.join('; ').split('; ');
  } else if (JOINED_LIST_TAGS.has(tag)) {
    items = lines.join(' ').split(/;\s*/);
  } else if (tag === 'C1') {
    // A long affiliation may wrap: a line that does not open a bracket continues an affiliation
    // only when the record's affiliations are bracketed.
    items = [];
    const bracketed = lines.some((line) => line.trim().startsWith('['));
    for (const line of lines) {
      const last = items.length - 1;
      if (bracketed && !line.trim().startsWith('[') && last >= 0) items[last] = `${items[last]} ${line.trim()}`;
      else items.push(line);
    }
  } else {
    items = lines;
  }
  // Cited references are kept as printed (WoS pads some with spaces); other values are squashed.
  const kept = tag === 'CR' ? items.map((item) => item.trim()) : items.map((item) => clean(item));
  return kept.filter((item): item is string => item !== null && item !== '');
}

/** A name as compared between AU/AF, C1 brackets and OI: folded, without dots and spaces around commas. */
function nameMatchKey(name: string): string {
  return normalizeText(name)
    .replace(/\./g, ' ')
    .replace(/\s*,\s*/g, ',')
    .replace(/\s+/g, ' ')
    .trim();
}

/** `Pontificia Univ Javeriana, Fac Ciencias, Bogota, Colombia` -> institution and country. */
function institutionOf(address: string): InstitutionRecord | null {
  const parts = address
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
  const name = parts[0];
  if (name === undefined) return null;
  const last = parts.length > 1 ? (parts[parts.length - 1] ?? '').replace(/\.$/, '') : null;
  // US addresses end `MA 02115 USA`; others with the country alone.
  const country = last === null ? null : /\bUSA$/.test(last) ? 'USA' : last;
  return { name, ror: null, country, type: null, ids: [] };
}

interface Affiliation {
  /** Name keys of the authors in its brackets; null when it names none. */
  authors: Set<string> | null;
  institution: InstitutionRecord;
}

function affiliationsOf(items: readonly string[]): Affiliation[] {
  const affiliations: Affiliation[] = [];
  for (const item of items) {
    const bracket = /^\[([^\]]*)\]\s*(.*)$/.exec(item);
    const institution = institutionOf(bracket ? (bracket[2] ?? '') : item);
    if (institution === null) continue;
    const authors = bracket ? new Set((bracket[1] ?? '').split(';').map(nameMatchKey)) : null;
    affiliations.push({ authors, institution });
  }
  return affiliations;
}

/** `Medvedeff, Cassandra A. (medvedeff22@ufl.edu)` -> the name. */
const withoutEmail = (name: string) => name.replace(/\s*\([^)]*@[^)]*\)\s*/g, ' ').trim();

function authorsOf(fields: Fields, tabDelimited: boolean, recordId: string): AuthorshipRecord[] {
  const short = list(fields, 'AU', tabDelimited).map(withoutEmail);
  const full = list(fields, 'AF', tabDelimited).map(withoutEmail);
  const names = full.length > 0 ? full : short;
  const affiliations = affiliationsOf(list(fields, 'C1', tabDelimited));
  // A name OI lists with two different ORCIDs gets neither: which one is whose is unknown.
  const orcids = new Map<string, string | null>();
  for (const item of list(fields, 'OI', tabDelimited)) {
    const slash = item.lastIndexOf('/');
    const orcid = item
      .slice(slash + 1)
      .replace(/;$/, '')
      .trim()
      .toUpperCase();
    if (slash <= 0 || !/^\d{4}-\d{4}-\d{4}-\d{3}[\dX]$/.test(orcid)) continue;
    const key = nameMatchKey(item.slice(0, slash));
    orcids.set(key, orcids.has(key) && orcids.get(key) !== orcid ? null : orcid);
  }
  return names.map((name, index) => {
    const keys = new Set([nameMatchKey(name), nameMatchKey(short[index] ?? name)]);
    const named = (set: Set<string> | null) => set !== null && [...keys].some((key) => set.has(key));
    const anyNamed = affiliations.some((affiliation) => affiliation.authors !== null);
    const institutions = affiliations
      .filter((affiliation) => (anyNamed ? named(affiliation.authors) : true))
      .map((affiliation) => affiliation.institution);
    const orcid = [...keys].map((key) => orcids.get(key)).find((value) => value !== undefined) ?? null;
    const orcidId = orcid === null ? null : makeExternalId('orcid', orcid);
    const first = institutions[0];
    return {
      rawName: short[index] ?? name,
      name,
      orcid: orcidId?.value ?? null,
      ids: orcidId ? [orcidId] : [],
      institutions,
      nameScope: first ? `${first.name}, ${first.country ?? ''}` : `${recordId}#${index + 1}`,
    };
  });
}

/** One record's fields -> a WorkRecord; `where` names the record in errors (`record 3 (line 41)`). */
function workOf(fields: Fields, tabDelimited: boolean, where: string, line: number | null): WorkRecord {
  const ut = one(fields, 'UT');
  const doi = one(fields, 'DI');
  const pmid = one(fields, 'PM');
  const ids = [
    ut === null ? null : makeExternalId('wos', ut),
    doi === null ? null : makeExternalId('doi', doi),
    pmid === null ? null : makeExternalId('pmid', pmid),
  ].filter((id) => id !== null);
  if (ids.length === 0) throw new RecordError(`${where} has no UT (accession number) and no DI (DOI)`, line);
  const title = one(fields, 'TI');
  if (title === null) throw new RecordError(`${where} (${ids[0]?.value}) has no TI (title)`, line);
  const yearText = one(fields, 'PY') ?? /\b(1[5-9]\d\d|20\d\d)\b/.exec(one(fields, 'PD') ?? '')?.[1] ?? null;
  if (yearText !== null && !/^\d{4}$/.test(yearText)) {
    throw new RecordError(`${where} (${ids[0]?.value}): PY ${JSON.stringify(yearText)} is not a year`, line);
  }
  const venueName = one(fields, 'SO');
  const issn = one(fields, 'SN') ?? one(fields, 'EI');
  const issnId = issn === null ? null : makeExternalId('issn', issn);
  return {
    ids,
    title,
    abstract: one(fields, 'AB'),
    year: yearText === null ? null : Number(yearText),
    publicationDate: null,
    doi,
    type: one(fields, 'DT')?.toLowerCase() ?? null,
    language: one(fields, 'LA'),
    venue:
      venueName === null
        ? null
        : { name: venueName, issn, type: one(fields, 'PT') === 'J' ? 'journal' : null, ids: issnId ? [issnId] : [] },
    authors: authorsOf(fields, tabDelimited, ids[0]?.value ?? where),
    keywords: [...list(fields, 'DE', tabDelimited), ...list(fields, 'ID', tabDelimited)],
    references: list(fields, 'CR', tabDelimited).map((entry) => parseWosReference(entry, SOURCE_DATABASE)),
    volume: one(fields, 'VL'),
    firstPage: one(fields, 'BP') ?? one(fields, 'AR') ?? clean(one(fields, 'PS')?.split('-')[0]),
  };
}

/** The tab-delimited export: a header row of tags, then one record a line. */
function parseTabDelimited(lines: readonly string[]): ParsedBatch {
  const works: WorkRecord[] = [];
  const errors: RecordError[] = [];
  const header = (lines[0] ?? '').split('\t').map((tag) => tag.trim());
  lines.slice(1).forEach((lineText, index) => {
    const line = index + 2;
    if (lineText.trim() === '') return;
    const values = lineText.split('\t');
    try {
      if (values.length > header.length + 1) {
        throw new RecordError(
          `record ${index + 1} has ${values.length} tab-separated fields; the header row has ${header.length}`,
          line,
        );
      }
      const fields: Fields = new Map();
      header.forEach((tag, column) => {
        const value = values[column]?.trim();
        if (tag !== '' && value) fields.set(tag, [value]);
      });
      works.push(workOf(fields, true, `record ${index + 1}`, line));
    } catch (error) {
      if (error instanceof RecordError) errors.push(error);
      else throw error;
    }
  });
  return { works, errors };
}

/** The tagged export: `PT` opens a record, `ER` closes it, a line starting with spaces (or no tag) continues. */
function parseTagged(lines: readonly string[]): ParsedBatch {
  const works: WorkRecord[] = [];
  const errors: RecordError[] = [];
  let fields: Fields | null = null;
  let startLine = 0;
  let count = 0;
  let lastTag: string | null = null;
  const close = () => {
    if (fields === null) return;
    count++;
    try {
      works.push(workOf(fields, false, `record ${count}`, startLine));
    } catch (error) {
      if (error instanceof RecordError) errors.push(error);
      else throw error;
    }
    fields = null;
  };
  lines.forEach((lineText, index) => {
    const line = index + 1;
    if (lineText.trim() === '') return;
    const tagged = /^\s/.test(lineText) ? null : TAG_LINE.exec(lineText.trimEnd());
    const tag = tagged?.[1];
    if (tag === 'FN' || tag === 'VR' || tag === 'EF') return;
    if (tag === 'PT') {
      if (fields !== null) {
        errors.push(new RecordError(`record ${count + 1} has no ER before the next PT`, startLine));
        count++;
      }
      fields = new Map();
      startLine = line;
    }
    if (tag === 'ER') {
      close();
      return;
    }
    if (fields === null) {
      errors.push(new RecordError(`a ${tag ? `${tag} field` : 'line'} outside a record (PT … ER)`, line));
      return;
    }
    if (tag !== undefined) {
      lastTag = tag;
      const values = fields.get(tag) ?? [];
      values.push(tagged?.[2] ?? '');
      fields.set(tag, values);
    } else if (lastTag !== null) {
      fields.get(lastTag)?.push(lineText.trim());
    }
  });
  if (fields !== null) {
    errors.push(new RecordError(`record ${count + 1} is cut off: the file ends before its ER`, startLine));
  }
  return { works, errors };
}

const TAB_HEADER = /^(PT|FN|AU|UT)\t/;

function looksTabDelimited(text: string): boolean {
  // Trimmed: a CRLF file's last header tag would otherwise be "UT\r".
  const first = text
    .slice(0, text.indexOf('\n') >>> 0)
    .split('\t')
    .map((tag) => tag.trim());
  return TAB_HEADER.test(text) && first.includes('TI') && first.includes('UT');
}

function looksTagged(text: string): boolean {
  return /^(FN |PT [A-Z]\s*$)/m.test(text.slice(0, 2000)) && /^(PT [A-Z]|FN )/.test(text);
}

/** A whole export's text, either kind. A file that is neither gives one error. */
export function parseWosText(fileText: string): ParsedBatch {
  const text = stripBom(fileText);
  const lines = text.split(/\r?\n/);
  if (looksTabDelimited(text)) return parseTabDelimited(lines);
  if (looksTagged(text)) return parseTagged(lines);
  return {
    works: [],
    errors: [
      new RecordError(
        'not a Web of Science export: expected a tagged file starting "FN"/"PT" or a tab-delimited one with a header ' +
          'row of tags (PT, AU, TI … UT)',
        1,
      ),
    ],
  };
}

export const wos: IngestFormat = {
  name: 'wos',
  description: 'Web of Science export: tagged plain text (FN/VR, PT … ER) or tab-delimited (header row of tags)',
  detect: (_fileName, head) => {
    const text = stripBom(head);
    return looksTabDelimited(text) || looksTagged(text);
  },
  parseText: parseWosText,
  // Tab-delimited: a header row, then a record a line. Tagged: a record begins at its PT line.
  recordsBegin: (firstLine) =>
    looksTabDelimited(firstLine)
      ? { headerLines: 1, begins: () => true }
      : looksTagged(firstLine)
        ? { headerLines: 0, begins: (line) => /^PT [A-Z]\s*$/.test(line) }
        : null,
};
