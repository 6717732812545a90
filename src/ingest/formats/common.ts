/**
 * Small pieces the citation formats (Crossref, CSL-JSON, BibTeX, RIS, Semantic Scholar) share: reading
 * loosely typed JSON, identifier lists, person names, plain text out of markup, and the identity of a
 * work that comes without any identifier.
 */
import { type ExternalIdRef, makeExternalId, normalizeText } from '../../ids';
import { type AuthorshipRecord, RecordError, type WorkRecord } from '../record';
import type { ParsedBatch } from './format';

export type Json = Record<string, unknown>;

export const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
export const array = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
/** A trimmed non-empty string (numbers are written as strings), or null. */
export const text = (value: unknown): string | null => {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
};
/** The first usable string of a value that may be a string or a list of strings (Crossref's titles). */
export const firstText = (value: unknown): string | null =>
  Array.isArray(value) ? (value.map(text).find((item) => item !== null) ?? null) : text(value);

/** Identifiers without nulls and without repeats (by key), in the order given. */
export function idList(...candidates: Array<ExternalIdRef | null | undefined>): ExternalIdRef[] {
  const seen = new Set<string>();
  return candidates.filter((id): id is ExternalIdRef => {
    if (!id || seen.has(id.key)) return false;
    seen.add(id.key);
    return true;
  });
}

export const idOf = (namespace: string, value: unknown): ExternalIdRef | null => {
  const written = text(value);
  return written === null ? null : makeExternalId(namespace, written);
};

/** A year from a number or the first four-digit run of a date string ("2014/06/01", "1957-10"). */
export function yearOf(value: unknown): number | null {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  const match = typeof value === 'string' ? /(?:^|\D)(\d{4})(?:\D|$)/.exec(value) : null;
  return match?.[1] ? Number(match[1]) : null;
}

/** ISO date (YYYY, YYYY-MM or YYYY-MM-DD) from date parts, or null when the year is missing. */
export function isoDate(parts: readonly unknown[]): string | null {
  const [year, month, day] = parts.map((part) => (typeof part === 'string' ? Number(part) : part));
  if (typeof year !== 'number' || !Number.isInteger(year)) return null;
  const pad = (n: unknown) =>
    typeof n === 'number' && Number.isInteger(n) && n > 0 ? String(n).padStart(2, '0') : null;
  const m = pad(month);
  const d = m === null ? null : pad(day);
  return [String(year).padStart(4, '0'), m, d].filter((part) => part !== null).join('-');
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Decodes the XML/HTML character references a title or abstract may carry. */
export function decodeEntities(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/** Inline markup (`<i>`, `<sup>`, `<scp>` in Crossref and CSL titles) dropped, entities decoded, spaces folded. */
export function plainText(value: string | null): string | null {
  if (value === null) return null;
  const plain = decodeEntities(value.replace(/<[^>]*>/g, ''))
    .replace(/\s+/g, ' ')
    .trim();
  return plain === '' ? null : plain;
}

/** Lower-case words that belong to a family name when they precede it ("van Gogh", "de la Cruz"). */
const PARTICLES = new Set([
  'von',
  'van',
  'der',
  'den',
  'de',
  'del',
  'della',
  'di',
  'da',
  'la',
  'le',
  'du',
  'dos',
  'das',
  'ten',
  'ter',
  'zu',
]);

export interface PersonName {
  family: string;
  given: string | null;
  /** Jr., III ...: written after the family name ("Hora, Jr., Donald" in BibTeX). */
  suffix: string | null;
}

const SUFFIX = /^(jr|sr|jun|sen|[ivx]{1,4})\.?$/i;

/**
 * Splits a display name ("Nancy K. Adams", "Vincent van Gogh") into family and given names: the last
 * word, with the lower-case particles before it, is the family name. `displayName` is its inverse.
 */
export function splitName(name: string): PersonName {
  const comma = name.indexOf(',');
  if (comma > 0) {
    const given = name.slice(comma + 1).trim();
    return { family: name.slice(0, comma).trim(), given: given === '' ? null : given, suffix: null };
  }
  const words = name.trim().split(/\s+/);
  const suffix = words.length > 2 && SUFFIX.test(words[words.length - 1] ?? '') ? (words.pop() ?? null) : null;
  let start = words.length - 1;
  while (start > 1 && PARTICLES.has(words[start - 1] ?? '')) start--;
  const given = words.slice(0, start).join(' ');
  return { family: words.slice(start).join(' '), given: given === '' ? null : given, suffix };
}

/**
 * Whether a display name is an organisation's ("American Heart Association Council on ...") rather
 * than a person's: written whole (a CSL literal, a braced BibTeX name), never split into family/given.
 */
export function isOrganisationName(name: string): boolean {
  return /[,&]|\s(and|of|on|for|the|at|in|und|de la)\s/i.test(name) || name.trim().split(/\s+/).length >= 5;
}

export const isNameSuffix = (word: string) => SUFFIX.test(word.trim());

/** "Given Family" from parts, skipping the missing ones. */
export function displayName(...parts: Array<string | null | undefined>): string {
  return parts
    .map((part) => part?.trim())
    .filter((part): part is string => !!part)
    .join(' ');
}

/** An authorship known by its name only (no identifier, perhaps institutions). */
export function namedAuthor(rawName: string, name: string, institutions: string[] = []): AuthorshipRecord {
  return {
    rawName,
    name,
    orcid: null,
    ids: [],
    institutions: institutions.map((institution) => ({
      name: institution,
      ror: null,
      country: null,
      type: null,
      ids: [],
    })),
  };
}

/**
 * The identity of a work that has no identifier: `work:<title>|<year>|<first author's family name>`,
 * normalized, so the same work read from a BibTeX and from a RIS file is one paper.
 */
export function contentId(
  title: string,
  year: number | null,
  authors: readonly AuthorshipRecord[],
): ExternalIdRef | null {
  const first = authors[0];
  const family = first ? splitName(first.name).family : '';
  const words = (value: string) =>
    normalizeText(value)
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim();
  return makeExternalId('work', `${words(title)}|${year ?? ''}|${words(family)}`);
}

/** A keyword list split on `;` (and on `,` when `commas`), trimmed, without empties. */
export function splitTerms(value: string | null, commas = true): string[] {
  if (value === null) return [];
  return value
    .split(commas ? /[;,]/ : /;/)
    .map((term) => term.trim())
    .filter((term) => term !== '');
}

/** Runs record parsers, keeping each record or its error; other exceptions are bugs and propagate. */
export class BatchCollector implements ParsedBatch {
  readonly works: WorkRecord[] = [];
  readonly errors: RecordError[] = [];

  keep(parse: () => WorkRecord | WorkRecord[] | null, context?: string): void {
    try {
      const parsed = parse();
      if (Array.isArray(parsed)) this.works.push(...parsed);
      else if (parsed) this.works.push(parsed);
    } catch (error) {
      if (!(error instanceof RecordError)) throw error;
      this.errors.push(context ? new RecordError(`${context}: ${error.message}`, error.line) : error);
    }
  }

  batch(): ParsedBatch {
    return { works: this.works, errors: this.errors };
  }
}

/** A JSON document, or undefined when the text is not one (JSONL, or broken). */
export function jsonDocument(fileText: string): unknown {
  try {
    return JSON.parse(fileText);
  } catch {
    return undefined;
  }
}

/** Whether a file name is JSON, compressed or not (the CLI unpacks `.gz` before parsing). */
export const isJsonName = (fileName: string) => /\.(json|jsonl|ndjson)(\.gz)?$/i.test(fileName);

/** One line of a JSONL file: its value, undefined for a blank line, a RecordError for bad JSON. */
export function jsonLine(lineText: string, line: number): unknown {
  if (lineText.trim() === '') return undefined;
  try {
    return JSON.parse(lineText);
  } catch (error) {
    throw new RecordError(`not valid JSON (${(error as Error).message})`, line);
  }
}
