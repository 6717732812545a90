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
    /**
     * Where test/global-setup.ts serves the files of CITEQL_DATA as one JSON document (workerd has no
     * host filesystem), or null when the folder is absent.
     */
    citeqlDataUrl: string | null;
    /** schema/schema.graphql as committed. */
    committedSchema: string;
  }
}
