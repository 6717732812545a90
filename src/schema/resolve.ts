/**
 * `resolve(ids:)`: up to 100 identifiers of any kind, answered in input order. ONE statement looks
 * every identifier key up in external_id (its primary key); the entities found are then loaded by
 * their types' loaders (one statement per type present, in the same round trip). CiteQL ids need
 * no lookup. DOIs compare case-insensitively (their key is lower-cased, src/ids.ts).
 */
import { builder } from '../builder';
import { findEntitiesByKeys } from '../db/entity-list.repository';
import type { EntityType } from '../db/tables';
import { parseExternalId } from '../ids';
import { LIMITS } from '../limits';
import { checkRange } from './arguments';
import { loadNode } from './autocomplete';
import { decodeGlobalId } from './global-id';

type Reason = 'NOT_FOUND' | 'NOT_AN_IDENTIFIER';

const ResolveFailureEnum = builder.enumType('ResolveFailure', {
  values: {
    NOT_AN_IDENTIFIER: {
      description:
        'Not an identifier form CiteQL reads: "namespace:value" (doi:, openalex:, acl:, orcid:, ror:, issn: ...), ' +
        'an identifier URL (https://doi.org/10.…), a bare DOI, or a CiteQL id.',
    },
    NOT_FOUND: { description: 'A well-formed identifier that names nothing in CiteQL.' },
  } satisfies Record<Reason, { description: string }>,
});

interface Resolution {
  input: string;
  node: object | null;
  reason: Reason | null;
}

const ResolvedId = builder.objectRef<Resolution>('ResolvedId').implement({
  description: 'One identifier of resolve(ids:): the entity it names, or why there is none.',
  fields: (t) => ({
    input: t.exposeString('input', { description: 'The identifier as given.' }),
    node: t.field({
      type: builder.nodeInterfaceRef(),
      nullable: true,
      description: 'The entity; null when `reason` says why not.',
      resolve: (row) => row.node as never,
    }),
    reason: t.field({ type: ResolveFailureEnum, nullable: true, resolve: (row) => row.reason }),
  }),
});

const KIND_OF_ENTITY = {
  paper: 'PAPER',
  author: 'AUTHOR',
  institution: 'INSTITUTION',
  venue: 'VENUE',
} as const satisfies Record<EntityType, string>;

const KIND_OF_TYPENAME: Record<string, Kind> = {
  Paper: 'PAPER',
  Author: 'AUTHOR',
  Institution: 'INSTITUTION',
  Keyword: 'KEYWORD',
  Venue: 'VENUE',
};

/** What an input names before any lookup: an identifier key, a CiteQL id, or nothing readable. */
type Read = { key: string } | { key: null; kind: Kind; id: number } | null;
type Kind = 'PAPER' | 'AUTHOR' | 'INSTITUTION' | 'KEYWORD' | 'VENUE';

function readInput(input: string): Read {
  const ref = parseExternalId(input);
  if (ref) return { key: ref.key };
  try {
    const { typename, id } = decodeGlobalId(input.trim());
    const kind = KIND_OF_TYPENAME[typename];
    if (kind) return { key: null, kind, id: Number(id) };
  } catch {
    // Not a CiteQL id either.
  }
  return null;
}

builder.queryField('resolve', (t) =>
  t.field({
    type: [ResolvedId],
    description:
      'Up to 100 identifiers of any kind (doi:, openalex:, acl:, orcid:, ror:, issn:, identifier URLs, bare DOIs, ' +
      'CiteQL ids), each answered in input order with its entity or the reason there is none.',
    args: { ids: t.arg.stringList({ required: { list: true, items: true } }) },
    resolve: async (_root, args, ctx) => {
      checkRange(args.ids.length, 'number of ids', 0, LIMITS.maxListItems);
      const read = args.ids.map(readInput);
      const keys = [...new Set(read.flatMap((r) => (r?.key ? [r.key] : [])))];
      const found = keys.length ? await findEntitiesByKeys(ctx.db, keys) : [];
      const byKey = new Map(found.map((row) => [row.key, row]));
      return Promise.all(
        args.ids.map(async (input, i): Promise<Resolution> => {
          const r = read[i];
          if (!r) return { input, node: null, reason: 'NOT_AN_IDENTIFIER' };
          const row = r.key === null ? null : byKey.get(r.key);
          const target = r.key === null ? r : row ? { kind: KIND_OF_ENTITY[row.entity_type], id: row.entity_id } : null;
          const node = target ? await loadNode(ctx, target.kind, target.id) : null;
          return { input, node, reason: node ? null : 'NOT_FOUND' };
        }),
      );
    },
  }),
);
