/**
 * CSL-JSON <-> WorkRecord. Reads an array of items, one item, or an object of items keyed by their id
 * (citation.js's fixtures), strict CSL and Crossref's "citeproc-json" dialect (JATS abstracts, author
 * affiliations, `reference[]`). Crossref's REST works (./crossref.ts) and BibTeX read through
 * citation.js (./bibtex.ts) reach WorkRecord through the same `cslToWork`, and the export
 * (`Paper.cite`) writes CSL with `workToCsl`, so the three stay consistent.
 */
import { type ExternalIdRef, externalIdUrl, makeExternalId, parseExternalId } from '../../ids';
import {
  type AuthorshipRecord,
  type InstitutionRecord,
  RecordError,
  type ReferenceRecord,
  type VenueRecord,
  type WorkRecord,
} from '../record';
import {
  array,
  BatchCollector,
  contentId,
  displayName,
  firstText,
  idList,
  idOf,
  isJsonName,
  isObject,
  isOrganisationName,
  isoDate,
  type Json,
  jsonDocument,
  plainText,
  splitName,
  splitTerms,
  text,
  yearOf,
} from './common';
import type { IngestFormat, ParsedBatch } from './format';
import { jatsToText } from './jats';

/** Venue kinds by work type (CSL and Crossref names), as OpenAlex names source types. */
const VENUE_TYPES: Record<string, string> = {
  'article-journal': 'journal',
  'journal-article': 'journal',
  'paper-conference': 'conference',
  'proceedings-article': 'conference',
  chapter: 'book',
  'book-chapter': 'book',
};

/** A CSL date (`{date-parts: [[y, m, d]]}`, or `{raw}` / `{literal}`) as an ISO date and a year. */
function dateOf(value: unknown): { date: string | null; year: number | null } {
  if (!isObject(value)) return { date: null, year: null };
  const parts = array(array(value['date-parts'])[0]);
  const date = isoDate(parts);
  if (date !== null) return { date, year: Number(date.slice(0, 4)) };
  const year = yearOf(text(value.raw) ?? text(value.literal));
  return { date: null, year };
}

/** The first dated field: `issued`, then Crossref's `published*` (the same date told other ways). */
function publicationOf(item: Json) {
  for (const field of ['issued', 'published', 'published-print', 'published-online']) {
    const found = dateOf(item[field]);
    if (found.year !== null) return found;
  }
  return { date: null, year: null };
}

function institutionsOf(person: Json): InstitutionRecord[] {
  return array(person.affiliation)
    .map((affiliation): InstitutionRecord | null => {
      const name = isObject(affiliation) ? text(affiliation.name) : text(affiliation);
      if (name === null) return null;
      // Crossref lists the affiliation's ROR among `id: [{id, id-type}]` when the publisher gave it.
      const ror = isObject(affiliation)
        ? array(affiliation.id)
            .filter(isObject)
            .map((id) => (text(id['id-type'])?.toUpperCase() === 'ROR' ? parseExternalId(text(id.id) ?? '') : null))
            .find((id) => id?.namespace === 'ror')
        : undefined;
      return { name, ror: ror?.value ?? null, country: null, type: null, ids: idList(ror) };
    })
    .filter((institution): institution is InstitutionRecord => institution !== null);
}

/** A CSL name: `{family, given, particles, suffix}` or `{literal}` (an organisation). */
function authorOf(person: Json): AuthorshipRecord | null {
  const literal = text(person.literal) ?? text(person.name);
  const family = displayName(text(person['non-dropping-particle']), text(person.family));
  const given = displayName(text(person.given), text(person['dropping-particle']));
  const name = literal ?? (displayName(given, family, text(person.suffix)) || null);
  if (name === null) return null;
  // A URL (`https://orcid.org/0000-...`) as Crossref writes it, or the bare id. Not a list: one dump
  // file gives a co-author's ORCID as a one-element list, which would make the two one person.
  const written = text(person.ORCID) ?? text(person.orcid) ?? '';
  const orcid = /^\d{4}-\d{4}-\d{4}-\d{3}[\dX]$/i.test(written)
    ? makeExternalId('orcid', written)
    : parseExternalId(written);
  const orcidRef = orcid?.namespace === 'orcid' ? orcid : null;
  return {
    rawName: literal ?? (family && given ? `${family}, ${given}` : name),
    name,
    orcid: orcidRef?.value ?? null,
    ids: idList(orcidRef),
    institutions: institutionsOf(person),
  };
}

/** A `reference[]` entry of Crossref's dialect (and of the REST API's works). */
function referenceOf(entry: Json): ReferenceRecord {
  const doi = text(entry.DOI);
  const target = doi === null ? null : parseExternalId(doi);
  const articleTitle = text(entry['article-title']);
  return {
    rawText: text(entry.unstructured),
    sourceDatabase: null,
    target: target?.namespace === 'doi' ? target : null,
    title: plainText(articleTitle ?? text(entry['volume-title']) ?? text(entry['series-title'])),
    authors: text(entry.author),
    year: yearOf(text(entry.year)),
    venue: plainText(text(entry['journal-title']) ?? (articleTitle ? text(entry['volume-title']) : null)),
    doi: target?.namespace === 'doi' ? target.value : null,
    volume: text(entry.volume),
    firstPage: text(entry['first-page']),
  };
}

/** An ISSN from `ISSN` (a string or a list), preferring the print one Crossref marks in `issn-type`. */
function issnOf(item: Json): string | null {
  const print = array(item['issn-type'])
    .filter(isObject)
    .find((entry) => text(entry.type) === 'print');
  return (text(print?.value) ?? firstText(item.ISSN))?.replace(/[{}]/g, '') ?? null;
}

function venueOf(item: Json, type: string | null): VenueRecord | null {
  const name = plainText(firstText(item['container-title']));
  if (name === null) return null;
  const issn = issnOf(item);
  return {
    name,
    issn,
    type: (type && VENUE_TYPES[type]) ?? null,
    ids: idList(issn === null ? null : makeExternalId('issn', issn)),
  };
}

/** The abstract as plain text: Crossref's is JATS, citation.js may hand over HTML. */
function abstractOf(value: unknown): string | null {
  const written = text(value);
  if (written === null) return null;
  return /<\/?\s*(jats:)?[a-z]/i.test(written) ? jatsToText(written) : written;
}

/** An item's own id (`id`, BibTeX's citation key) when it is a namespaced identifier (`openalex:W1`). */
function ownId(item: Json): ExternalIdRef | null {
  const id = text(item.id) ?? text(item['citation-key']);
  if (id === null || !/^[a-z0-9]+:\S+$/i.test(id)) return null;
  const parsed = parseExternalId(id);
  return parsed && parsed.namespace !== 'url' && parsed.namespace !== 'work' ? parsed : null;
}

/** One CSL item (or Crossref REST work: the same names, lists where CSL has strings) -> WorkRecord. */
export function cslToWork(item: unknown, line: number | null = null): WorkRecord {
  if (!isObject(item)) throw new RecordError('expected a CSL item (an object)', line);
  const title = plainText(firstText(item.title)) ?? '';
  const subtitle = plainText(firstText(item.subtitle));
  const fullTitle = subtitle && title && !title.includes(subtitle) ? `${title}: ${subtitle}` : title;
  const { date, year } = publicationOf(item);
  const authors = array(item.author)
    .filter(isObject)
    .map(authorOf)
    .filter((author): author is AuthorshipRecord => author !== null);
  // citation.js keeps BibTeX's protective braces in verbatim fields (`doi = {{10.1/x}}`).
  const doi = parseExternalId(text(item.DOI)?.replace(/[{}]/g, '') ?? '');
  const doiRef = doi?.namespace === 'doi' ? doi : null;
  const pmcid = text(item.PMCID);
  const standard = idList(
    ownId(item),
    doiRef,
    idOf('pmid', item.PMID),
    pmcid === null ? null : makeExternalId('pmcid', /^pmc/i.test(pmcid) ? pmcid : `PMC${pmcid}`),
  );
  // Crossref registers works with no title (letters, errata): kept, they are real works with a DOI.
  if (fullTitle === '' && standard.length === 0) {
    throw new RecordError(`item ${text(item.id) ?? ''} has neither a title nor an identifier`.replace('  ', ' '), line);
  }
  const ids = standard.length > 0 ? standard : idList(contentId(fullTitle, year, authors));
  const type = text(item.type);
  return {
    ids,
    title: fullTitle,
    abstract: abstractOf(item.abstract),
    year,
    publicationDate: date,
    doi: doiRef?.value ?? null,
    type,
    language: text(item.language),
    venue: venueOf(item, type),
    authors,
    keywords: splitTerms(text(item.keyword) ?? (Array.isArray(item.keyword) ? item.keyword.join(';') : null)),
    references: array(item.reference).filter(isObject).map(referenceOf),
  };
}

/** The items of a CSL-JSON document: an array, one item, or an object of items (or lists) keyed by id. */
function itemsOf(document: unknown): unknown[] | null {
  if (Array.isArray(document)) return document;
  if (!isObject(document)) return null;
  if ('type' in document || 'title' in document || 'id' in document) return [document];
  const values = Object.values(document);
  if (values.length > 0 && values.every((value) => isObject(value) || Array.isArray(value))) {
    return values.flatMap((value) => (Array.isArray(value) ? value : [value]));
  }
  return null;
}

export function parseCslJsonText(fileText: string): ParsedBatch {
  const collector = new BatchCollector();
  const items = itemsOf(jsonDocument(fileText));
  if (items === null) {
    collector.errors.push(new RecordError('not a CSL-JSON document (an array or object of items)'));
    return collector.batch();
  }
  items.forEach((item, index) => {
    collector.keep(() => cslToWork(item), `item ${index + 1}`);
  });
  return collector.batch();
}

/** CSL types by the work types the formats write (Crossref, OpenAlex, RIS, Semantic Scholar). */
const CSL_TYPES: Record<string, string> = {
  'journal-article': 'article-journal',
  article: 'article-journal',
  'proceedings-article': 'paper-conference',
  'book-chapter': 'chapter',
  dissertation: 'thesis',
  'posted-content': 'article',
  preprint: 'article',
  // RIS
  JOUR: 'article-journal',
  JFULL: 'article-journal',
  EJOUR: 'article-journal',
  MGZN: 'article-magazine',
  NEWS: 'article-newspaper',
  CONF: 'paper-conference',
  CPAPER: 'paper-conference',
  BOOK: 'book',
  EBOOK: 'book',
  CHAP: 'chapter',
  ECHAP: 'chapter',
  THES: 'thesis',
  RPRT: 'report',
  ELEC: 'webpage',
  PAT: 'patent',
  // Semantic Scholar's publicationTypes
  JournalArticle: 'article-journal',
  Review: 'article-journal',
  Conference: 'paper-conference',
  Book: 'book',
  BookSection: 'chapter',
  Dataset: 'dataset',
};

const CSL_TYPE_NAMES = new Set([
  'article',
  'article-journal',
  'article-magazine',
  'article-newspaper',
  'book',
  'chapter',
  'paper-conference',
  'thesis',
  'report',
  'webpage',
  'patent',
  'dataset',
  'manuscript',
]);

/** A CSL type for a record's type; unknown ones become a journal article when there is a venue to keep. */
function cslType(work: WorkRecord): string {
  const known = work.type ? (CSL_TYPES[work.type] ?? (CSL_TYPE_NAMES.has(work.type) ? work.type : null)) : null;
  return known ?? (work.venue ? 'article-journal' : 'article');
}

/** A WorkRecord as a CSL item in Crossref's dialect (affiliations, `reference[]`), for `Paper.cite`. */
export function workToCsl(work: WorkRecord): Json {
  const primary = work.ids[0];
  const ids = new Map(work.ids.map((id) => [id.namespace, id.value]));
  const dateParts = (work.publicationDate ?? (work.year === null ? '' : String(work.year)))
    .split('-')
    .map(Number)
    .filter((part) => Number.isInteger(part) && part > 0);
  const item: Json = {
    id: primary && primary.namespace !== 'work' ? `${primary.namespace}:${primary.value}` : 'work',
    type: cslType(work),
    title: work.title,
    author: work.authors.map((author) => {
      const { family, given, suffix } = splitName(author.name);
      const name = isOrganisationName(author.name) ? { literal: author.name } : { family };
      return {
        ...name,
        ...(given === null || 'literal' in name ? {} : { given }),
        ...(suffix === null || 'literal' in name ? {} : { suffix }),
        ...(author.orcid === null ? {} : { ORCID: externalIdUrl('orcid', author.orcid) }),
        ...(author.institutions.length ? { affiliation: author.institutions.map((i) => ({ name: i.name })) } : {}),
      };
    }),
  };
  if (dateParts.length) item.issued = { 'date-parts': [dateParts] };
  if (work.venue) item['container-title'] = work.venue.name;
  if (work.venue?.issn) item.ISSN = work.venue.issn;
  if (work.doi) item.DOI = work.doi;
  if (ids.has('pmid')) item.PMID = ids.get('pmid');
  if (ids.has('pmcid')) item.PMCID = ids.get('pmcid');
  const url = primary ? externalIdUrl(primary.namespace, primary.value) : null;
  if (url) item.URL = work.doi ? externalIdUrl('doi', work.doi) : url;
  if (work.abstract) item.abstract = work.abstract;
  if (work.keywords.length) item.keyword = work.keywords.join('; ');
  if (work.language) item.language = work.language;
  if (work.references.length) {
    item.reference = work.references.map((reference, index) => {
      const entry: Json = { key: `ref${index + 1}` };
      if (reference.doi) entry.DOI = reference.doi;
      if (reference.rawText) entry.unstructured = reference.rawText;
      if (reference.title) entry['article-title'] = reference.title;
      if (reference.authors) entry.author = reference.authors;
      if (reference.year !== null) entry.year = String(reference.year);
      if (reference.venue) entry['journal-title'] = reference.venue;
      if (reference.volume) entry.volume = reference.volume;
      if (reference.firstPage) entry['first-page'] = reference.firstPage;
      return entry;
    });
  }
  return item;
}

/** Keys CSL items have (Crossref's dialect too) and the other JSON formats CiteQL reads do not. */
const CSL_TITLE = /"title"\s*:\s*"/;
const CSL_KEYS = /"(type|issued|container-title|citation-key|author)"\s*:/;
/** Keys of the JSON formats that are not CSL: OpenAlex works, Crossref REST envelopes, Semantic Scholar. */
const OTHER_JSON =
  /"(authorships|referenced_works|abstract_inverted_index|publication_year|primary_location|message-type|paperId|corpusId|corpusid|citingPaper|citedPaper)"\s*:|"title"\s*:\s*\[/;

export const cslJson: IngestFormat = {
  name: 'csl-json',
  description: "CSL-JSON: an array, one item, or items keyed by id; strict CSL or Crossref's citeproc-json dialect",
  detect: (fileName, head) =>
    isJsonName(fileName) &&
    /^\s*[[{]/.test(head) &&
    CSL_TITLE.test(head) &&
    CSL_KEYS.test(head) &&
    !OTHER_JSON.test(head),
  parseText: parseCslJsonText,
};
