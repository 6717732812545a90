/**
 * Detection of the citation formats: every sample file is claimed by its own format and by no other
 * in FORMATS, judged as the CLI judges (file name, first 64 KiB). The S2AG datasets that are not
 * papers are claimed by none (the CLI then asks for --format and the importer says why not).
 */
import { describe, expect, it } from 'vitest';
import { FORMATS } from '../src/ingest/formats';
import { realData } from './helpers';

const data = realData();
const HEAD = 64 * 1024;

const FORMAT_OF_FOLDER: Record<string, string> = {
  crossref: 'crossref',
  'csl-json': 'csl-json',
  bibtex: 'bibtex',
  ris: 'ris',
  semanticscholar: 's2',
};

const claims = (path: string, text: string) => {
  const name = path.split('/').pop() ?? path;
  return FORMATS.filter((format) => format.detect(name, text.slice(0, HEAD))).map((format) => format.name);
};

describe.skipIf(!data)('detection of the citation formats', () => {
  it('claims every sample file for its format only', () => {
    let files = 0;
    for (const [folder, format] of Object.entries(FORMAT_OF_FOLDER)) {
      for (const [name, text] of Object.entries(data?.citationFiles[folder] ?? {})) {
        expect(claims(name, text), `${folder}/${name}`).toEqual([format]);
        files++;
      }
    }
    expect(files).toBeGreaterThan(40);
  });

  it('claims the S2AG papers, citations and abstracts datasets for s2 and the other datasets for nothing', () => {
    for (const [name, text] of Object.entries(data?.citationFiles.s2ag_bulk_samples ?? {})) {
      expect(claims(name, text), name).toEqual(/^(papers|citations|abstracts)\//.test(name) ? ['s2'] : []);
    }
  });

  it('leaves the other formats’ samples (OpenAlex, CNKI) to them', () => {
    const mine = new Set(Object.values(FORMAT_OF_FOLDER));
    for (const [name, text] of Object.entries(data?.openalexFiles ?? {}))
      expect(claims(name, text)).toEqual(['openalex']);
    for (const [name, text] of Object.entries(data?.cnkiFiles ?? {})) {
      expect(claims(name, text).filter((format) => mine.has(format))).toEqual([]);
    }
  });
});
