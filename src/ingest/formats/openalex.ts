/**
 * OpenAlex Work JSON -> WorkRecord. Accepts a single work, a `{meta, results}` page, or JSONL (one
 * work a line). Ids that are not OpenAlex ids (the AAN file uses ACL Anthology URLs) are kept in
 * their own namespace (src/ids.ts).
 */
import { bareDoi, type ExternalIdRef, makeExternalId, parseExternalId } from '../../ids';
import {
  type AuthorshipRecord,
  type InstitutionRecord,
  RecordError,
  referenceRecord,
  type VenueRecord,
  type WorkRecord,
} from '../record';
import { jsonLine } from './common';
import type { IngestFormat, ParsedBatch } from './format';

/** Concepts are machine-tagged with a confidence; below this they are noise, not keywords. */
const CONCEPT_MIN_SCORE = 0.5;

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string | null =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
const array = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const integer = (value: unknown): number | null =>
  typeof value === 'number' && Number.isInteger(value) ? value : null;

/** Rebuilds the abstract OpenAlex ships as `{word: [positions]}`. */
function abstractFromInvertedIndex(index: unknown): string | null {
  if (!isObject(index)) return null;
  const words: string[] = [];
  for (const [word, positions] of Object.entries(index)) {
    for (const position of array(positions)) {
      if (typeof position === 'number' && Number.isInteger(position) && position >= 0) words[position] = word;
    }
  }
  const abstract = words
    .filter((word) => word !== undefined)
    .join(' ')
    .trim();
  return abstract === '' ? null : abstract;
}

function idList(...candidates: Array<ExternalIdRef | null>): ExternalIdRef[] {
  const seen = new Set<string>();
  return candidates.filter((id): id is ExternalIdRef => {
    if (id === null || seen.has(id.key)) return false;
    seen.add(id.key);
    return true;
  });
}

const parsedId = (value: unknown) => {
  const written = text(value);
  return written === null ? null : parseExternalId(written);
};

function workIds(work: Json): ExternalIdRef[] {
  const ids = isObject(work.ids) ? work.ids : {};
  return idList(
    parsedId(work.id),
    parsedId(ids.openalex),
    parsedId(work.doi),
    parsedId(ids.doi),
    text(ids.mag) === null ? null : makeExternalId('mag', String(ids.mag)),
    parsedId(ids.pmid),
    parsedId(ids.pmcid) ?? (text(ids.pmcid) === null ? null : makeExternalId('pmcid', String(ids.pmcid))),
  );
}

function venueOf(work: Json): VenueRecord | null {
  const location = isObject(work.primary_location) ? work.primary_location : null;
  const source = location && isObject(location.source) ? location.source : null;
  const name = source ? text(source.display_name) : null;
  if (!source || name === null) return null;
  const issnL = text(source.issn_l);
  return {
    name,
    issn: issnL,
    type: text(source.type),
    ids: idList(parsedId(source.id), issnL === null ? null : makeExternalId('issn', issnL)),
  };
}

function institutionOf(institution: Json): InstitutionRecord | null {
  const name = text(institution.display_name);
  if (name === null) return null;
  const ror = parsedId(institution.ror);
  return {
    name,
    ror: ror?.value ?? null,
    country: text(institution.country_code),
    type: text(institution.type),
    ids: idList(ror, parsedId(institution.id)),
  };
}

function authorshipOf(authorship: Json, index: number, line: number | null): AuthorshipRecord {
  const author = isObject(authorship.author) ? authorship.author : {};
  const name = text(author.display_name) ?? text(authorship.raw_author_name);
  if (name === null) throw new RecordError(`authorships[${index}] has no author name`, line);
  const orcid = parsedId(author.orcid);
  return {
    rawName: text(authorship.raw_author_name) ?? name,
    name,
    orcid: orcid?.value ?? null,
    // ORCID first: it is the identity that holds across sources.
    ids: idList(orcid, parsedId(author.id)),
    institutions: array(authorship.institutions)
      .filter(isObject)
      .map(institutionOf)
      .filter((institution): institution is InstitutionRecord => institution !== null),
  };
}

function keywordsOf(work: Json): string[] {
  const keywords = array(work.keywords)
    .map((keyword) => (isObject(keyword) ? (text(keyword.display_name) ?? text(keyword.keyword)) : text(keyword)))
    .filter((term): term is string => term !== null);
  const concepts = array(work.concepts)
    .filter(isObject)
    .filter((concept) => typeof concept.score === 'number' && concept.score >= CONCEPT_MIN_SCORE)
    .map((concept) => text(concept.display_name))
    .filter((term): term is string => term !== null);
  return [...keywords, ...concepts];
}

/** One OpenAlex work. `line` (1-based) is named in errors when the work came from a JSONL line. */
function parseOpenAlexWork(value: unknown, line: number | null = null): WorkRecord {
  if (!isObject(value)) throw new RecordError('expected an OpenAlex work object', line);
  const ids = workIds(value);
  if (ids.length === 0) throw new RecordError('work has no usable "id"', line);
  const title = text(value.title) ?? text(value.display_name);
  if (title === null) throw new RecordError(`work ${ids[0]?.value} has no title`, line);
  const year = value.publication_year;
  if (year !== null && year !== undefined && integer(year) === null) {
    throw new RecordError(`work ${ids[0]?.value}: publication_year ${JSON.stringify(year)} is not a year`, line);
  }
  return {
    ids,
    title,
    abstract: abstractFromInvertedIndex(value.abstract_inverted_index),
    year: integer(year),
    publicationDate: text(value.publication_date),
    volume: isObject(value.biblio) ? text(value.biblio.volume) : null,
    firstPage: isObject(value.biblio) ? text(value.biblio.first_page) : null,
    doi: bareDoi(text(value.doi)),
    type: text(value.type),
    language: text(value.language),
    venue: venueOf(value),
    authors: array(value.authorships)
      .filter(isObject)
      .map((authorship, index) => authorshipOf(authorship, index, line)),
    keywords: keywordsOf(value),
    references: array(value.referenced_works).map((cited, index) => {
      const target = parsedId(cited);
      if (target === null) throw new RecordError(`referenced_works[${index}] is not an identifier`, line);
      return referenceRecord({ target, doi: target.namespace === 'doi' ? target.value : null });
    }),
  };
}

/** Parses one JSONL line; blank lines give null. */
function parseOpenAlexLine(lineText: string, line: number): WorkRecord | null {
  const value = jsonLine(lineText, line);
  if (value === undefined) return null;
  return parseOpenAlexWork(value, line);
}

/**
 * A whole file's text: a single work, a `{meta, results}` page, or JSONL. Bad records are
 * returned as errors (with their line in JSONL) instead of stopping the rest.
 */
export function parseOpenAlexText(fileText: string): ParsedBatch {
  const works: WorkRecord[] = [];
  const errors: RecordError[] = [];
  const keep = (parse: () => WorkRecord | null) => {
    try {
      const work = parse();
      if (work) works.push(work);
    } catch (error) {
      if (error instanceof RecordError) errors.push(error);
      else throw error;
    }
  };
  let whole: unknown;
  try {
    whole = JSON.parse(fileText);
  } catch {
    whole = undefined; // not one JSON document: JSONL
  }
  if (isObject(whole) && Array.isArray(whole.results)) {
    whole.results.forEach((work, index) => {
      keep(() => {
        try {
          return parseOpenAlexWork(work);
        } catch (error) {
          if (error instanceof RecordError) throw new RecordError(`results[${index}]: ${error.message}`);
          throw error;
        }
      });
    });
  } else if (isObject(whole)) {
    keep(() => parseOpenAlexWork(whole));
  } else {
    fileText.split('\n').forEach((lineText, index) => {
      keep(() => parseOpenAlexLine(lineText, index + 1));
    });
  }
  return { works, errors };
}

/** Keys only OpenAlex Work JSON has, among the formats CiteQL reads. */
const WORK_KEYS = /"(authorships|referenced_works|abstract_inverted_index|publication_year|primary_location)"\s*:/;

export const openalex: IngestFormat = {
  name: 'openalex',
  description: 'OpenAlex Work JSON: one work, a {meta, results} page, or JSONL (one work a line)',
  detect: (fileName, head) => /\.(json|jsonl|ndjson)$/i.test(fileName) && /^\s*[[{]/.test(head) && WORK_KEYS.test(head),
  parseText: parseOpenAlexText,
  lineByLine: { applies: (fileName) => /\.(jsonl|ndjson)$/i.test(fileName), parse: parseOpenAlexLine },
};
