/**
 * npm run import -- [--format NAME] [--remote] FILE...
 *
 * Loads files into the local D1 that `npm start` serves (or the deployed one with --remote),
 * through the same writer as the tests. Without --format each file's format is detected from its
 * name and first characters (src/ingest/formats). Files with one record a line (JSONL) are streamed
 * (any size) with a progress line on stderr. Each batch of WORKS_PER_BATCH works is atomic; a bad
 * record is reported with its line and skipped, the rest of its batch is written. Importing the
 * same file again changes nothing.
 */
import { closeSync, createReadStream, openSync, readFileSync, readSync } from 'node:fs';
import { basename } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { createDb } from '../src/db/database';
import { FORMATS } from '../src/ingest/formats';
import type { IngestFormat } from '../src/ingest/formats/format';
import { RecordError, type WorkRecord } from '../src/ingest/record';
import { WORKS_PER_BATCH, type WriteSummary, writeBatch } from '../src/ingest/write';
import { withD1 } from './d1';

const NAMES = FORMATS.map((format) => format.name);
const USAGE = `usage: npm run import -- [--format ${NAMES.join('|')}] [--remote] FILE...`;

function usage(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

const { values, positionals: files } = parseArgs({
  options: {
    format: { type: 'string' },
    remote: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
  allowPositionals: true,
});
if (values.help) {
  const width = Math.max(...NAMES.map((name) => name.length));
  console.log(`${USAGE}\n\nformats (detected from each file when --format is not given):`);
  for (const format of FORMATS) console.log(`  ${format.name.padEnd(width)}  ${format.description}`);
  process.exit(0);
}
const chosen = values.format === undefined ? null : FORMATS.find((format) => format.name === values.format);
if (chosen === undefined) usage(`--format must be one of: ${NAMES.join(', ')}`);
if (files.length === 0) usage('no FILE given');

/** How much of a file detection looks at. */
const HEAD_BYTES = 64 * 1024;

function headOf(file: string): string {
  const buffer = Buffer.alloc(HEAD_BYTES);
  const descriptor = openSync(file, 'r');
  try {
    return buffer.toString('utf8', 0, readSync(descriptor, buffer, 0, HEAD_BYTES, 0));
  } finally {
    closeSync(descriptor);
  }
}

function detectFormat(file: string): IngestFormat {
  const head = headOf(file);
  const matches = FORMATS.filter((format) => format.detect(basename(file), head));
  const [only] = matches;
  if (only && matches.length === 1) return only;
  const list = NAMES.join(', ');
  if (matches.length === 0) return usage(`${file}: not recognised as any known format (${list}); give --format`);
  return usage(`${file}: could be ${matches.map((format) => format.name).join(' or ')}; choose one with --format`);
}

// Every file's format is settled before anything is written.
const inputs = files.map((file) => ({ file, format: chosen ?? detectFormat(file) }));

/** Yields works of one file: line by line when the format streams it, anything else whole. */
async function* worksOf(
  file: string,
  format: IngestFormat,
  onError: (error: RecordError) => void,
): AsyncGenerator<WorkRecord> {
  if (format.lineByLine?.applies(file)) {
    const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
    let lineNumber = 0;
    for await (const line of lines) {
      lineNumber++;
      try {
        const work = format.lineByLine.parse(line, lineNumber);
        if (work) yield work;
      } catch (error) {
        if (error instanceof RecordError) onError(error);
        else throw error;
      }
    }
    return;
  }
  const parsed = format.parseText(readFileSync(file, 'utf8'));
  parsed.errors.forEach(onError);
  yield* parsed.works;
}

const started = performance.now();
const total: WriteSummary = { papers: 0, created: 0, updated: 0, references: 0 };
let rejected = 0;

/** On a terminal one line rewritten in place; in a log, a line every PROGRESS_EVERY works. */
const PROGRESS_EVERY = 5_000;
let lastReported = 0;

function progress(final = false) {
  if (!process.stderr.isTTY && !final && total.papers - lastReported < PROGRESS_EVERY) return;
  lastReported = total.papers;
  const seconds = (performance.now() - started) / 1000;
  const rate = Math.round(total.papers / Math.max(seconds, 0.001));
  const written = `${total.papers.toLocaleString('en')} works written`;
  process.stderr.write(
    `${process.stderr.isTTY ? '\r' : ''}${written} (${rate.toLocaleString('en')}/s, ${seconds.toFixed(1)} s)` +
      `${rejected ? `, ${rejected} rejected` : ''}${final || !process.stderr.isTTY ? '\n' : ''}`,
  );
}

await withD1(
  async (d1) => {
    const db = createDb(d1);
    const flush = async (batch: WorkRecord[]) => {
      if (batch.length === 0) return;
      const summary = await writeBatch(d1, db, batch);
      total.papers += summary.papers;
      total.created += summary.created;
      total.updated += summary.updated;
      total.references += summary.references;
      progress();
    };
    for (const { file, format } of inputs) {
      let batch: WorkRecord[] = [];
      const onError = (error: RecordError) => {
        rejected++;
        process.stderr.write(`\n${file}: ${error.message} (record skipped)\n`);
      };
      for await (const work of worksOf(file, format, onError)) {
        batch.push(work);
        if (batch.length >= WORKS_PER_BATCH) {
          await flush(batch);
          batch = [];
        }
      }
      await flush(batch);
    }
    progress(true);
    const resolved = await d1
      .prepare('SELECT count(*) AS entries, count(cited_paper_id) AS resolved FROM reference')
      .first<{ entries: number; resolved: number }>();
    console.log(
      `imported ${total.papers} works (${total.created} new, ${total.updated} updated), ` +
        `${total.references} reference entries in ${((performance.now() - started) / 1000).toFixed(1)} s; ` +
        `database now has ${resolved?.entries} entries, ${resolved?.resolved} resolved`,
    );
  },
  { remote: values.remote },
);
if (rejected > 0) {
  console.error(`${rejected} record(s) rejected; fix them and import the file again (imports are idempotent)`);
  process.exit(1);
}
