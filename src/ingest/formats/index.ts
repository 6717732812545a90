/** The ingest formats, in the order `--help` lists them. A new format is a new module added here. */
import { bibtex } from './bibtex';
import { cnki } from './cnki';
import { crossref } from './crossref';
import { cslJson } from './csl-json';
import type { IngestFormat } from './format';
import { openalex } from './openalex';
import { ris } from './ris';
import { s2 } from './s2';
import { wos } from './wos';

export const FORMATS: readonly IngestFormat[] = [openalex, crossref, cslJson, bibtex, ris, wos, cnki, s2];
