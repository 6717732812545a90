/**
 * Reading a tagged export a slice of whole records at a time: the lines of a file cut before a
 * line that begins a record once a slice holds RECORDS_PER_SLICE records, each slice handed to the
 * format's `parseText` with the header lines it needs. Memory holds one slice, whatever the file's
 * size; positions in errors are the file's (line numbers, and "record N" counted from the file's
 * first record).
 */
import type { IngestFormat, ParsedBatch, RecordStart } from './formats/format';
import { RecordError } from './record';

/** Records per slice: enough that parsing per slice costs nothing next to writing, few enough to stay small. */
export const RECORDS_PER_SLICE = 1_000;

export interface Slice {
  text: string;
  /** File line of the slice's first line after its header (1-based). */
  firstLine: number;
  /** Records of the file before this slice. */
  recordsBefore: number;
  headerLines: number;
}

/** The slices of a file given as lines, or its whole text when the format cannot slice this file. */
export async function* slicesOf(
  lines: AsyncIterable<string>,
  recordsBegin: NonNullable<IngestFormat['recordsBegin']>,
  recordsPerSlice = RECORDS_PER_SLICE,
): AsyncGenerator<Slice | { wholeText: string }> {
  let start: RecordStart | null | undefined;
  const header: string[] = [];
  let body: string[] = [];
  let bodyRecords = 0;
  let recordsBefore = 0;
  let firstLine = 1;
  let lineNumber = 0;
  const slice = (): Slice => ({
    text: [...header, ...body].join('\n'),
    firstLine,
    recordsBefore,
    headerLines: header.length,
  });
  for await (const rawLine of lines) {
    lineNumber++;
    const line = lineNumber === 1 ? rawLine.replace(/^\uFEFF/, '') : rawLine;
    if (start === undefined) start = recordsBegin(line);
    if (start === null) {
      body.push(line); // not sliceable: the whole text, parsed once at the end
      continue;
    }
    if (header.length < start.headerLines) {
      header.push(line);
      firstLine = lineNumber + 1;
      continue;
    }
    const begins = start.begins(line);
    if (begins && bodyRecords >= recordsPerSlice) {
      yield slice();
      recordsBefore += bodyRecords;
      body = [];
      bodyRecords = 0;
      firstLine = lineNumber;
    }
    if (begins) bodyRecords++;
    body.push(line);
  }
  if (start === null) yield { wholeText: body.join('\n') };
  else if (body.length > 0 || recordsBefore === 0) yield slice();
}

/** A slice's parse, with its errors' positions made the file's. */
export function parseSlice(format: IngestFormat, slice: Slice): ParsedBatch {
  const { works, errors } = format.parseText(slice.text);
  return { works, errors: errors.map((error) => inFile(error, slice)) };
}

function inFile(error: RecordError, slice: Slice): RecordError {
  if (slice.firstLine === slice.headerLines + 1 && slice.recordsBefore === 0) return error; // the first slice
  const message = error.line === null ? error.message : error.message.replace(/^line \d+: /, '');
  // Formats number records within the text they are given ("record 3 has no title"): count on from the slice.
  const renumbered = message.replace(/\brecord (\d+)\b/, (_, n: string) => `record ${Number(n) + slice.recordsBefore}`);
  const line =
    error.line === null
      ? null
      : error.line <= slice.headerLines
        ? error.line
        : error.line - slice.headerLines - 1 + slice.firstLine;
  return new RecordError(renumbered, line);
}
