import { createGraphQLError, type Plugin } from 'graphql-yoga';
import { LIMITS } from '../limits';

/**
 * A result whose JSON would exceed LIMITS.maxResponseBytes is replaced by one error before it is
 * serialized for the client: the cost limit keeps results far below that, so this only catches a
 * price list that has fallen behind the data (say so in an issue when it fires).
 */
export function useResponseLimit(): Plugin {
  return {
    onExecute() {
      return {
        onExecuteDone({ result, setResult }) {
          if (Symbol.asyncIterator in result || !result.data) return;
          const bytes = JSON.stringify(result.data).length; // UTF-16 units: bytes for the ASCII bulk of an answer
          if (bytes <= LIMITS.maxResponseBytes) return;
          setResult({
            errors: [
              createGraphQLError(
                `The answer would be ${bytes} bytes; the limit is ${LIMITS.maxResponseBytes}. Ask for smaller pages.`,
                { extensions: { code: 'RESPONSE_TOO_LARGE', bytes, limit: LIMITS.maxResponseBytes } },
              ),
            ],
            extensions: result.extensions,
          });
        },
      };
    },
  };
}
