import type { WorkRecord } from '../ingest/record';
import { generateDemoCorpus } from './generate';
import { seedPaper } from './seed-paper';

/** What `npm start` loads into an empty database: the generated graph plus the seed paper. */
export function demoCorpus(): WorkRecord[] {
  return [...generateDemoCorpus(), seedPaper];
}
