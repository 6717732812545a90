/**
 * npm run import -- [--fresh] [--format NAME] [--remote] FILE...
 *
 * Loads files into the local D1 that `npm start` serves (or the deployed one with --remote),
 * through the same writer as the tests. Without --format each file's format is detected from its
 * name and first characters (src/ingest/formats). `.gz` files are gunzipped first. Files with one
 * record a line (JSONL) are streamed (any size) with a progress line on stderr. `--fresh` empties the
 * database first, demo corpus included (`npm start` loads the demo only into an empty database, so
 * import your files before starting it); `npm run reset` is `--fresh` alone.
 *
 * Each batch of WORKS_PER_BATCH works is atomic. A broken record is reported once with its line or
 * record number, and its batch is not written (a whole-file format's file is one batch as far as
 * errors go): the database stays as it was for it, and the command exits 1. Importing the same file
 * again changes nothing.
 */
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import { createGunzip, gunzipSync } from 'node:zlib';
import { createDb } from '../src/db/database';
import { FORMATS } from '../src/ingest/formats';
import type { IngestFormat, ParsedBatch } from '../src/ingest/formats/format';
import { type Addition, RecordError, type WorkRecord } from '../src/ingest/record';
import { parseSlice, slicesOf } from '../src/ingest/slices';
import {
  ADDITIONS_PER_BATCH,
  addSummary,
  emptyDatabase,
  emptyMergeSummary,
  type MergeSummary,
  mergeAdditions,
  WorkBatch,
  type WriteSummary,
  writeBatch,
} from '../src/ingest/write';
import { withD1 } from './d1';
import { Progress } from './progress';

const NAMES = FORMATS.map((format) => format.name);
const USAGE = `usage: npm run import -- [--fresh] [--format ${NAMES.join('|')}] [--remote] FILE...`;

/** An error a person can act on: printed as one message, no stack trace. */
class UsageError extends Error {}

function fail(message: string, code = 2): never {
  console.error(message);
  process.exit(code);
}

let parsed: ReturnType<typeof parseCommandLine>;
function parseCommandLine() {
  return parseArgs({
    options: {
      format: { type: 'string' },
      fresh: { type: 'boolean', default: false },
      remote: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    allowPositionals: true,
  });
}
try {
  parsed = parseCommandLine();
} catch (error) {
  fail(`${(error as Error).message}\n${USAGE}`);
}
const { values, positionals: files } = parsed;
if (values.help) {
  const width = Math.max(...NAMES.map((name) => name.length));
  console.log(`${USAGE}\n\nformats (detected from each file when --format is not given; .gz files are gunzipped):`);
  for (const format of FORMATS) console.log(`  ${format.name.padEnd(width)}  ${format.description}`);
  console.log('\n--fresh   empty the database first (npm run reset: only that)');
  process.exit(0);
}
const chosen = values.format === undefined ? null : FORMATS.find((format) => format.name === values.format);
if (chosen === undefined) fail(`--format must be one of: ${NAMES.join(', ')}\n${USAGE}`);
if (files.length === 0 && !values.fresh) fail(`no FILE given\n${USAGE}`);

/** How much of a file detection looks at. */
const HEAD_BYTES = 64 * 1024;

const isGzip = (file: string) => /\.gz$/i.test(file);
/** The name formats judge: without `.gz`. */
const innerName = (file: string) => basename(file).replace(/\.gz$/i, '');

function textOf(file: string): string {
  const bytes = readFileSync(file);
  if (!isGzip(file)) return bytes.toString('utf8');
  try {
    return gunzipSync(bytes).toString('utf8');
  } catch (error) {
    throw new UsageError(`${file}: not a readable gzip file (${(error as Error).message})`);
  }
}

/** The (gunzipped) bytes of a file as a stream, and how many of the file's own bytes were read so far. */
function openInput(file: string): { input: Readable; bytesRead: () => number } {
  const stream = createReadStream(file);
  const input = isGzip(file) ? stream.pipe(createGunzip()) : stream;
  if (input !== stream) {
    stream.on('error', (error) => input.destroy(error));
    input.on('error', () => stream.destroy());
  }
  return { input, bytesRead: () => stream.bytesRead };
}

/** The first HEAD_BYTES characters of a file (gunzipped), read without reading the rest. */
async function headOf(file: string): Promise<string> {
  const { input } = openInput(file);
  input.setEncoding('utf8');
  let head = '';
  try {
    for await (const chunk of input) {
      head += chunk;
      if (head.length >= HEAD_BYTES) break;
    }
  } catch (error) {
    if (isGzip(file)) throw new UsageError(`${file}: not a readable gzip file (${(error as Error).message})`);
    throw error;
  } finally {
    input.destroy();
  }
  return head.slice(0, HEAD_BYTES);
}

/** What a file looks like, for an error that says which --format to try. */
function describe(head: string): string {
  const text = head.replace(/^\uFEFF/, '').trimStart();
  const firstLine = JSON.stringify(text.split(/\r?\n/)[0]?.slice(0, 60) ?? '');
  if (/^[{[]/.test(text)) {
    if (/"(message|items)"\s*:/.test(text) && /"DOI"\s*:/.test(text)) return 'Crossref JSON';
    if (/"(paperId|citingPaper|citedPaper)"\s*:/.test(text)) return 'Semantic Scholar JSON';
    if (/"(type|id)"\s*:/.test(text) && /"(issued|container-title)"\s*:/.test(text)) return 'CSL-JSON';
    return `JSON that is none of the known formats (starts ${firstLine})`;
  }
  if (/^TY {2}- /m.test(text)) return 'RIS (TY  - …)';
  if (/^@\w+\s*[{(]/m.test(text)) return 'BibTeX (@article{…)';
  if (/^%0 /.test(text)) return 'EndNote/Refer (%0 …)';
  if (/^RT /.test(text)) return 'RefWorks (RT …)';
  if (/^(FN |PT [A-Z])/.test(text)) return 'Web of Science tagged text (FN/PT …)';
  if (/^[A-Z][A-Z0-9]\t/.test(text)) return 'a tab-delimited export with a header row of tags';
  if (/^</.test(text)) return 'XML/HTML';
  if ([...text.slice(0, 512)].some((char) => char.charCodeAt(0) < 9))
    return 'binary data (compressed? only .gz is unpacked)';
  return `text starting ${firstLine}`;
}

function detectFormat(file: string, head: string): IngestFormat {
  const matches = FORMATS.filter((format) => format.detect(innerName(file), head));
  const [only] = matches;
  if (only && matches.length === 1) return only;
  if (matches.length === 0) {
    throw new UsageError(
      `${file}: not recognised: it looks like ${describe(head)}. Known formats: ${NAMES.join(', ')}; ` +
        'if it is one of them, give --format NAME',
    );
  }
  throw new UsageError(
    `${file}: could be ${matches.map((format) => format.name).join(' or ')}; choose one with --format`,
  );
}

/** Every file is checked (exists, not empty, a known format) before anything is written. */
interface Input {
  file: string;
  format: IngestFormat;
  /** Whether its lines add to papers already imported (format.additionsByLine) rather than being works. */
  merge: boolean;
}

async function planInputs(): Promise<Input[]> {
  const inputs: Input[] = [];
  for (const file of files) inputs.push(await planInput(file));
  return inputs;
}

async function planInput(file: string): Promise<Input> {
  if (!existsSync(file)) throw new UsageError(`${file}: no such file`);
  if (statSync(file).isDirectory()) throw new UsageError(`${file}: is a directory; give the files in it`);
  const head = await headOf(file);
  if (head.replace(/^\uFEFF/, '').trim() === '') throw new UsageError(`${file}: the file is empty`);
  const format = chosen ? checkedChoice(file, head, chosen) : detectFormat(file, head);
  return { file, format, merge: format.additionsByLine?.applies(head) ?? false };
}

/** The `--format` given, unless the file is recognisably another format. */
function checkedChoice(file: string, head: string, chosen: IngestFormat): IngestFormat {
  const detected = FORMATS.filter((format) => format.detect(innerName(file), head));
  if (!detected.includes(chosen) && detected.length > 0) {
    throw new UsageError(
      `${file}: does not look like ${chosen.name}: it looks like ${describe(head)}; ` +
        `try --format ${detected.map((format) => format.name).join(' or --format ')}`,
    );
  }
  return chosen;
}

interface Parsed {
  work: WorkRecord | null;
  error: RecordError | null;
}

/** What is being read: for the progress bar. */
interface Reading {
  /** Share of the file read so far (0..1). */
  fraction: () => number;
}

/** The lines of a file (gunzipped), streamed, with how far into the file they are. */
function linesOf(file: string, reading: Reading): AsyncIterable<string> {
  const { input, bytesRead } = openInput(file);
  input.setEncoding('utf8');
  const size = statSync(file).size;
  reading.fraction = () => bytesRead() / Math.max(size, 1);
  return createInterface({ input, crlfDelay: Infinity });
}

/**
 * Yields the records of one file, as the format allows: line by line (JSONL), a slice of whole
 * records at a time (tagged exports, src/ingest/slices.ts), or else the whole text parsed at once
 * (JSON documents, BibTeX: README "Importing data" says why).
 */
async function* recordsOf(file: string, format: IngestFormat, reading: Reading): AsyncGenerator<Parsed> {
  if (format.lineByLine?.applies(innerName(file))) {
    let lineNumber = 0;
    for await (const line of linesOf(file, reading)) {
      lineNumber++;
      try {
        const work = format.lineByLine.parse(line.replace(/^\uFEFF/, ''), lineNumber);
        if (work) yield { work, error: null };
      } catch (error) {
        if (error instanceof RecordError) yield { work: null, error };
        else throw error;
      }
    }
    return;
  }
  if (format.recordsBegin) {
    for await (const slice of slicesOf(linesOf(file, reading), format.recordsBegin)) {
      if ('wholeText' in slice) yield* wholeFileRecords(format.parseText(slice.wholeText));
      else yield* parsedRecords(parseSlice(format, slice));
    }
    return;
  }
  const batch = format.parseText(textOf(file));
  reading.fraction = () => 1;
  yield* wholeFileRecords(batch);
}

function* parsedRecords({ works, errors }: ParsedBatch): Generator<Parsed> {
  for (const error of errors) yield { work: null, error };
  for (const work of works) yield { work, error: null };
}

/** A file parsed whole: a broken record in it, and nothing of the file is written. */
function* wholeFileRecords(batch: ParsedBatch): Generator<Parsed> {
  if (batch.errors.length === 0) return yield* parsedRecords(batch);
  unwritten += batch.works.length;
  yield* parsedRecords({ works: [], errors: batch.errors });
}

const started = performance.now();
const total: WriteSummary = { papers: 0, created: 0, updated: 0, references: 0 };
let rejected = 0;
let unwritten = 0;
const progress = new Progress();
/** What merge files (S2AG citations, abstracts) added, when any were given. */
let merged: MergeSummary | null = null;

/**
 * Merges a file of additions (format.additionsByLine), ADDITIONS_PER_BATCH lines a batch, each
 * atomic; a broken line and its batch is not written, like a broken record.
 */
async function mergeFile(d1: D1Database, file: string, format: IngestFormat, reading: Reading, shown: () => void) {
  const parser = format.additionsByLine;
  if (!parser) return;
  merged ??= emptyMergeSummary();
  const summary = merged;
  let batch: Addition[] = [];
  let batchErrors = 0;
  let rows = 0;
  const flush = async () => {
    if (batchErrors > 0) unwritten += batch.length;
    else if (batch.length > 0) {
      const done = await mergeAdditions(d1, batch);
      for (const key of Object.keys(summary) as Array<keyof MergeSummary>) summary[key] += done[key];
      shown();
    }
    batch = [];
    batchErrors = 0;
  };
  let lineNumber = 0;
  for await (const line of linesOf(file, reading)) {
    lineNumber++;
    try {
      const addition = parser.parse(line.replace(/^\uFEFF/, ''), lineNumber);
      if (addition) {
        rows++;
        batch.push(addition);
      }
    } catch (error) {
      if (!(error instanceof RecordError)) throw error;
      rejected++;
      batchErrors++;
      console.error(`${file}: ${error.message}`);
    }
    if (batch.length >= ADDITIONS_PER_BATCH) await flush();
  }
  await flush();
  if (rows === 0 && batchErrors === 0) console.error(`${file}: no rows in it`);
}

function mergeReport(summary: MergeSummary): string {
  return (
    `merged ${summary.abstracts} abstracts (${summary.abstractsWithoutPaper} of papers not in the database: ` +
    `not written) and ${summary.citations} citations (${summary.citationsAlreadyThere} already there; ` +
    `${summary.unresolved} cite papers not imported yet: kept unresolved, resolved when they arrive; ` +
    `${summary.citationsWithoutCitingPaper} whose citing paper is not in the database and ` +
    `${summary.citationsWithoutCitedPaper} naming no cited paper: not written)`
  );
}

async function main() {
  const inputs = await planInputs();
  const sizes = inputs.map(({ file }) => statSync(file).size);
  const totalSize = Math.max(
    sizes.reduce((sum, size) => sum + size, 0),
    1,
  );
  await withD1(
    async (d1) => {
      const db = createDb(d1);
      progress.begin();
      if (values.fresh) {
        await emptyDatabase(d1);
        console.log('emptied the database (--fresh)');
      }
      for (const [index, { file, format, merge }] of inputs.entries()) {
        const reading: Reading = { fraction: () => 0 };
        const before = sizes.slice(0, index).reduce((sum, size) => sum + size, 0);
        const showProgress = () =>
          progress.update(
            (before + reading.fraction() * (sizes[index] ?? 0)) / totalSize,
            total.papers,
            basename(file),
          );
        if (merge) {
          await mergeFile(d1, file, format, reading, showProgress);
          continue;
        }
        const batch = new WorkBatch();
        let batchErrors = 0;
        let works = 0;
        const flush = async () => {
          const batchWorks = batch.take();
          if (batchErrors > 0) unwritten += batchWorks.length;
          else if (batchWorks.length > 0) {
            addSummary(total, await writeBatch(d1, db, batchWorks));
            showProgress();
          }
          batchErrors = 0;
        };
        for await (const { work, error } of recordsOf(file, format, reading)) {
          if (error) {
            rejected++;
            batchErrors++;
            console.error(`${file}: ${error.message}`);
          }
          if (work) {
            works++;
            if (batch.add(work)) await flush();
          }
        }
        await flush();
        if (works === 0 && rejected === 0) console.error(`${file}: no records in it`);
        if (rejected > 0 && unwritten > 0) {
          console.error(`${file}: ${unwritten} valid record(s) in the same batch as a broken one not written`);
        }
      }
      progress.finish(total.papers);
      if (merged) console.log(mergeReport(merged));
      const counts = await d1
        .prepare(
          `SELECT count(*) AS entries, count(cited_paper_id) AS resolved,
             count(CASE WHEN resolved_by = 'doi' THEN 1 END) AS doi,
             count(CASE WHEN resolved_by = 'identifier' THEN 1 END) AS identifier,
             count(CASE WHEN resolved_by = 'title_year' THEN 1 END) AS title_year,
             count(CASE WHEN resolved_by = 'author_year_volume_page' THEN 1 END) AS locator
           FROM reference`,
        )
        .first<Record<string, number>>();
      console.log(
        `imported ${total.papers} works (${total.created} new, ${total.updated} updated), ` +
          `${total.references} reference entries in ${((performance.now() - started) / 1000).toFixed(1)} s; ` +
          `database now has ${counts?.entries} entries, ${counts?.resolved} resolved ` +
          `(doi ${counts?.doi}, identifier ${counts?.identifier}, title+year ${counts?.title_year}, ` +
          `author+year+volume+page ${counts?.locator})`,
      );
    },
    { remote: values.remote },
  );
  if (rejected > 0) {
    fail(`${rejected} broken record(s). Fix them and import the file again (imports are idempotent).`, 1);
  }
}

try {
  await main();
} catch (error) {
  if (error instanceof UsageError) fail(error.message);
  fail(`import failed: ${error instanceof Error ? error.message : String(error)}`, 1);
}
