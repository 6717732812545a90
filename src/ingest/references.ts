/**
 * Reference strings as users have them -> the parts resolution needs, and the match keys both sides
 * of a resolution are compared by (src/ingest/write.ts, migration 0005):
 *
 * - WoS CR: `Smith J, 2001, NATURE, V409, P1, DOI 10.x` (no title; the source is an abbreviation)
 * - CNKI, as on the node page: `[1] LIU Weidong;Key Laboratory …;, Title, Journal,`
 * - free text (Crossref `unstructured`): DOI and year found anywhere, a quoted title when there is one
 *
 * Pure functions, no node: imports (they run in the CLI and in workerd).
 */
import { makeExternalId } from '../ids';
import { type ReferenceRecord, referenceRecord } from './record';

/** The first DOI written in a text (`DOI 10.x/y`, `doi:10.x/y`, `https://doi.org/10.x/y`), trailing punctuation off. */
export function findDoi(text: string): string | null {
  // SICI DOIs hold `;` and `()`: only what cannot end a DOI is cut off its end.
  const match = /\b(10\.\d{4,9}\/[^\s,\]]+)/.exec(text);
  let doi = match?.[1]?.replace(/[.;]+$/, '') ?? null;
  while (doi?.endsWith(')') && doi.split('(').length < doi.split(')').length) doi = doi.slice(0, -1);
  return doi;
}

const YEAR = /^(1[5-9]\d\d|20\d\d)[a-z]?$/;

const NON_ASCII = /[\u0080-\uffff]/;

/** Letters and digits only, case and diacritics folded: `Health-Related` and `health related` agree. */
export function foldKey(text: string): string {
  // ASCII (most keys) folds the same without Unicode normalisation: a quarter-million entries a WoS set.
  if (!NON_ASCII.test(text)) return text.toLowerCase().replace(/[^a-z0-9]+/g, '');
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

/** Below this many folded characters a title says too little to identify a work (`Preface`). */
const MIN_TITLE_KEY = 8;
const MIN_CJK_TITLE_KEY = 4;

/** `year|folded title`: the key of the title + year rule; null when either is missing or too short. */
export function titleKey(title: string | null, year: number | null): string | null {
  if (title === null || year === null) return null;
  const folded = foldKey(title);
  if (folded.length < (CJK.test(folded) ? MIN_CJK_TITLE_KEY : MIN_TITLE_KEY)) return null;
  return `${year}|${folded}`;
}

/** A volume or page as compared: `V057` and `57` agree, `P e1234` and `E1234` too. */
function locatorPart(value: string | null): string | null {
  if (value === null) return null;
  const folded = foldKey(value).replace(/^0+(?=\w)/, '');
  return folded === '' ? null : folded;
}

/**
 * `surname|year|volume|first page`: the key of the first author + year + volume + first page rule;
 * null when any part is missing. `surname` is one folded word (see surnameOfCited / surnameOfAuthor).
 */
export function locatorKey(
  surname: string | null,
  year: number | null,
  volume: string | null,
  firstPage: string | null,
): string | null {
  const volumeKey = locatorPart(volume);
  const pageKey = locatorPart(firstPage);
  if (surname === null || surname === '' || year === null || volumeKey === null || pageKey === null) return null;
  return `${surname}|${year}|${volumeKey}|${pageKey}`;
}

/** The first word of a name, folded; a CJK name whole (its surname is not separated). */
function firstWordKey(text: string): string | null {
  const trimmed = text.trim();
  if (CJK.test(trimmed)) return foldKey(trimmed) || null;
  const word = trimmed.split(/[\s.]+/).find((part) => foldKey(part) !== '');
  return word === undefined ? null : foldKey(word);
}

/**
 * The surname of a paper's author, from the name as printed: `Pino Uribe, Juan F.` -> `pino`,
 * `Juan F. Pino` -> `pino` (no comma: western order, last word), `刘霞` -> `刘霞`.
 */
export function surnameOfAuthor(name: string): string | null {
  const comma = name.indexOf(',');
  if (comma > 0) return firstWordKey(name.slice(0, comma));
  if (CJK.test(name)) return firstWordKey(name);
  const words = name.trim().split(/\s+/);
  return firstWordKey(words[words.length - 1] ?? '');
}

/** The surname of a cited first author as reference lists print it: surname first (`Pino Uribe JF`, `LIU Weidong`). */
export function surnameOfCited(name: string): string | null {
  const comma = name.indexOf(',');
  return firstWordKey(comma > 0 ? name.slice(0, comma) : name);
}

/** Splits on `separator` outside square brackets (`DOI [10.1/a, DOI 10.1/a]` stays whole). */
export function splitOutsideBrackets(text: string, separator: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (char === '[') depth++;
    else if (char === ']') depth = Math.max(0, depth - 1);
    else if (depth === 0 && text.startsWith(separator, index)) {
      parts.push(text.slice(start, index));
      start = index + separator.length;
      index += separator.length - 1;
    }
  }
  parts.push(text.slice(start));
  return parts.map((part) => part.trim()).filter((part) => part !== '');
}

const empty = (rawText: string, sourceDatabase: string | null): ReferenceRecord =>
  referenceRecord({ rawText, sourceDatabase });

function withDoi(reference: ReferenceRecord, doi: string | null): ReferenceRecord {
  if (doi === null) return reference;
  return { ...reference, doi, target: makeExternalId('doi', doi) };
}

/** The source database of WoS CR entries. */
export const WOS_SOURCE = 'Web of Science';

/**
 * One WoS CR entry: `AUTHOR, YEAR, SOURCE, Vvol, Ppage, DOI 10.x`. Every part is optional
 * (`[Anonymous], 1993, LAW 80`); `DOI DOI 10.x` and `DOI [10.x, DOI 10.x]` occur and give the first DOI.
 */
export function parseWosReference(rawText: string, sourceDatabase = WOS_SOURCE): ReferenceRecord {
  const reference = empty(rawText, sourceDatabase);
  const parts = splitOutsideBrackets(rawText, ', ');
  let doi: string | null = null;
  let index = 0;
  const first = parts[0];
  if (first !== undefined && !YEAR.test(first)) {
    if (!/^\[?anonymous\]?$/i.test(first)) reference.authors = first;
    index = 1;
  }
  for (; index < parts.length; index++) {
    const part = parts[index] ?? '';
    const volume = /^V(\d\S*)$/.exec(part);
    const page = /^(?:P|ARTN |AR )([A-Za-z]?\d\S*)$/.exec(part);
    if (reference.year === null && YEAR.test(part)) reference.year = Number(part.slice(0, 4));
    else if (/^DOI\b/i.test(part)) doi ??= findDoi(part);
    else if (volume && reference.volume === null) reference.volume = volume[1] ?? null;
    else if (page && reference.firstPage === null) reference.firstPage = page[1] ?? null;
    else if (reference.venue === null) reference.venue = part;
  }
  return withDoi(reference, doi);
}

/** Words that make a part of a CNKI author list an institution rather than a person. */
const INSTITUTION_WORDS =
  /(universit|institut|laborator|college|school|academ|center|centre|hospital|department|faculty|cas\b|ministry|bureau|company|corporation|大学|学院|研究|实验室|中心|医院|公司|科学院|部)/i;

/**
 * One CNKI reference as the node page prints it: `[n] AUTHOR;AUTHOR;INSTITUTION;, Title, Journal,`
 * (an optional year after the journal). Authors are the `;` parts that are not institutions.
 */
export function parseCnkiReference(rawText: string, sourceDatabase: string | null = 'CNKI'): ReferenceRecord {
  const reference = empty(rawText, sourceDatabase);
  const text = rawText.replace(/^\s*\[\d+\]\s*/, '').trim();
  const split = text.indexOf(';,');
  const people = split >= 0 ? text.slice(0, split) : '';
  const rest = (split >= 0 ? text.slice(split + 2) : text).trim();
  const authors = people
    .split(';')
    .map((part) => part.trim())
    .filter((part) => part !== '' && !INSTITUTION_WORDS.test(part));
  reference.authors = authors.length > 0 ? authors.join('; ') : null;
  const parts = rest
    .split(/,\s*/)
    .map((part) => part.trim())
    .filter((part) => part !== '');
  const last = parts[parts.length - 1];
  if (last !== undefined && YEAR.test(last)) {
    reference.year = Number(last.slice(0, 4));
    parts.pop();
  }
  if (parts.length >= 2) {
    reference.venue = parts.pop() ?? null;
    reference.title = parts.join(', ');
  } else if (parts.length === 1) {
    reference.title = parts[0] ?? null;
  }
  return withDoi(reference, findDoi(rest));
}

/**
 * A free-text citation (Crossref `unstructured`, anything else): the DOI, a year in brackets or
 * between commas/periods, a title in quotes; the text before the year as authors when short.
 */
export function parseUnstructuredReference(rawText: string, sourceDatabase: string | null = null): ReferenceRecord {
  const reference = empty(rawText, sourceDatabase);
  const doi = findDoi(rawText);
  const withoutDoi = doi === null ? rawText : rawText.replace(doi, ' ');
  const year = /[(\s,.](1[5-9]\d\d|20\d\d)[a-z]?[)\s,.;:]/.exec(` ${withoutDoi} `);
  if (year?.[1]) {
    reference.year = Number(year[1]);
    const before = withoutDoi.slice(0, Math.max(0, (year.index ?? 0) - 1)).replace(/[\s(,.]+$/, '');
    if (before.length > 0 && before.length <= 200) reference.authors = before;
  }
  const quoted = /["“]([^"”]{8,})[,.]?["”]/.exec(withoutDoi);
  if (quoted?.[1]) reference.title = quoted[1].replace(/[,.]$/, '').trim();
  const volume = /\b(?:vol\.?|volume|v\.)\s*(\d+)/i.exec(withoutDoi);
  if (volume?.[1]) reference.volume = volume[1];
  const pages = /\b(?:pp?\.)\s*(\d+)/i.exec(withoutDoi);
  if (pages?.[1]) reference.firstPage = pages[1];
  return withDoi(reference, doi);
}
