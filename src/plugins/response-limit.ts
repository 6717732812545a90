import { createGraphQLError, type Plugin } from 'graphql-yoga';
import { LIMITS } from '../limits';

/** UTF-16 units: bytes for the ASCII bulk of an answer. */
type Measured = { bytes: number; text: string | null };

/**
 * A result whose JSON would exceed LIMITS.maxResponseBytes is replaced by one error before it is
 * serialized for the client: the cost limit keeps results far below that, so this only catches a
 * price list that has fallen behind the data (say so in an issue when it fires).
 *
 * It runs last, on the result as it will be sent (extensions included), and measures it by
 * serializing it: the text is then handed to Yoga as the result's `stringify`, so an answer is
 * serialized once, not once to measure and again to send (that second pass was about 3% of a node
 * page's JavaScript). A result with errors or HTTP extensions is serialized by Yoga from a copy
 * without their internals, so for it only `data` is measured, and Yoga serializes it again.
 */
export function useResponseLimit(): Plugin {
  return {
    onResultProcess({ result, setResult }) {
      if (Array.isArray(result) || Symbol.asyncIterator in result) return; // no batching, no streams
      const measured = measure(result);
      if (measured.bytes > LIMITS.maxResponseBytes) {
        setResult({
          errors: [
            createGraphQLError(
              `The answer would be ${measured.bytes} bytes; the limit is ${LIMITS.maxResponseBytes}. Ask for smaller pages.`,
              { extensions: { code: 'RESPONSE_TOO_LARGE', bytes: measured.bytes, limit: LIMITS.maxResponseBytes } },
            ),
          ],
          extensions: result.extensions,
        });
        return;
      }
      const text = measured.text;
      if (text !== null) setResult({ ...result, stringify: () => text });
    },
  };
}

function measure(result: { data?: unknown; errors?: readonly unknown[]; extensions?: { http?: unknown } }): Measured {
  if (result.errors?.length || result.extensions?.http) {
    return { bytes: result.data ? JSON.stringify(result.data).length : 0, text: null };
  }
  const text = JSON.stringify(result);
  return { bytes: text.length, text };
}
