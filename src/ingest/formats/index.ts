/** The ingest formats, in the order `--help` lists them. A new format is a new module added here. */
import type { IngestFormat } from './format';
import { openalex } from './openalex';

export const FORMATS: readonly IngestFormat[] = [openalex];
