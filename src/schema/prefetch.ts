/**
 * A paper looked up by identifier, and what is asked of it, in ONE D1 round trip (the node page).
 * `paper(id:)` sends the same statements with the load of its row (the id is known; no lookup).
 *
 * `paper(externalId:)` / `paper(doi:)` must look its key up before it knows the paper's id, so its
 * fields would run a round trip later. But it knows its selection set: each Paper field asked for
 * directly below it that registered a prefetch here issues its statement in the same tick as the
 * lookup, with the paper given not as an id list but as the lookup itself (`PapersByKeys`, which
 * src/db/paging.ts `parentList` renders as the key subquery), so D1 gets the lookup and the
 * fields' statements as one batch (src/db/trace.ts). When the batch returns, the rows are primed
 * into the request loaders the fields' resolvers ask, under the real paper id (in the rows' parent
 * column, and in the lookup's row): the resolvers then run no statement. The root field awaits the
 * priming before it returns the paper.
 *
 * - A registered field prefetches what its resolver would fetch, for the arguments the client gave
 *   it, and nothing else; arguments the field would refuse prefetch nothing (the field reports
 *   them). A field that did not register, or a use it cannot prefetch (a searched `citedBy`), keeps
 *   its own round trip: correct, a round trip slower.
 * - Aliases of the root field with several keys share each statement (a loader over the keys of
 *   the tick, as the lookup itself); a key that names no paper gets no rows and primes nothing.
 * - A failed prefetch primes nothing: the field then asks for itself and reports its own error.
 * - The row allowance (src/db/trace.ts) is checked before each round trip, so the prefetched
 *   statements, sent with the lookup, run as one level; the cost estimate, made before anything
 *   runs, prices them as it prices the fields (nothing is fetched that was not asked for, except a
 *   field under `@skip`/`@include`, which lookahead.ts does not evaluate: fetched for nothing).
 */

import type DataLoader from 'dataloader';
import type { FieldNode, GraphQLResolveInfo } from 'graphql';
import type { Context } from '../context';
import type { Db } from '../db/database';
import type { KeysetPage, PaperParents } from '../db/paging';
import { primeRelationPages, type Relation, relationFetchWindow, requestLoader, rowsByKey } from './connection';
import { readsListedPaperColumnsOnly, type SubfieldUse, subfieldNodes, subfieldUses } from './lookahead';
import { paperByKey } from './lookups';

/** What a Paper field's prefetch is given: the field's uses under the root field, and `fetch`. */
export interface PaperFieldUses {
  ctx: Context;
  info: GraphQLResolveInfo;
  /** The field's nodes under the root field (to look further down with lookahead.ts). */
  nodes: readonly FieldNode[];
  /** The argument values of each distinct use of the field. */
  args: readonly Record<string, unknown>[];
  /** Each use of the field (one per alias) with its nodes: what its resolver will see. */
  uses: readonly SubfieldUse[];
  /**
   * Sends `load` for the papers of every key (or id) asked in this tick (`name` says what it
   * fetches, arguments included: equal names share the statement), then hands its rows and the ids
   * of the papers found to `prime`.
   */
  fetch<Rows>(
    name: string,
    load: (papers: PaperParents) => Promise<Rows>,
    prime: (rows: Rows, paperIds: number[]) => void,
  ): void;
}

type PaperFieldPrefetch = (uses: PaperFieldUses) => void;

const prefetches = new Map<string, PaperFieldPrefetch[]>();

/**
 * Registers how Paper field `field` (or what is asked below it) is fetched with the lookup of its
 * paper (type files call it, beside the field's resolver).
 */
export function registerPaperPrefetch(field: string, prefetch: PaperFieldPrefetch): void {
  prefetches.set(field, [...(prefetches.get(field) ?? []), prefetch]);
}

/**
 * A Paper field answered by a list of rows per paper (`rowsOf` many papers, each row naming its
 * paper): the field's load, batched over the papers of the tick, with its prefetch registered.
 */
export function paperRowsLoad<Row>(
  field: string,
  rowsOf: (db: Db, papers: PaperParents) => Promise<Row[]>,
  paperOf: (row: Row) => number,
): (ctx: Context, paperId: number) => Promise<Row[]> {
  const name = `Paper.${field}`;
  const loader = (ctx: Context) =>
    requestLoader<number, Row[]>(ctx, name, async (ids) => rowsByKey(ids, await rowsOf(ctx.db, ids), paperOf));
  registerPaperPrefetch(field, ({ ctx, fetch }) =>
    fetch(
      name,
      (papers) => rowsOf(ctx.db, papers),
      (rows, paperIds) => primeByPaper(loader(ctx), paperIds, rows, paperOf),
    ),
  );
  return (ctx, paperId) => loader(ctx).load(paperId);
}

/** The paper the root field names: an identifier key to look up, or its id (`paper(id:)`). */
export type PaperNamed = { key: string } | { id: number };

/**
 * Starts, in this tick, the statements of the registered Paper fields asked for below the root
 * field being resolved (`info`), for the paper `named`. Resolves once their rows are primed (never
 * rejects).
 */
export function prefetchPaperFields(ctx: Context, named: PaperNamed, info: GraphQLResolveInfo): Promise<void> {
  const started: Promise<void>[] = [];
  for (const [field, fieldPrefetches] of prefetches) {
    const nodes = subfieldNodes(info, field);
    if (nodes.length === 0) continue;
    const uses = subfieldUses(info, 'Paper', field);
    const args = [...new Map(uses.map((use) => [JSON.stringify(use.args), use.args])).values()];
    const fetch: PaperFieldUses['fetch'] = (name, load, prime) => {
      started.push(fetchWithPaper(ctx, named, name, load, prime).catch(() => {}));
    };
    for (const prefetch of fieldPrefetches) prefetch({ ctx, info, nodes, args, uses, fetch });
  }
  return Promise.all(started).then(() => {});
}

/**
 * `load` for the papers named in this tick as `named` is (one statement for all their keys, or
 * ids), then `prime` with its rows and the ids of the papers found.
 */
async function fetchWithPaper<Rows>(
  ctx: Context,
  named: PaperNamed,
  name: string,
  load: (papers: PaperParents) => Promise<Rows>,
  prime: (rows: Rows, paperIds: number[]) => void,
): Promise<void> {
  const batch = async (parents: PaperParents, found: Promise<number[]>) => {
    const [rows, paperIds] = await Promise.all([load(parents), found]);
    prime(rows, paperIds);
  };
  if ('key' in named) {
    return requestLoader<string, void>(ctx, `prefetch:key:${name}`, async (keys) => {
      const papers = Promise.all(keys.map((key) => paperByKey(ctx, key)));
      await batch(
        { paperKeys: keys },
        papers.then((rows) => rows.flatMap((row) => (row ? [row.id] : []))),
      );
      return keys.map(() => undefined);
    }).load(named.key);
  }
  // An id that names no paper primes empty lists nobody asks for: its paper is null.
  return requestLoader<number, void>(ctx, `prefetch:id:${name}`, async (ids) => {
    await batch(ids, Promise.resolve(ids));
    return ids.map(() => undefined);
  }).load(named.id);
}

/** Primes `loader` with `values[i]` under `paperIds[i]` (values as the loader's batch would answer). */
export function primeAll<Value>(
  loader: DataLoader<number, Value>,
  paperIds: readonly number[],
  values: readonly Value[],
): void {
  for (const [index, id] of paperIds.entries()) loader.prime(id, values[index]!);
}

/** Primes `loader` with each found paper's rows (an empty list for a paper without any). */
export function primeByPaper<Row>(
  loader: DataLoader<number, Row[]>,
  paperIds: readonly number[],
  rows: readonly Row[],
  paperOf: (row: Row) => number,
): void {
  primeAll(loader, paperIds, rowsByKey(paperIds, rows, paperOf));
}

/** A paper relation whose page can take the papers as their lookup. */
export type PaperRelation<Row> = Relation<Row> & { page: KeysetPage<Row, number, PaperParents> };

/**
 * Registers the prefetch of a paged relation to papers: one page per distinct window asked (the
 * arguments, and the columns the use reads, as the field's resolver computes them).
 */
export function registerRelationPrefetch<Row>(field: string, relation: PaperRelation<Row>): void {
  registerPaperPrefetch(field, ({ ctx, info, uses, fetch }) => {
    for (const use of uses) {
      const listed = readsListedPaperColumnsOnly(info, use.nodes, 'node');
      const fetchWindow = relationFetchWindow(relation, use.args, listed);
      if (fetchWindow === null) continue;
      fetch(
        `${relation.name}:${JSON.stringify(fetchWindow)}`,
        (papers) => relation.page(ctx.db, papers, fetchWindow),
        (rows, paperIds) => primeRelationPages(ctx, relation, fetchWindow, rows, paperIds),
      );
    }
  });
}
