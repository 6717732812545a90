import type { Plugin } from 'graphql-yoga';
import type { Context } from '../context';

export const TRACE_HEADER = 'x-citeql-trace';

/**
 * With the request header `x-citeql-trace: 1`, adds `extensions.trace` = `{ d1Statements, rowsRead,
 * rowsWritten, d1DurationMs }` for the whole request, summed from D1's result meta.
 */
export function useD1Trace(): Plugin {
  return {
    // onExecutionResult sees every result, also one a limit produced before execution (0 statements).
    onExecutionResult({ request, context, result, setResult }) {
      const { trace } = context as Partial<Context>; // absent when the request never reached a context
      if (request.headers.get(TRACE_HEADER) !== '1' || !trace || !result) return;
      if (Symbol.asyncIterator in result) return; // CiteQL streams nothing
      setResult({ ...result, extensions: { ...result.extensions, trace: { ...trace } } });
    },
  };
}
