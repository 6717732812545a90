/**
 * What every ingest format provides. A format is one module exporting one `IngestFormat`, listed in
 * `FORMATS` (./index.ts); the import CLI knows formats only through that list.
 */
import type { Addition, RecordError, WorkRecord } from '../record';

export interface ParsedBatch {
  works: WorkRecord[];
  errors: RecordError[];
}

export interface IngestFormat {
  /** What `--format` takes. */
  name: string;
  /** One line for `--help`. */
  description: string;
  /** Whether a file is in this format, judged from its name and its first characters (`head`). */
  detect(fileName: string, head: string): boolean;
  /** A whole file's text. Bad records are returned as errors (with their line when known), not thrown. */
  parseText(text: string): ParsedBatch;
  /** Formats that can hold one record a line: such files are streamed, so their size does not matter. */
  lineByLine?: {
    /** Whether this file is one record a line (its name says so). */
    applies(fileName: string): boolean;
    /** One line (`line` is 1-based); null for a blank one; throws a RecordError for a bad one. */
    parse(lineText: string, line: number): WorkRecord | null;
  };
  /**
   * Formats whose records each begin at a line of their own (tagged exports): such files are read
   * a slice of whole records at a time (src/ingest/slices.ts), each slice parsed by `parseText`, so
   * their size does not matter either. Given the file's first line, how its records begin, or null
   * when the file is not of a kind that can be sliced (it is then parsed whole).
   */
  recordsBegin?(firstLine: string): RecordStart | null;
  /**
   * Files whose lines add to works already in the database instead of being works (S2AG
   * `citations` and `abstracts`): streamed and merged by the writer's merge mode (`mergeAdditions`).
   */
  additionsByLine?: {
    /** Whether the file, judged from its first characters, is such a file. */
    applies(head: string): boolean;
    /** One line (`line` is 1-based); null when it adds nothing; throws a RecordError for a bad one. */
    parse(lineText: string, line: number): Addition | null;
  };
}

export interface RecordStart {
  /** Lines at the top that every slice needs in front of it (a tab-delimited header row). */
  headerLines: number;
  /** Whether a line after the header begins a record. */
  begins(line: string): boolean;
}
