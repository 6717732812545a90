import { createGraphQLError } from 'graphql-yoga';

/**
 * Errors a client can cause. Each carries `extensions.code`; they pass Yoga's error masking because
 * they are GraphQLErrors. Anything else thrown stays masked ("Unexpected error.").
 */
export function badUserInput(message: string, extra: Record<string, unknown> = {}) {
  return createGraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', ...extra } });
}

export function tooComplex(message: string, extra: Record<string, unknown> = {}) {
  return createGraphQLError(message, { extensions: { code: 'QUERY_TOO_COMPLEX', ...extra } });
}
