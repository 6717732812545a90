import { badUserInput } from '../errors';

/**
 * Opaque global ids: base64url of `Type:localId`. Clients must not parse them; decoding a malformed
 * one is a BAD_USER_INPUT error, not a masked internal error.
 */
export function encodeGlobalId(typename: string, id: bigint | number | string): string {
  return btoa(`${typename}:${id}`).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The types that implement Node (src/schema/refs.ts): the only ones a global id may name. */
const NODE_TYPES = new Set(['Paper', 'Author', 'Institution', 'Keyword', 'Venue']);

export function decodeGlobalId(globalId: string): { typename: string; id: string } {
  let decoded = '';
  try {
    decoded = atob(globalId.replace(/-/g, '+').replace(/_/g, '/'));
  } catch {
    decoded = '';
  }
  const match = /^([A-Za-z]+):(\d+)$/.exec(decoded);
  if (!match?.[1] || !match[2] || !NODE_TYPES.has(match[1])) {
    throw badUserInput(`"${globalId}" is not a CiteQL id; use the "id" a query returned`);
  }
  return { typename: match[1], id: match[2] };
}

/** The local integer id of a global id that must name a `typename`. */
export function localIdOf(globalId: string, typename: string): number {
  const decoded = decodeGlobalId(globalId);
  if (decoded.typename !== typename) {
    const article = /^[AEIOU]/.test(typename) ? 'an' : 'a';
    throw badUserInput(`"${globalId}" is a ${decoded.typename} id; this field takes ${article} ${typename} id`);
  }
  return Number(decoded.id);
}
