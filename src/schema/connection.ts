/**
 * Cursor connections, batched across parents, with keyset cursors (every relation and
 * `keysetListConnection`; `papers` and `citedBy` page their own way in paper-search.ts). A cursor
 * holds the sort key of its item (e.g. (viaCount, id) for a ranked relation, the position for a
 * reference list), and the next page is the items strictly beyond it. So paging to the end, either
 * way, neither skips nor repeats an item, a boundary does not move when unrelated papers are added,
 * and there is no depth wall (page 1,000 costs what page 2 costs). A cursor names its connection;
 * a cursor of another connection, and an offset cursor of the old form, are BAD_USER_INPUT (ask
 * again from the first page), never silently reinterpreted.
 *
 * Page sizes: default 20, max 100; asking for more is a BAD_USER_INPUT error (never a silent cap).
 * A nested connection (e.g. `citedBy(first: 5)` on 50 papers) is ONE statement for all parents
 * with the same window; its `totalCount` comes with the page rows (a grouped COUNT runs only for
 * an empty page past the start, or for `last` without `before`). Statements per request do not
 * grow with page sizes.
 */
import DataLoader from 'dataloader';
import type { Context } from '../context';
import type { Db } from '../db/database';
import type { KeysetPage, KeysetWindow, KeyValues, ParentRow, SortKey } from '../db/paging';
import { keyValuesOf } from '../db/paging';
import { badUserInput } from '../errors';

const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export interface ConnectionArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
}

interface Connection<T> {
  edges: Array<{ cursor: string; node: T }>;
  pageInfo: { startCursor: string | null; endCursor: string | null; hasPreviousPage: boolean; hasNextPage: boolean };
  totalCount: () => Promise<number>;
}

export function checkPageSize(value: number | null | undefined, argName: string): void {
  if (value === null || value === undefined) return;
  if (value < 0 || value > MAX_PAGE_SIZE) {
    throw badUserInput(
      `"${argName}" must be between 0 and ${MAX_PAGE_SIZE} (got ${value}); page through larger lists with cursors`,
      { argumentName: argName, maximum: MAX_PAGE_SIZE },
    );
  }
}

/**
 * A one-to-many relation that can be paged for many parents at once. Parents are paper ids, or
 * string keys for composite parents (a paper's reference group).
 */
export interface Relation<Row, Key extends number | string = number> {
  /** Unique name: it keys the request's loaders, and keyset cursors carry it. */
  name: string;
  page: KeysetPage<Row, Key>;
  count: (db: Db, parentIds: Key[]) => Promise<Map<Key, number>>;
}

export function requestLoader<Key, Value>(
  ctx: Context,
  name: string,
  batch: (keys: Key[]) => Promise<Value[]>,
): DataLoader<Key, Value> {
  let existing = ctx.loaders.get(name) as DataLoader<Key, Value> | undefined;
  if (!existing) {
    existing = new DataLoader<Key, Value>((keys) => batch([...keys]));
    ctx.loaders.set(name, existing as DataLoader<unknown, unknown>);
  }
  return existing;
}

/** A per-parent count, batched with every other parent asked for in this tick (one statement). */
function loadCount<Key extends number | string>(
  ctx: Context,
  name: string,
  count: (db: Db, ids: Key[]) => Promise<Map<Key, number>>,
  parentId: Key,
): Promise<number> {
  return requestLoader<Key, number>(ctx, name, async (ids) => {
    const counts = await count(ctx.db, ids);
    return ids.map((id) => counts.get(id) ?? 0);
  }).load(parentId);
}

/** The relation's size for one parent. */
export function relationCount<Row, Key extends number | string>(
  ctx: Context,
  relation: Relation<Row, Key>,
  parentId: Key,
): Promise<number> {
  return loadCount(ctx, `${relation.name}#count`, (db, ids: Key[]) => relation.count(db, ids), parentId);
}

const KEYSET_PREFIX = 'k1:';

/**
 * An opaque cursor: `prefix` + JSON, as base64url of the UTF-8 bytes (a key may hold any script;
 * btoa alone takes Latin-1 only). Every connection's cursors go through this pair.
 */
export function encodeCursor(prefix: string, value: unknown): string {
  const bytes = new TextEncoder().encode(prefix + JSON.stringify(value));
  return btoa(Array.from(bytes, (byte) => String.fromCharCode(byte)).join(''))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

/** The JSON value of a cursor made by `encodeCursor` with `prefix` (base64 or base64url), or null. */
export function decodeCursor(prefix: string, cursor: string): unknown {
  try {
    const binary = atob(cursor.replace(/-/g, '+').replace(/_/g, '/'));
    const text = new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
    return text.startsWith(prefix) ? JSON.parse(text.slice(prefix.length)) : null;
  } catch {
    return null;
  }
}

function encodeKeysetCursor(name: string, values: KeyValues): string {
  return encodeCursor(KEYSET_PREFIX, [name, ...values]);
}

/** The key values a cursor holds, or BAD_USER_INPUT when it is not a cursor of this connection. */
function decodeKeysetCursor(cursor: string, name: string, arity: number, argName: string): KeyValues {
  const decoded = decodeCursor(KEYSET_PREFIX, cursor);
  const valid =
    Array.isArray(decoded) &&
    decoded.length === arity + 1 &&
    decoded[0] === name &&
    decoded
      .slice(1)
      .every((v) => (typeof v === 'number' && Number.isFinite(v)) || (typeof v === 'string' && v.length <= 2048));
  if (!valid) {
    throw badUserInput(
      `"${argName}" is not a cursor of ${name}; pass a cursor from this connection's edges or pageInfo ` +
        '(cursors of the offset form are no longer accepted: start again from the first page)',
      { argumentName: argName },
    );
  }
  return (decoded as unknown[]).slice(1) as KeyValues;
}

/** The keyset window a Relay argument set selects (`first` wins the direction when both are given). */
function keysetWindowFor(
  args: ConnectionArgs,
  name: string,
  arity: number,
): KeysetWindow & { first: number | null; last: number | null } {
  checkPageSize(args.first, 'first');
  checkPageSize(args.last, 'last');
  const after = args.after ? decodeKeysetCursor(args.after, name, arity, 'after') : null;
  const before = args.before ? decodeKeysetCursor(args.before, name, arity, 'before') : null;
  const first = args.first ?? null;
  const last = args.last ?? null;
  const backward = first === null && last !== null;
  const size = first ?? last ?? DEFAULT_PAGE_SIZE;
  return { after, before, backward, limit: size, first, last };
}

/**
 * An edge whose cursor is encoded when read: one getter on the prototype, not a closure per edge
 * (a node page has about 90 edges).
 */
class LazyCursorEdge<T> {
  constructor(
    readonly node: T,
    private readonly cursorOf: (node: T) => string,
  ) {}

  get cursor(): string {
    return this.cursorOf(this.node);
  }
}

/**
 * A page's edges and pageInfo with cursors made only when asked for (getters): most pages (a node
 * page) ask for none, and encoding one per edge was a fifth of a node page's own JavaScript.
 * `extra` is copied into every edge.
 */
export function lazyCursorPage<T, Extra extends object>(
  nodes: readonly T[],
  cursorOf: (node: T) => string,
  hasPreviousPage: boolean,
  hasNextPage: boolean,
  extra?: Extra,
) {
  const edges = nodes.map((node) => {
    const edge = new LazyCursorEdge(node, cursorOf);
    return extra ? Object.assign(edge, extra) : (edge as LazyCursorEdge<T> & Extra);
  });
  const first = nodes[0];
  const last = nodes[nodes.length - 1];
  return {
    edges,
    pageInfo: {
      get startCursor() {
        return first === undefined ? null : cursorOf(first);
      },
      get endCursor() {
        return last === undefined ? null : cursorOf(last);
      },
      hasPreviousPage,
      hasNextPage,
    },
  };
}

/**
 * The connection of rows fetched with ONE extra row, in page order (backward pages come last
 * item first and are turned around here).
 */
function keysetConnectionFromRows<T extends object>(
  fetched: readonly T[],
  window: ReturnType<typeof keysetWindowFor>,
  cursorOf: (row: T) => string,
  totalCount: () => Promise<number>,
): Connection<T> {
  const more = fetched.length > window.limit;
  let nodes = fetched.slice(0, window.limit);
  if (window.backward) nodes = nodes.reverse();
  let trimmedFront = false;
  if (!window.backward && window.last !== null && nodes.length > window.last) {
    nodes = nodes.slice(nodes.length - window.last);
    trimmedFront = true;
  }
  return {
    ...lazyCursorPage(
      nodes,
      cursorOf,
      window.backward ? more : window.after !== null || trimmedFront,
      window.backward ? window.before !== null : more,
    ),
    totalCount,
  };
}

/** `rows` split by the key each belongs to, in the order of `keys` (an empty list for a key without rows). */
export function rowsByKey<Key, Row>(keys: readonly Key[], rows: readonly Row[], keyOf: (row: Row) => Key): Row[][] {
  const byKey = new Map<Key, Row[]>(keys.map((key) => [key, []]));
  for (const row of rows) byKey.get(keyOf(row))?.push(row);
  return keys.map((key) => byKey.get(key) ?? []);
}

/** The window a page is fetched with: one row more than it shows, to know whether more follow. */
function fetchWindowOf(window: KeysetWindow): KeysetWindow {
  const fetchWindow: KeysetWindow = {
    after: window.after,
    before: window.before,
    backward: window.backward,
    limit: window.limit + 1,
  };
  return withPaperColumns(fetchWindow, window.listedPaperColumns === true);
}

/**
 * The window (or paper-set page) with `listedPaperColumns` set when the page's selection reads only
 * those (lookahead.ts). Only when set: the window is the loaders' key, and a relation without
 * papers never sets it.
 */
export function withPaperColumns<Window extends { listedPaperColumns?: boolean }>(
  window: Window,
  listedPaperColumns: boolean,
): Window {
  return listedPaperColumns ? { ...window, listedPaperColumns: true } : window;
}

/** The request's loader of one relation's pages for one window, batched across parents. */
function relationPageLoader<Row, Key extends number | string>(
  ctx: Context,
  relation: Relation<Row, Key>,
  fetchWindow: KeysetWindow,
): DataLoader<Key, ParentRow<Row, Key>[]> {
  return requestLoader<Key, ParentRow<Row, Key>[]>(
    ctx,
    `${relation.name}#keyset:${JSON.stringify(fetchWindow)}`,
    async (ids) => {
      const rows = await relation.page(ctx.db, ids, fetchWindow);
      return rowsByKey(ids, rows, (row) => row.parent_id);
    },
  );
}

/**
 * The window a relation's page is fetched with for `args` (one row more than it shows), or null
 * when the connection would refuse the arguments: a prefetch then fetches nothing, and the
 * connection reports the error itself.
 */
export function relationFetchWindow<Row, Key extends number | string>(
  relation: Relation<Row, Key>,
  args: ConnectionArgs,
  listedPaperColumns = false,
): KeysetWindow | null {
  try {
    const window = keysetWindowFor(args, relation.name, relation.page.keys.length);
    return fetchWindowOf(withPaperColumns(window, listedPaperColumns));
  } catch {
    return null;
  }
}

/**
 * Primes the loader the connections of `fetchWindow` ask with rows fetched earlier: each parent
 * with rows gets its rows, each of `parents` without rows an empty page (so a paper with nothing
 * related runs no statement either).
 */
export function primeRelationPages<Row, Key extends number | string>(
  ctx: Context,
  relation: Relation<Row, Key>,
  fetchWindow: KeysetWindow,
  rows: readonly ParentRow<Row, Key>[],
  parents: readonly Key[] = [],
): void {
  const byParent = new Map<Key, ParentRow<Row, Key>[]>(parents.map((parent) => [parent, []]));
  for (const row of rows) {
    const parentRows = byParent.get(row.parent_id);
    if (parentRows) parentRows.push(row);
    else byParent.set(row.parent_id, [row]);
  }
  const loader = relationPageLoader(ctx, relation, fetchWindow);
  for (const [parent, parentRows] of byParent) loader.prime(parent, parentRows);
}

/**
 * Fetches a relation's pages a level early, for parents that arrive in the same round trip (a
 * paper's reference groups): `load` returns the page rows of every parent concerned for the
 * window `args` selects, and they are primed into the loader the connections will ask, so the
 * next level runs no statement for them. The caller awaits this before returning the parents.
 * Arguments the connection would refuse prefetch nothing: the connection reports them itself.
 */
export async function prefetchRelationPages<Row, Key extends number | string>(
  ctx: Context,
  relation: Relation<Row, Key>,
  args: ConnectionArgs,
  listedPaperColumns: boolean,
  load: (fetchWindow: KeysetWindow) => Promise<ParentRow<Row, Key>[]>,
): Promise<void> {
  const fetchWindow = relationFetchWindow(relation, args, listedPaperColumns);
  if (fetchWindow === null) return;
  primeRelationPages(ctx, relation, fetchWindow, await load(fetchWindow));
}

/**
 * One page of the relation for one parent, as a connection. `listedPaperColumns`: the page's
 * papers are read for their listed columns only (lookahead.ts `readsListedPaperColumnsOnly`).
 */
export async function relationConnection<Row, Key extends number | string>(
  ctx: Context,
  relation: Relation<Row, Key>,
  parentId: Key,
  args: ConnectionArgs,
  listedPaperColumns = false,
): Promise<Connection<ParentRow<Row, Key>>> {
  const page = relation.page;
  const window = withPaperColumns(keysetWindowFor(args, relation.name, page.keys.length), listedPaperColumns);
  const rows = await relationPageLoader(ctx, relation, fetchWindowOf(window)).load(parentId);
  // The page rows carry their list's size; only an empty page after a cursor needs a COUNT.
  const knownTotal = rows[0]?.total_in_parent ?? (window.after === null && window.before === null ? 0 : null);
  const totalCount =
    knownTotal === null ? () => relationCount(ctx, relation, parentId) : () => Promise.resolve(Number(knownTotal));
  return keysetConnectionFromRows(
    rows,
    window,
    (row) => encodeKeysetCursor(relation.name, keyValuesOf(page.keys, row as Record<string, unknown>)),
    totalCount,
  );
}

/**
 * A top-level list (no parent) paged by keys: `page` gets the keyset window (with one extra row)
 * and returns rows in page order; one statement for the page, one for the total when asked.
 */
export async function keysetListConnection<Row extends object>(
  args: ConnectionArgs,
  name: string,
  keys: readonly SortKey[],
  page: (window: KeysetWindow) => Promise<Row[]>,
  count: () => Promise<number>,
): Promise<Connection<Row>> {
  const window = keysetWindowFor(args, name, keys.length);
  let total: Promise<number> | null = null;
  const rows = await page(fetchWindowOf(window));
  return keysetConnectionFromRows(
    rows,
    window,
    (row) => encodeKeysetCursor(name, keyValuesOf(keys, row as Record<string, unknown>)),
    () => (total ??= count()),
  );
}
