import type { Plugin } from 'graphql-yoga';
import type { Context } from '../context';

export const TRACE_HEADER = 'x-citeql-trace';

/**
 * With the request header `x-citeql-trace: 1`, adds `extensions.trace` = `{ d1Statements, rowsRead,
 * rowsWritten, d1DurationMs }` for the whole request, summed from D1's result meta.
 */
export function useD1Trace(): Plugin<Context> {
  return {
    onExecute({ args }) {
      const ctx = args.contextValue as Context & { request: Request };
      if (ctx.request.headers.get(TRACE_HEADER) !== '1') return;
      return {
        onExecuteDone({ result, setResult }) {
          if (Symbol.asyncIterator in result) return; // no streaming responses in CiteQL
          setResult({ ...result, extensions: { ...result.extensions, trace: { ...ctx.trace } } });
        },
      };
    },
  };
}
