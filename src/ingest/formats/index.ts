/** The ingest formats, in the order `--help` lists them. A new format is a new module added here. */
import { cnki } from './cnki';
import type { IngestFormat } from './format';
import { openalex } from './openalex';
import { wos } from './wos';

export const FORMATS: readonly IngestFormat[] = [openalex, wos, cnki];
