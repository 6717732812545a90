/**
 * BibTeX/BibLaTeX <-> WorkRecord through citation.js (@citation-js/plugin-bibtex): it reads `@string`
 * macros and `#` concatenation, `crossref` inheritance, TeX escapes and accents, nested braces and
 * name lists into CSL, which `cslToWork` turns into a record; `Paper.cite(format: BIBTEX)` writes the
 * record's CSL back through the same plugin.
 *
 * One malformed entry makes citation.js refuse the whole file, so such a file is read again entry by
 * entry (each with the `@string`s above it): the bad entry is reported with its line, the rest kept.
 */
import * as core from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import { RecordError, type WorkRecord } from '../record';
import { BatchCollector } from './common';
import { cslToWork, workToCsl } from './csl-json';
import type { IngestFormat, ParsedBatch } from './format';

/** What CiteQL uses of citation.js, typed as it behaves (its bundled .d.ts lags behind its code). */
interface CitationJs {
  plugins: {
    input: {
      chain(data: unknown, options: { generateGraph: boolean; forceType: string; target?: string }): unknown[];
    };
    output: { format(name: string, data: unknown[], options: { format: string }): unknown };
    config: { get(name: string): unknown };
  };
  logger: { _log: unknown[] };
}
const { plugins, logger } = core as unknown as CitationJs;

const bibtexConfig = plugins.config.get('@bibtex') as {
  format: { useIdAsLabel: boolean; checkLabel: boolean; asciiOnly: boolean };
};
// UTF-8 as is: citation.js's ASCII mode drops what it has no TeX for (U+2010 hyphens in Crossref abstracts).
bibtexConfig.format.asciiOnly = false;
// The label is the record's primary identifier (`doi:10.1/x`, kept whole: BibTeX keys may hold `:/.`),
// so a re-import finds the same paper by it.
bibtexConfig.format.useIdAsLabel = true;
bibtexConfig.format.checkLabel = false;

/** citation.js keeps every log line in memory (`logger._log`); a long import must not grow it. */
function forgetLog() {
  logger._log.length = 0;
}

interface BibtexEntry {
  type: string;
  properties: Record<string, unknown>;
}

/**
 * An @article's venue is its journal. Semantic Scholar's export also writes `booktitle` (its venue
 * string) into articles, which citation.js would prefer; a `booktitle` is not a field of an article.
 */
function articleVenue(entry: BibtexEntry): BibtexEntry {
  const { properties } = entry;
  if (/^article$/i.test(entry.type) && (properties.journal || properties.journaltitle)) delete properties.booktitle;
  return entry;
}

function parseBibtex(source: string): unknown[] {
  try {
    const entries = plugins.input.chain(source, {
      generateGraph: false,
      forceType: '@biblatex/text',
      target: '@biblatex/entries+list',
    }) as BibtexEntry[];
    return plugins.input.chain(entries.map(articleVenue), {
      generateGraph: false,
      forceType: '@biblatex/entries+list',
    });
  } finally {
    forgetLog();
  }
}

interface Chunk {
  kind: 'string' | 'other' | 'entry';
  text: string;
  line: number;
}

/** The file cut where a line starts with `@` (how every exporter writes entries), with its line number. */
function chunksOf(fileText: string): Chunk[] {
  const chunks: Chunk[] = [];
  const lines = fileText.split('\n');
  let start = 0;
  const push = (end: number) => {
    const body = lines.slice(start, end).join('\n');
    const at = /^\s*@\s*(\w*)/.exec(body);
    if (at) {
      const kind = /^string$/i.test(at[1] ?? '')
        ? 'string'
        : /^(preamble|comment)$/i.test(at[1] ?? '')
          ? 'other'
          : 'entry';
      chunks.push({ kind, text: body, line: start + 1 });
    }
  };
  lines.forEach((line, index) => {
    if (index > start && /^\s*@/.test(line)) {
      push(index);
      start = index;
    }
  });
  push(lines.length);
  return chunks;
}

export function parseBibtexText(fileText: string): ParsedBatch {
  const collector = new BatchCollector();
  let items: unknown[] | null = null;
  try {
    items = parseBibtex(fileText);
  } catch {
    items = null; // one entry is malformed: read entry by entry below
  }
  if (items !== null) {
    items.forEach((item, index) => {
      collector.keep(() => cslToWork(item), `entry ${index + 1}`);
    });
    return collector.batch();
  }
  let strings = '';
  for (const chunk of chunksOf(fileText)) {
    if (chunk.kind === 'string') strings += `${chunk.text}\n`;
    if (chunk.kind !== 'entry') continue;
    collector.keep(() => {
      let parsed: unknown[];
      try {
        parsed = parseBibtex(`${strings}${chunk.text}`);
      } catch (error) {
        const reason = (error as Error).message.split('\n')[0];
        throw new RecordError(`malformed BibTeX entry (${reason})`, chunk.line);
      }
      return parsed.map((item) => cslToWork(item, chunk.line));
    });
  }
  return collector.batch();
}

/** `abstract` and `keywords` fields of citation.js's BibLaTeX text, by entry, each as written. */
function biblatexExtras(biblatex: string): string[][] {
  return biblatex
    .split(/^@/m)
    .slice(1)
    .map((entry) =>
      [...entry.matchAll(/\n\t(?:abstract|keywords) = [\s\S]*?,(?=\n\t\w+ = |\n\}$|\n\}\n)/g)].map((match) => match[0]),
    );
}

/**
 * BibTeX of records, through the same plugin that reads it (CSL in between). citation.js's BibTeX
 * leaves out the abstract and keywords, which its BibLaTeX writes; they are taken from there (as it
 * escaped them), so classic BibTeX tools still find `journal` and `year`.
 */
export function worksToBibtex(works: readonly WorkRecord[]): string {
  try {
    const items = works.map(workToCsl);
    const entries = (plugins.output.format('bibtex', items, { format: 'text' }) as string).split(/^(?=@)/m);
    const extras = biblatexExtras(plugins.output.format('biblatex', items, { format: 'text' }) as string);
    return entries
      .map((entry, index) => entry.replace(/\n\}\s*$/, `${(extras[index] ?? []).join('')}\n}\n\n`))
      .join('');
  } finally {
    forgetLog();
  }
}

/** An entry (`@article{`, `@String (`) first in the file, after optional `%` comment lines. */
const ENTRY = /^\uFEFF?(?:\s*%[^\n]*\n)*\s*@\s*[a-z]+\s*[{(]/i;

export const bibtex: IngestFormat = {
  name: 'bibtex',
  description: 'BibTeX/BibLaTeX .bib: @string macros, crossref, TeX escapes and accents (read by citation.js)',
  detect: (fileName, head) =>
    /\.(bib|bibtex|biblatex)$/i.test(fileName) || (/\.txt$/i.test(fileName) && ENTRY.test(head)),
  parseText: parseBibtexText,
};
