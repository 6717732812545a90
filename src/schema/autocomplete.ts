/**
 * Autocomplete by name prefix, cheap enough for every keystroke: ONE statement whatever the kinds
 * asked, each kind one range of an index reading `first` rows (src/db/entity-list.repository.ts).
 * Case: ASCII letters fold (COLLATE NOCASE, as the name indexes are built); keywords fold fully
 * (their stored key is NFKC lower-cased). Accents are not folded: "Mul" does not find "Müller".
 */
import { brandWithType, typeBrandKey } from '@pothos/core';
import { builder } from '../builder';
import type { Context } from '../context';
import { type SuggestedEntity, type SuggestionRow, suggestByPrefix } from '../db/entity-list.repository';
import { checkRange } from './arguments';
import { encodeGlobalId } from './global-id';
import { Author, Institution, Keyword, Paper, Venue } from './refs';

const KINDS = {
  PAPER: { entity: 'paper', typename: 'Paper', ref: Paper },
  AUTHOR: { entity: 'author', typename: 'Author', ref: Author },
  INSTITUTION: { entity: 'institution', typename: 'Institution', ref: Institution },
  KEYWORD: { entity: 'keyword', typename: 'Keyword', ref: Keyword },
  VENUE: { entity: 'venue', typename: 'Venue', ref: Venue },
} as const satisfies Record<string, { entity: SuggestedEntity; typename: string; ref: unknown }>;

type Kind = keyof typeof KINDS;
const KIND_OF = new Map(Object.entries(KINDS).map(([kind, { entity }]) => [entity as SuggestedEntity, kind as Kind]));

export const EntityKindEnum = builder.enumType('EntityKind', {
  values: {
    PAPER: { description: 'Papers, by title.' },
    AUTHOR: { description: 'Authors, by name.' },
    INSTITUTION: { description: 'Institutions, by name.' },
    KEYWORD: { description: 'Keywords, by term.' },
    VENUE: { description: 'Venues, by name.' },
  } satisfies Record<Kind, { description: string }>,
});

const MAX_SUGGESTIONS = 20;
const MAX_PREFIX_LENGTH = 200;

/** An entity of some kind, loaded by its type's loader and branded so `Node` knows its type. */
export function loadNode(ctx: Context, kind: Kind, id: number): Promise<object | null> {
  const { ref } = KINDS[kind];
  const loader = (ref.getDataloader as (ctx: Context) => { load: (id: number) => Promise<object | null> })(ctx);
  return loader.load(id).then((row) => {
    // The request's loader may already have handed this row out branded (nodes(ids:) brands it too,
    // with its own ref): a brand cannot be redefined, and one is enough for `Node` to know its type.
    if (row && !(typeBrandKey in row)) brandWithType(row, ref as never);
    return row;
  });
}

const Suggestion = builder.objectRef<SuggestionRow>('Suggestion').implement({
  description: 'An entity whose name starts with the prefix typed.',
  fields: (t) => ({
    kind: t.field({ type: EntityKindEnum, resolve: (row) => KIND_OF.get(row.kind) ?? 'PAPER' }),
    label: t.exposeString('label', { description: 'The title, name or term that matched.' }),
    id: t.id({
      description: 'Its CiteQL id (for node(id:), or the entity root queries).',
      resolve: (row) => encodeGlobalId(KINDS[KIND_OF.get(row.kind) ?? 'PAPER'].typename, row.id),
    }),
    node: t.field({
      type: builder.nodeInterfaceRef(),
      description: 'The entity itself (one more statement per kind, for every suggestion of the request).',
      resolve: async (row, _args, ctx) => (await loadNode(ctx, KIND_OF.get(row.kind) ?? 'PAPER', row.id)) as never,
    }),
  }),
});

builder.queryField('autocomplete', (t) =>
  t.field({
    type: [Suggestion],
    description:
      'Entities whose name starts with `prefix` (ASCII case ignored; keywords fully case-folded), per kind in ' +
      'name order: one indexed statement, cheap enough for every keystroke.',
    args: {
      prefix: t.arg.string({ required: true }),
      kinds: t.arg({ type: [EntityKindEnum], description: 'Default: every kind.' }),
      first: t.arg.int({ required: true, defaultValue: 5, description: `Per kind, 1 to ${MAX_SUGGESTIONS}.` }),
    },
    resolve: async (_root, args, ctx) => {
      checkRange(args.first, 'first', 1, MAX_SUGGESTIONS);
      checkRange(args.prefix.length, 'prefix length', 0, MAX_PREFIX_LENGTH);
      const prefix = args.prefix.trimStart();
      if (prefix === '') return [];
      const kinds = [...new Set(args.kinds ?? (Object.keys(KINDS) as Kind[]))].map((kind) => KINDS[kind].entity);
      const folded = prefix.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ');
      return suggestByPrefix(ctx.db, kinds, { nocase: prefix, folded }, args.first);
    },
  }),
);
