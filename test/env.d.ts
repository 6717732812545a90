import type { D1Migration } from '@cloudflare/vitest-pool-workers';

declare global {
  namespace Cloudflare {
    interface Env {
      TEST_MIGRATIONS: D1Migration[];
    }
  }
}

declare module 'vitest' {
  interface ProvidedContext {
    /** Files of CITEQL_DATA handed to the tests (workerd has no host filesystem), or null when absent. */
    citeqlData: import('./global-setup').CiteqlData | null;
    /** schema/schema.graphql as committed. */
    committedSchema: string;
  }
}
