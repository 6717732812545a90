/**
 * CNKI (中国知网) exports -> WorkRecord: EndNote/Refer (`%0 … %W CNKI`) and RefWorks (`RT … DS CNKI`).
 *
 * - Authors: `%A` (repeated, or `;`-joined) / `A1` (`;` or `,` joined). Supervisors (`%Y`, `A3`) are
 *   not authors.
 * - Affiliations `%+` / `AD` are the record's, `;`-separated (`,` when a `!` marks the place:
 *   `东北师范大学生命科学学院!长春130024`), not tied to authors by the export. They are given to authors
 *   only where that is certain or conventional: one affiliation -> every author; as many affiliations
 *   as authors -> by position (CNKI repeats an institution for each author then); otherwise every
 *   author gets all of them (the paper's institutions stay right; which author is where is unknown).
 * - Name-only authors are one person across records only with the same name at the same (first)
 *   affiliation (`nameScope`); an author with no affiliation only within the record.
 * - Ids: the DOI (`%R`/`DO`, or a doi link), a CNKI URL id (`link.cnki.net/urlid/…`), a patent number;
 *   else a fingerprint of title, year and first author (`cnki:fp-…`), so a re-import finds the record.
 * - Language `LA` (`中文` -> zh), else zh when the title is Chinese.
 */
import { makeExternalId, normalizeText } from '../../ids';
import { type AuthorshipRecord, type InstitutionRecord, RecordError, type WorkRecord } from '../record';
import type { IngestFormat, ParsedBatch } from './format';

type Fields = Map<string, string[]>;

interface RawRecord {
  fields: Fields;
  line: number;
}

/** RefWorks tags CNKI writes (two letters, and URL); anything else at a line start continues a value. */
const REFWORKS_TAGS = new Set(
  (
    'RT SR A1 A2 A3 A4 A5 A6 AD T1 T2 T3 JF JO JA YR FD IS VO VL SP OP K1 AB NO SN DS LK DO PB PP CL LA CN DB C1 ' +
    'C2 C3 U1 U2 U3 U4 U5 ID ED ET UL URL WT WP OL RD AV SF ER'
  ).split(' '),
);

const CJK = /[\u3400-\u9fff]/;

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

const clean = (value: string | undefined | null): string | null => {
  const trimmed = value?.replace(/[\s\u3000]+/g, ' ').trim();
  return trimmed ? trimmed : null;
};

/** Splits a file into records of tag -> values. `opener` is the tag that starts a record. */
function recordsOf(lines: readonly string[], tagOf: (line: string) => [string, string] | null, opener: string) {
  const records: RawRecord[] = [];
  let current: RawRecord | null = null;
  let last: string[] | null = null;
  const outside: number[] = [];
  lines.forEach((lineText, index) => {
    // CNKI writes this line after some patents' fields; it is not part of any field.
    if (lineText.trim() === '' || /^PageCount-/.test(lineText)) return;
    const tagged = tagOf(lineText);
    if (tagged && tagged[0] === opener) {
      current = { fields: new Map(), line: index + 1 };
      records.push(current);
    }
    if (current === null) {
      outside.push(index + 1);
      return;
    }
    if (tagged) {
      const values: string[] = current.fields.get(tagged[0]) ?? [];
      values.push(tagged[1]);
      current.fields.set(tagged[0], values);
      last = values;
    } else if (last !== null) {
      // A wrapped value: Chinese text runs on, other text was cut between words.
      const before = last[last.length - 1] ?? '';
      const after = lineText.trim();
      const glue = CJK.test(before.slice(-1)) || CJK.test(after.charAt(0)) || /^[,，。;；]/.test(after) ? '' : ' ';
      last[last.length - 1] = `${before}${glue}${after}`;
    }
  });
  return { records, outside };
}

const referTag = (line: string): [string, string] | null => {
  const match = /^(%.)\s?(.*)$/.exec(line);
  return match ? [match[1] ?? '', (match[2] ?? '').trim()] : null;
};

const refWorksTag = (line: string): [string, string] | null => {
  const match = /^(URL|[A-Za-z][A-Za-z0-9])(?=\s|$|\P{ASCII})\s?(.*)$/u.exec(line);
  if (!match) return null;
  const tag = (match[1] ?? '').toUpperCase();
  return REFWORKS_TAGS.has(tag) ? [tag, (match[2] ?? '').trim()] : null;
};

/** The two dialects, by tag. */
const TAGS = {
  refer: {
    type: '%0',
    authors: '%A',
    affiliations: '%+',
    title: '%T',
    venue: ['%J', '%B'],
    year: ['%D', '%8'],
    date: ['%8', '%D'],
    volume: '%V',
    issue: '%N',
    pages: '%P',
    keywords: '%K',
    abstract: '%X',
    issn: '%@',
    doi: '%R',
    link: '%U',
    database: '%W',
    language: '%G',
  },
  refworks: {
    type: 'RT',
    authors: 'A1',
    affiliations: 'AD',
    title: 'T1',
    venue: ['JF', 'T2'],
    year: ['YR', 'FD'],
    date: ['FD', 'YR'],
    volume: 'VO',
    issue: 'IS',
    pages: 'OP',
    keywords: 'K1',
    abstract: 'AB',
    issn: 'SN',
    doi: 'DO',
    link: 'LK',
    database: 'DS',
    language: 'LA',
  },
} as const;

type Dialect = (typeof TAGS)[keyof typeof TAGS];

/** A 64-bit FNV-1a of the text, as hex: a stable id for a record that has no identifier. */
function fingerprint(text: string): string {
  let hash = 0xcbf29ce484222325n;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= BigInt(byte);
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return hash.toString(16).padStart(16, '0');
}

function splitList(value: string | null, separators: RegExp): string[] {
  if (value === null) return [];
  return value
    .split(separators)
    .map((part) => clean(part))
    .filter((part): part is string => part !== null);
}

function institutionsOf(value: string | null): InstitutionRecord[] {
  if (value === null) return [];
  // `单位!城市邮编,单位!城市邮编`: with "!" the separator is ","; otherwise ";".
  const parts = value.includes('!') ? splitList(value, /[,，;；]/) : splitList(value, /[;；]/);
  return parts.map((part) => ({
    name: clean(part.split('!')[0]) ?? part,
    ror: null,
    country: null,
    type: null,
    ids: [],
  }));
}

function assignInstitutions(count: number, institutions: InstitutionRecord[]): InstitutionRecord[][] {
  if (institutions.length === 1) return Array.from({ length: count }, () => institutions);
  if (institutions.length === count) return institutions.map((institution) => [institution]);
  return Array.from({ length: count }, () => institutions);
}

function workOf(record: RawRecord, dialect: Dialect, index: number): WorkRecord {
  const { fields, line } = record;
  const all = (tag: string) => fields.get(tag) ?? [];
  const one = (...tags: string[]) =>
    tags.map((tag) => clean(all(tag).join(' '))).find((value): value is string => value !== null) ?? null;
  const title = one(dialect.title);
  if (title === null) throw new RecordError(`record ${index} has no title (${dialect.title})`, line);
  const yearText = /(1[5-9]\d\d|20\d\d)/.exec(one(...dialect.year) ?? '')?.[1] ?? null;
  const type = one(dialect.type);
  const link = one(dialect.link, 'URL');
  const doi = one(dialect.doi) ?? /link\.cnki\.net\/doi\/(10\.[^\s?#]+)/.exec(link ?? '')?.[1] ?? null;
  const urlId = /link\.cnki\.net\/urlid\/([^\s?#]+)/.exec(link ?? '')?.[1] ?? null;
  const issnOrNumber = one(dialect.issn);
  const patent = type === 'Patent' ? issnOrNumber : null;
  const issn =
    patent === null && issnOrNumber !== null && /^\d{4}-\d{3}[\dX]$/i.test(issnOrNumber) ? issnOrNumber : null;
  const names = all(dialect.authors).flatMap((value) => splitList(value, /[;；,，]/));
  const institutions = institutionsOf(one(dialect.affiliations));
  const perAuthor = assignInstitutions(names.length, institutions);
  const ids = [
    doi === null ? null : makeExternalId('doi', doi),
    urlId === null ? null : makeExternalId('cnki', `urlid/${urlId}`),
    patent === null ? null : makeExternalId('cnki', `patent/${patent}`),
  ].filter((id) => id !== null);
  const year = yearText === null ? null : Number(yearText);
  if (ids.length === 0) {
    const print = fingerprint(`${normalizeText(title)}|${year ?? ''}|${normalizeText(names[0] ?? '')}`);
    const id = makeExternalId('cnki', `fp-${print}`);
    if (id) ids.push(id);
  }
  const authors: AuthorshipRecord[] = names.map((name, position) => {
    const own = perAuthor[position] ?? [];
    const scope = own.length === 1 ? own[0]?.name : institutions.length === 0 ? undefined : institutions[0]?.name;
    return {
      rawName: name,
      name,
      orcid: null,
      ids: [],
      institutions: own,
      nameScope: scope ?? `${ids[0]?.key ?? title}#${position + 1}`,
    };
  });
  const pages = all(dialect.pages).find((value) => /\d+\s*-/.test(value)) ?? all(dialect.pages)[0] ?? null;
  const venueName = one(...dialect.venue);
  const language = one(dialect.language)?.replace(/;$/, '');
  return {
    ids,
    title,
    abstract: one(dialect.abstract),
    year,
    publicationDate: /^\d{4}-\d{2}-\d{2}$/.test(one(...dialect.date) ?? '') ? one(...dialect.date) : null,
    doi,
    type: type === null ? null : type.toLowerCase(),
    language: language ? (/^(中文|chinese|zh)/i.test(language) ? 'zh' : language) : CJK.test(title) ? 'zh' : null,
    venue:
      venueName === null
        ? null
        : {
            name: venueName,
            issn,
            type: /journal/i.test(type ?? '') ? 'journal' : null,
            ids: issn === null ? [] : [makeExternalId('issn', issn)].filter((id) => id !== null),
          },
    authors,
    keywords: all(dialect.keywords).flatMap((value) => splitList(value, /[;；]/)),
    references: [],
    volume: one(dialect.volume),
    firstPage: pages === null ? null : (clean(pages.split(/[-+,]/)[0]) ?? null),
  };
}

function parseWith(text: string, dialect: Dialect, tagOf: typeof referTag): ParsedBatch {
  const { records, outside } = recordsOf(text.split(/\r?\n/), tagOf, dialect.type);
  const works: WorkRecord[] = [];
  const errors: RecordError[] = [];
  const [firstOutside] = outside;
  if (firstOutside !== undefined) {
    errors.push(new RecordError(`${outside.length} line(s) before the first ${dialect.type} record`, firstOutside));
  }
  records.forEach((record, index) => {
    try {
      works.push(workOf(record, dialect, index + 1));
    } catch (error) {
      if (error instanceof RecordError) errors.push(error);
      else throw error;
    }
  });
  return { works, errors };
}

const looksRefer = (text: string) => /^%0 /.test(text);
const looksRefWorks = (text: string) => /^RT /.test(text) && /^(SR|A1|T1|DS) ?/m.test(text);

/** A whole export, either dialect. A file that is neither gives one error. */
export function parseCnkiText(fileText: string): ParsedBatch {
  const text = stripBom(fileText).replace(/^\s+/, '');
  if (looksRefer(text)) return parseWith(text, TAGS.refer, referTag);
  if (looksRefWorks(text)) return parseWith(text, TAGS.refworks, refWorksTag);
  return {
    works: [],
    errors: [
      new RecordError(
        'not a CNKI export: expected EndNote/Refer starting "%0 " or RefWorks starting "RT " (RT, A1, T1 … DS CNKI)',
        1,
      ),
    ],
  };
}

export const cnki: IngestFormat = {
  name: 'cnki',
  description: 'CNKI export: EndNote/Refer (%0 … %W CNKI) or RefWorks (RT … DS CNKI)',
  detect: (_fileName, head) => {
    const text = stripBom(head).replace(/^\s+/, '');
    return looksRefer(text) || looksRefWorks(text);
  },
  parseText: parseCnkiText,
  recordsBegin: (firstLine) => {
    const opener = (tagOf: typeof referTag, tag: string) => ({
      headerLines: 0,
      begins: (line: string) => tagOf(line)?.[0] === tag,
    });
    if (looksRefer(firstLine)) return opener(referTag, TAGS.refer.type);
    return /^RT /.test(firstLine) ? opener(refWorksTag, TAGS.refworks.type) : null;
  },
};
