/**
 * Semantic Scholar -> WorkRecord (and Addition). Graph API JSON: a paper (its nested `references` become its
 * reference list and works of their own; its nested `citations` become works that cite it), a
 * citation (`{citingPaper}`) or reference (`{citedPaper}`) object, an author with `papers`, a
 * `{data: [...]}` page or an array of any of these. Bulk datasets (S2AG): the `papers` JSONL, one
 * paper a line with lower-case keys (`corpusid`, `externalids`, `publicationdate`), streamed.
 *
 * The `citations` (citingcorpusid -> citedcorpusid) and `abstracts` datasets add to papers already
 * imported: their rows are Additions, merged by corpus id (`additionsByLine`, the writer's
 * `mergeAdditions`). The other S2AG datasets are not papers (`tldrs`/`paper-ids` add to a paper,
 * `authors`/`publication-venues` are other entities) and are not imported: each row is reported, by
 * line, as such, and `detect` does not claim those files.
 */
import { makeExternalId } from '../../ids';
import {
  type Addition,
  type AuthorshipRecord,
  RecordError,
  type ReferenceRecord,
  type VenueRecord,
  type WorkRecord,
} from '../record';
import {
  array,
  BatchCollector,
  contentId,
  idList,
  idOf,
  isJsonName,
  isObject,
  type Json,
  jsonDocument,
  jsonLine,
  text,
  yearOf,
} from './common';
import type { IngestFormat, ParsedBatch } from './format';

/** A field by its Graph API name or the bulk datasets' lower-case one. */
const field = (object: Json, name: string): unknown => object[name] ?? object[name.toLowerCase()];

/** The 40-hex paper id from `paperId` or (bulk) from the paper's URL. */
function paperIdOf(paper: Json): string | null {
  const id = text(paper.paperId);
  if (id !== null) return id;
  const url = text(paper.url);
  return url === null ? null : (/\/paper\/(?:[^/]+\/)?([0-9a-f]{40})$/i.exec(url)?.[1] ?? null);
}

function idsOf(paper: Json) {
  const external = isObject(field(paper, 'externalIds')) ? (field(paper, 'externalIds') as Json) : {};
  const ext = (name: string) => external[name] ?? external[name.toLowerCase()];
  const pmc = text(ext('PubMedCentral'));
  const sha = paperIdOf(paper);
  const corpus = text(field(paper, 'corpusId')) ?? text(ext('CorpusId'));
  const ids = [
    sha === null ? null : makeExternalId('s2', sha),
    idOf('s2corpus', corpus),
    idOf('doi', ext('DOI')),
    idOf('arxiv', ext('ArXiv')),
    idOf('pmid', ext('PubMed')),
    pmc === null ? null : makeExternalId('pmcid', /^pmc/i.test(pmc) ? pmc : `PMC${pmc}`),
    idOf('mag', ext('MAG')),
    idOf('acl', ext('ACL')),
  ];
  // The bulk datasets are keyed by corpus id; the Graph API by the sha id. Either comes first.
  return 'corpusid' in paper && !('paperId' in paper) ? idList(ids[1], ...ids) : idList(...ids);
}

function venueOf(paper: Json): VenueRecord | null {
  const venue = isObject(field(paper, 'publicationVenue')) ? (field(paper, 'publicationVenue') as Json) : null;
  const journal = isObject(paper.journal) ? paper.journal : null;
  const name = text(venue?.name) ?? text(journal?.name) ?? text(paper.venue);
  if (name === null) return null;
  const issn = text(venue?.issn);
  return {
    name,
    issn,
    type: text(venue?.type),
    ids: idList(issn === null ? null : makeExternalId('issn', issn)),
  };
}

function authorsOf(paper: Json): AuthorshipRecord[] {
  return array(paper.authors)
    .filter(isObject)
    .map((author): AuthorshipRecord | null => {
      const name = text(author.name);
      if (name === null) return null;
      return {
        rawName: name,
        name,
        orcid: null,
        ids: [],
        institutions: array(author.affiliations)
          .map(text)
          .filter((affiliation): affiliation is string => affiliation !== null)
          .map((affiliation) => ({ name: affiliation, ror: null, country: null, type: null, ids: [] })),
      };
    })
    .filter((author): author is AuthorshipRecord => author !== null);
}

/** Fields of study given by the sources (`fieldsOfStudy`), else S2's classifier's categories, once each. */
function keywordsOf(paper: Json): string[] {
  const external = array(field(paper, 'fieldsOfStudy')).map(text);
  const classified = array(field(paper, 's2FieldsOfStudy')).map((entry) =>
    isObject(entry) ? text(entry.category) : null,
  );
  const terms = (external.length > 0 ? external : classified).filter((term): term is string => term !== null);
  return [...new Set(terms)];
}

/** A nested paper (a reference, a citing paper) as an entry of a reference list. */
function referenceTo(paper: Json): ReferenceRecord {
  const ids = idsOf(paper);
  const doi = ids.find((id) => id.namespace === 'doi');
  const authors = authorsOf(paper).map((author) => author.name);
  return {
    rawText: null,
    sourceDatabase: null,
    target: ids[0] ?? null,
    title: text(paper.title),
    authors: authors.length ? authors.join(', ') : null,
    year: yearOf(paper.year),
    venue: venueOf(paper)?.name ?? null,
    doi: doi?.value ?? null,
    volume: null,
    firstPage: null,
  };
}

/** The paper a citation/reference wrapper holds (`{citingPaper}`, `{citedPaper}`), or the paper itself. */
const unwrap = (entry: unknown, key: 'citingPaper' | 'citedPaper'): Json | null =>
  isObject(entry) ? (isObject(entry[key]) ? entry[key] : entry) : null;

/** One paper object -> its WorkRecord (without the works its nested lists hold). */
function paperToWork(paper: Json, line: number | null = null, extraReferences: ReferenceRecord[] = []): WorkRecord {
  const title = text(paper.title);
  const label = paperIdOf(paper) ?? text(field(paper, 'corpusId')) ?? '';
  if (title === null)
    throw new RecordError(`paper ${label} has no title (only its id was returned)`.replace('  ', ' '), line);
  const authors = authorsOf(paper);
  const year = yearOf(paper.year);
  const standard = idsOf(paper);
  const types = array(field(paper, 'publicationTypes')).map(text);
  const references = array(paper.references)
    .map((entry) => unwrap(entry, 'citedPaper'))
    .filter((cited): cited is Json => cited !== null)
    .map(referenceTo);
  return {
    ids: standard.length > 0 ? standard : idList(contentId(title, year, authors)),
    title,
    abstract: text(paper.abstract),
    year,
    publicationDate: text(field(paper, 'publicationDate')),
    doi: standard.find((id) => id.namespace === 'doi')?.value ?? null,
    type: types[0] ?? null,
    language: null,
    venue: venueOf(paper),
    authors,
    keywords: keywordsOf(paper),
    references: [...references, ...extraReferences],
  };
}

/**
 * A paper with everything nested in it: the works it cites (first, so the paper's own complete
 * record is written after them), itself, and the works that cite it, each with a reference to it.
 */
function paperAndNested(paper: Json, collector: BatchCollector, line: number | null = null) {
  let self: WorkRecord | null = null;
  collector.keep(() => {
    self = paperToWork(paper, line);
    return null;
  });
  const target = self === null ? null : referenceTo(paper);
  array(paper.references).forEach((entry, index) => {
    const cited = unwrap(entry, 'citedPaper');
    if (cited) collector.keep(() => paperToWork(cited, line), `references[${index}]`);
  });
  if (self) collector.works.push(self);
  array(paper.citations).forEach((entry, index) => {
    const citing = unwrap(entry, 'citingPaper');
    if (citing) collector.keep(() => paperToWork(citing, line, target ? [target] : []), `citations[${index}]`);
  });
}

/** Rows of the S2AG datasets that are not papers, by a key only they have. */
const NOT_PAPERS: Array<[string, string]> = [
  ['citingcorpusid', 'a citations row is an edge between two papers'],
  ['sha', 'a paper-ids row maps a sha to a corpus id'],
  ['authorid', 'an authors row is an author'],
  ['alternate_issns', 'a publication-venues row is a venue'],
  ['openaccessinfo', 'an abstracts row adds an abstract to a paper'],
  ['model', 'a tldrs row adds a summary to a paper'],
  ['content', 'an s2orc row is a full text'],
];

function notAPaper(value: Json): string | null {
  if ('title' in value) return null;
  return NOT_PAPERS.find(([key]) => key in value)?.[1] ?? null;
}

function documentWorks(document: unknown, collector: BatchCollector, line: number | null = null) {
  if (Array.isArray(document)) {
    for (const entry of document) documentWorks(entry, collector, line);
    return;
  }
  if (!isObject(document)) {
    collector.errors.push(new RecordError('expected a Semantic Scholar paper object', line));
    return;
  }
  const reason = notAPaper(document);
  if (reason !== null) {
    collector.errors.push(
      new RecordError(`not a paper: ${reason}; CiteQL writes whole works, so it is not imported`, line),
    );
  } else if (Array.isArray(document.data)) documentWorks(document.data, collector, line);
  else if (isObject(document.citingPaper)) paperAndNested(document.citingPaper, collector, line);
  else if (isObject(document.citedPaper)) paperAndNested(document.citedPaper, collector, line);
  else if (Array.isArray(document.papers) && !('title' in document)) documentWorks(document.papers, collector, line);
  else paperAndNested(document, collector, line);
}

function parseS2Line(lineText: string, line: number): WorkRecord | null {
  const value = jsonLine(lineText, line);
  if (value === undefined) return null;
  if (!isObject(value)) throw new RecordError('expected a paper object', line);
  const reason = notAPaper(value);
  if (reason !== null) throw new RecordError(`not a paper: ${reason}; CiteQL writes whole works`, line);
  return paperToWork(value, line);
}

export function parseS2Text(fileText: string): ParsedBatch {
  const collector = new BatchCollector();
  const document = jsonDocument(fileText);
  if (document !== undefined) {
    documentWorks(document, collector);
    return collector.batch();
  }
  fileText.split('\n').forEach((lineText, index) => {
    collector.keep(() => parseS2Line(lineText, index + 1));
  });
  return collector.batch();
}

/** A `citations` or `abstracts` row: what it adds to which paper (by corpus id). */
function parseAdditionLine(lineText: string, line: number): Addition | null {
  const value = jsonLine(lineText, line);
  if (value === undefined) return null;
  if (!isObject(value)) throw new RecordError('expected a citations or abstracts row (a JSON object)', line);
  if ('citingcorpusid' in value) {
    const citing = idOf('s2corpus', value.citingcorpusid);
    if (citing === null) throw new RecordError('citations row without a citingcorpusid', line);
    return { kind: 'citation', citing, cited: idOf('s2corpus', value.citedcorpusid) };
  }
  const paper = idOf('s2corpus', value.corpusid);
  if (paper === null || !('abstract' in value)) {
    throw new RecordError('expected a citations row (citingcorpusid) or an abstracts row (corpusid, abstract)', line);
  }
  const abstract = text(value.abstract);
  return abstract === null ? null : { kind: 'abstract', paper, abstract };
}

/** The first row of a bulk `citations` or `abstracts` file. */
const BULK_ADDITIONS = /^\s*\{"(citingcorpusid"|corpusid"\s*:\s*\d+\s*,\s*"openaccessinfo")/;

/** Graph API objects name `paperId`/`citingPaper`/`citedPaper`; bulk paper rows have `corpusid` and a title. */
const GRAPH = /"(paperId|citingPaper|citedPaper)"\s*:/;
const BULK_PAPER = /^\s*\{"corpusid"\s*:\s*\d+\s*,\s*"externalids"[^\n]*"title"\s*:/;

export const s2: IngestFormat = {
  name: 's2',
  description:
    'Semantic Scholar: Graph API paper JSON (with citations and references), the bulk papers JSONL, and the bulk ' +
    'citations and abstracts JSONL (merged into papers already imported)',
  detect: (fileName, head) =>
    isJsonName(fileName) && (GRAPH.test(head) || BULK_PAPER.test(head) || BULK_ADDITIONS.test(head)),
  parseText: parseS2Text,
  lineByLine: { applies: (fileName) => /\.(jsonl|ndjson)(\.gz)?$/i.test(fileName), parse: parseS2Line },
  additionsByLine: { applies: (head) => BULK_ADDITIONS.test(head), parse: parseAdditionLine },
};
