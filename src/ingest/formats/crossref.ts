/**
 * Crossref REST works -> WorkRecord: a `/works/{doi}` response (`{status, message}`), a `/works` list
 * (`{message: {items}}`), a public-dump file (`{items: [...]}`), or a bare work. Titles are lists,
 * dates are `issued.date-parts`, abstracts are JATS, references are `reference[]` with a DOI or an
 * unstructured string. A work's fields are CSL's names (Crossref's citeproc output is nearly the same
 * object), so the mapping is `cslToWork`. Dump files are gzip: the CLI unpacks `.gz` before parsing.
 */
import { RecordError } from '../record';
import { array, BatchCollector, isJsonName, isObject, jsonDocument } from './common';
import { cslToWork } from './csl-json';
import type { IngestFormat, ParsedBatch } from './format';

/** The works of a Crossref document, or null when it is not one. */
function worksOf(document: unknown): unknown[] | null {
  if (Array.isArray(document)) return document;
  if (!isObject(document)) return null;
  const message = isObject(document.message) ? document.message : null;
  if (message && Array.isArray(message.items)) return message.items;
  if (message) return [message];
  if (Array.isArray(document.items)) return array(document.items);
  if ('DOI' in document) return [document];
  return null;
}

export function parseCrossrefText(fileText: string): ParsedBatch {
  const collector = new BatchCollector();
  const document = jsonDocument(fileText);
  if (isObject(document) && typeof document.status === 'string' && document.status !== 'ok') {
    collector.errors.push(new RecordError(`Crossref answered status "${document.status}"`));
    return collector.batch();
  }
  const works = worksOf(document);
  if (works === null) {
    collector.errors.push(new RecordError('not a Crossref works document ({status, message} or {items})'));
    return collector.batch();
  }
  works.forEach((work, index) => {
    collector.keep(() => {
      if (!isObject(work) || typeof work.DOI !== 'string') throw new RecordError('work has no DOI');
      return cslToWork(work);
    }, `items[${index}]`);
  });
  return collector.batch();
}

/** A Crossref work's own keys: its envelope, or a DOI next to a title list. */
const ENVELOPE = /"message-type"\s*:\s*"work(-list)?"/;
const WORK = /"DOI"\s*:/;
const TITLE_LIST = /"title"\s*:\s*\[/;

export const crossref: IngestFormat = {
  name: 'crossref',
  description: 'Crossref REST works: a /works/{doi} response, a /works list, or a dump file {items: [...]} (.json.gz)',
  detect: (fileName, head) =>
    isJsonName(fileName) &&
    /^\s*[[{]/.test(head) &&
    (ENVELOPE.test(head) || (WORK.test(head) && TITLE_LIST.test(head))),
  parseText: parseCrossrefText,
};
