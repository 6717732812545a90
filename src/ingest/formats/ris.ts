/**
 * RIS <-> WorkRecord. Tags as the RIS specification and the common exporters (EndNote, Zotero,
 * Mendeley, RefMan, publishers) write them: `TY  - ` to `ER  - `, one or two spaces before the dash,
 * values continued on untagged lines, both the current tags (TI, AU, PY, DA, AB, T2, DO) and the
 * deprecated ones (T1, A1, Y1, N2, JF, JO) in whatever mix an exporter uses.
 *
 * Hand-written: the maintained parser (@citation-js/plugin-ris) requires an older citation.js core than
 * the BibTeX plugin, and the format is a flat list of tags.
 */
import { parseExternalId } from '../../ids';
import { type AuthorshipRecord, RecordError, type WorkRecord } from '../record';
import {
  BatchCollector,
  contentId,
  displayName,
  idList,
  idOf,
  isNameSuffix,
  isOrganisationName,
  isoDate,
  namedAuthor,
  splitName,
  yearOf,
} from './common';
import type { IngestFormat, ParsedBatch } from './format';

/** `TAG  - value`: two upper-case letters or a letter and a digit, one or two spaces, a dash. */
const TAG_LINE = /^([A-Z][A-Z0-9])\s{1,2}-(?: (.*)|\s*)$/;

type Fields = Map<string, string[]>;

interface RawRecord {
  fields: Fields;
  line: number;
}

function recordsOf(fileText: string): { records: RawRecord[]; errors: RecordError[] } {
  const records: RawRecord[] = [];
  const errors: RecordError[] = [];
  let current: RawRecord | null = null;
  let last: { tag: string; index: number } | null = null;
  fileText
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .forEach((rawLine, index) => {
      const line = rawLine.replace(/\s+$/, '');
      const tagged = TAG_LINE.exec(line);
      if (tagged) {
        const tag = tagged[1] ?? '';
        const value = (tagged[2] ?? '').trim();
        if (tag === 'TY') {
          if (current) errors.push(new RecordError('record not closed by ER before the next TY', current.line));
          current = { fields: new Map([['TY', [value]]]), line: index + 1 };
          last = null;
          return;
        }
        if (!current) return; // text before the first record
        if (tag === 'ER') {
          records.push(current);
          current = null;
          last = null;
          return;
        }
        const values = current.fields.get(tag) ?? [];
        values.push(value);
        current.fields.set(tag, values);
        last = { tag, index: values.length - 1 };
      } else if (current && last && line.trim() !== '') {
        // An untagged line continues the value above it (wrapped titles, multi-line keywords).
        const values = current.fields.get(last.tag) ?? [];
        values[last.index] = `${values[last.index] ?? ''}\n${line.trim()}`;
      }
    });
  if (current) records.push(current); // a last record without ER: everything it says is there
  return { records, errors };
}

const joined = (value: string) => value.replace(/\s*\n\s*/g, ' ').trim();

function first(fields: Fields, ...tags: string[]): string | null {
  for (const tag of tags) {
    const value = fields
      .get(tag)
      ?.map(joined)
      .find((entry) => entry !== '');
    if (value) return value;
  }
  return null;
}

/** Authors in file order, AU and A1 interleaved as written (both mean "primary author"). */
function authorNames(fields: Fields, order: string[]): string[] {
  const names: string[] = [];
  const cursor = new Map<string, number>();
  for (const tag of order) {
    if (tag !== 'AU' && tag !== 'A1') continue;
    const index = cursor.get(tag) ?? 0;
    cursor.set(tag, index + 1);
    const name = joined(fields.get(tag)?.[index] ?? '');
    if (name !== '') names.push(name);
  }
  return names;
}

/** "Family, Given" (or "Family,G.") as "Given Family"; other forms as written. */
function displayOf(rawName: string): string {
  const commas = rawName.split(',').length - 1;
  // An organisation's name with commas in it ("Council on X, Y, and Z") is not "Family, Given, Suffix".
  if (commas === 0 || (commas >= 2 && !isNameSuffix(rawName.split(',')[2] ?? ''))) return rawName;
  const { family, given } = splitName(rawName);
  const parts = rawName.split(',').map((part) => part.trim());
  // "Family, Given, Suffix" (RIS allows a suffix after a second comma)
  const suffix = parts.length > 2 ? parts.slice(2).join(' ') : null;
  return displayName(parts.length > 2 ? parts[1] : given, family, suffix);
}

/** RIS dates: `YYYY/MM/DD/other`, `YYYY-MM-DD`, or just a year. */
function dateOf(value: string | null): { date: string | null; year: number | null } {
  if (value === null) return { date: null, year: null };
  const parts = /^(\d{4})(?:[/-](\d{1,2})?(?:[/-](\d{1,2}))?)?/.exec(value.trim());
  if (!parts) return { date: null, year: yearOf(value) };
  const date = isoDate([Number(parts[1]), parts[2] ? Number(parts[2]) : null, parts[3] ? Number(parts[3]) : null]);
  return { date, year: Number(parts[1]) };
}

/** A DOI from DO, else from a DOI URL or a "doi: 10..." note (exporters that have no DO tag). */
function doiOf(fields: Fields): string | null {
  const doTag = first(fields, 'DO');
  const fromDo = doTag === null ? null : parseExternalId(doTag.replace(/^doi:\s*/i, ''));
  if (fromDo?.namespace === 'doi') return fromDo.value;
  for (const tag of ['UR', 'L1', 'L2', 'M3', 'N1']) {
    for (const value of fields.get(tag) ?? []) {
      const match = /(?:doi\.org\/|doi:\s*)(10\.\d{4,9}\/\S+)/i.exec(value);
      if (match?.[1]) return match[1].replace(/[.,;]$/, '');
    }
  }
  return null;
}

const ISSN = /^\d{4}-?\d{3}[\dXx]$/;

/** Where the work appeared: the journal's full name first, then its abbreviations, then a book's title. */
function venueNameOf(fields: Fields, type: string): string | null {
  const secondary = type === 'BOOK' ? null : first(fields, 'T2');
  return first(fields, 'JF') ?? secondary ?? first(fields, 'JO', 'JA', 'J2', 'BT');
}

/** Addresses (AD) go to authors only when there is one per author: RIS does not say whose an address is. */
function affiliationsOf(fields: Fields, authors: number): string[][] {
  const addresses = (fields.get('AD') ?? []).map(joined).filter((address) => address !== '');
  return addresses.length === authors ? addresses.map((address) => [address]) : [];
}

function workOf(raw: RawRecord, order: string[]): WorkRecord {
  const { fields, line } = raw;
  const type = first(fields, 'TY') ?? 'GEN';
  // A whole journal (JFULL) is titled by its journal name.
  const titleTags =
    type === 'BOOK' ? ['TI', 'T1', 'BT', 'CT'] : type === 'JFULL' ? ['TI', 'T1', 'JF', 'JO'] : ['TI', 'T1', 'CT', 'BT'];
  const title = first(fields, ...titleTags);
  const rawNames = authorNames(fields, order);
  const affiliations = affiliationsOf(fields, rawNames.length);
  const authors: AuthorshipRecord[] = rawNames.map((name, index) =>
    namedAuthor(name, displayOf(name), affiliations[index] ?? []),
  );
  // PY, then DA, and Y1 only without either (it is deprecated: Zotero's test says so).
  const { date, year } = dateOf(first(fields, 'PY', 'DA', 'Y1'));
  const fullDate = date && date.length < 10 ? (dateOf(first(fields, 'DA', 'Y1')).date ?? date) : date;
  const doi = doiOf(fields);
  // An untitled record (a personal communication) is still a work when it names its authors.
  if (title === null && doi === null && authors.length === 0) {
    throw new RecordError(`${type} record has no title (TI/T1), DOI or author`, line);
  }
  const issn = first(fields, 'SN');
  const venueName = venueNameOf(fields, type);
  const key = first(fields, 'ID');
  const ownId = key && /^[a-z0-9]+:\S+$/i.test(key) ? parseExternalId(key) : null;
  const standard = idList(
    ownId && ownId.namespace !== 'url' && ownId.namespace !== 'work' ? ownId : null,
    doi === null ? null : idOf('doi', doi),
  );
  return {
    ids: standard.length > 0 ? standard : idList(contentId(title ?? '', year, authors)),
    title: title ?? '',
    abstract: (fields.get('AB') ?? fields.get('N2'))?.map((value) => value.trim()).join('\n') || null,
    year,
    publicationDate: fullDate?.startsWith(String(year)) ? fullDate : null,
    doi,
    type,
    language: first(fields, 'LA'),
    venue:
      venueName === null
        ? null
        : {
            name: venueName,
            issn: issn && ISSN.test(issn) ? issn : null,
            type:
              type === 'JOUR' || type === 'JFULL' || type === 'EJOUR'
                ? 'journal'
                : type === 'CONF' || type === 'CPAPER'
                  ? 'conference'
                  : null,
            ids: idList(issn && ISSN.test(issn) ? idOf('issn', issn) : null),
          },
    authors,
    // One keyword a KW tag; an exporter that wraps several onto continuation lines puts one a line.
    keywords: (fields.get('KW') ?? []).flatMap((value) => value.split('\n').map((term) => term.trim())).filter(Boolean),
    references: [],
  };
}

/** The order tags appeared in a record, to interleave A1 and AU as written. */
function tagOrder(fileText: string, line: number): string[] {
  const order: string[] = [];
  for (const rawLine of fileText.split(/\r?\n/).slice(line - 1)) {
    const tagged = TAG_LINE.exec(rawLine.replace(/\s+$/, ''));
    if (!tagged) continue;
    if (tagged[1] === 'ER') break;
    order.push(tagged[1] ?? '');
  }
  return order;
}

export function parseRisText(fileText: string): ParsedBatch {
  const collector = new BatchCollector();
  const { records, errors } = recordsOf(fileText);
  collector.errors.push(...errors);
  if (records.length === 0 && errors.length === 0) collector.errors.push(new RecordError('no RIS record (TY  - ...)'));
  const lines = fileText.replace(/^\uFEFF/, '');
  for (const record of records) collector.keep(() => workOf(record, tagOrder(lines, record.line)));
  return collector.batch();
}

/** RIS types by the work types the other formats write (CSL, Crossref, OpenAlex). */
const RIS_TYPES: Record<string, string> = {
  'article-journal': 'JOUR',
  'journal-article': 'JOUR',
  article: 'JOUR',
  'paper-conference': 'CPAPER',
  'proceedings-article': 'CPAPER',
  book: 'BOOK',
  chapter: 'CHAP',
  'book-chapter': 'CHAP',
  thesis: 'THES',
  dissertation: 'THES',
  report: 'RPRT',
  webpage: 'ELEC',
};

/** One record as RIS, with the tags this importer reads back. */
export function workToRis(work: WorkRecord): string {
  const lines: string[] = [];
  const add = (tag: string, value: string | number | null | undefined) => {
    if (value === null || value === undefined || String(value).trim() === '') return;
    lines.push(`${tag}  - ${String(value).replace(/\s*\n\s*/g, ' ')}`);
  };
  const type = work.type && /^[A-Z]{2,6}$/.test(work.type) ? work.type : (RIS_TYPES[work.type ?? ''] ?? 'JOUR');
  add('TY', type);
  const primary = work.ids[0];
  if (primary && primary.namespace !== 'work') add('ID', `${primary.namespace}:${primary.value}`);
  add('TI', work.title);
  for (const author of work.authors) {
    const { family, given, suffix } = splitName(author.name);
    const written = [family, given ?? (suffix ? '' : null), suffix].filter((part) => part !== null).join(', ');
    add('AU', isOrganisationName(author.name) ? author.name : written);
  }
  // One AD per author keeps addresses attached to their authors on the way back.
  if (work.authors.every((author) => author.institutions.length > 0)) {
    for (const author of work.authors) add('AD', author.institutions.map((institution) => institution.name).join('; '));
  }
  add('PY', work.year);
  if (work.publicationDate) add('DA', work.publicationDate.replaceAll('-', '/'));
  add(type === 'BOOK' ? 'T3' : 'T2', work.venue?.name);
  add('SN', work.venue?.issn);
  add('DO', work.doi);
  add('LA', work.language);
  for (const keyword of work.keywords) add('KW', keyword);
  // Continuation lines keep the abstract's paragraphs (the importer joins them with newlines).
  if (work.abstract) lines.push(`AB  - ${work.abstract.replace(/\n\s*\n/g, '\n')}`);
  lines.push('ER  - ');
  return `${lines.join('\r\n')}\r\n`;
}

export const ris: IngestFormat = {
  name: 'ris',
  description: 'RIS (.ris): TY ... ER records from EndNote, Zotero, Mendeley, RefMan and publishers',
  detect: (fileName, head) =>
    /\.ris$/i.test(fileName) || (/\.txt$/i.test(fileName) && /^\uFEFF?\s*TY {1,2}- /.test(head)),
  parseText: parseRisText,
  recordsBegin: (firstLine) =>
    TAG_LINE.exec(firstLine.trim())?.[1] === 'TY'
      ? { headerLines: 0, begins: (line) => TAG_LINE.exec(line.replace(/\s+$/, ''))?.[1] === 'TY' }
      : null,
};
