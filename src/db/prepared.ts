/**
 * Repository statements built and compiled once per shape, then only re-bound.
 *
 * Building a kysely query (immutable builder nodes, parsed column references, frozen objects) and
 * compiling it costs 100-250 µs a statement, and the garbage it leaves costs as much again: on a
 * node page that was about a third of the Worker's own JavaScript, more than D1 spends running
 * most of its statements. Yet the SQL text of a repository function depends only on the shape of
 * its arguments (how many parents, whether a cursor is given, the direction, the page size),
 * never on the ids or the cursors' values, which are bound parameters.
 *
 * So `preparedQuery(build)` calls `build` once per shape with placeholders in place of every
 * number and string of its arguments (arrays keep their length, plain objects their keys, booleans
 * and nulls stay: those are shape, and so is a number named `limit`, a page size, which paging.ts
 * `limitClause` writes into the SQL text), compiles the query, and keeps the text with where each
 * placeholder went. A later call of the same shape binds its own values in those places and runs
 * the kept text. A placeholder that ends up anywhere but a bound parameter or a JSON-encoded list
 * (in the SQL text, or changed by arithmetic), or an argument that is not plain data, makes that
 * shape build its query every time: slower, never wrong.
 *
 * What this cannot see: `build` deciding something from a value (`if (limit > 10)`) rather than
 * from the shape. Builders wrapped here must not; with `verifyPreparedStatements(true)` (the test
 * suite's PREPARED_VERIFY binding, read in src/context.ts) every statement is also built afresh
 * and must match its kept form in text and parameters, so the tests catch a builder that does.
 */
import { type Compilable, CompiledQuery } from 'kysely';
import type { Db } from './database';

const MARK = '\u0000prepared:';
/** The mark as it reads inside JSON text (a list bound by paging.ts inList is JSON-encoded). */
const MARK_IN_JSON = JSON.stringify(MARK).slice(1, -1);
const carriesMark = (text: string) => text.includes(MARK) || text.includes(MARK_IN_JSON);
const SHAPES_KEPT = 200;

/** Where each parameter of the kept text comes from: a placeholder's value, or a constant. */
type Slot = { value: number } | { json: unknown } | { constant: unknown };

interface Template {
  sql: string;
  slots: Slot[];
}

/** Thrown for what cannot be kept: an argument that is not plain data, a placeholder altered. */
class NotKeepable extends Error {}

/**
 * One walk over the arguments, so placeholder i is always value i: their shape's key, their numbers
 * and strings in order, and a copy with each of those replaced by its placeholder (built from when
 * a shape is first met). Null when an argument is not plain data.
 */
function walkArguments(args: readonly unknown[]): { key: string; values: unknown[]; placeholders: unknown[] } | null {
  const values: unknown[] = [];
  const replace = (value: unknown, shapeOut: unknown[]): unknown => {
    if (typeof value === 'number' || typeof value === 'string') {
      shapeOut.push(typeof value === 'number' ? 'n' : 's');
      values.push(value);
      return `${MARK}${values.length - 1}`;
    }
    if (value === null || value === undefined || typeof value === 'boolean') {
      shapeOut.push(value ?? null);
      return value;
    }
    const inner: unknown[] = [];
    shapeOut.push(inner);
    if (Array.isArray(value)) return value.map((item) => replace(item, inner));
    const prototype = typeof value === 'object' ? Object.getPrototypeOf(value) : undefined;
    if (prototype !== Object.prototype && prototype !== null) throw new NotKeepable();
    const copy: Record<string, unknown> = {};
    for (const [name, item] of Object.entries(value as Record<string, unknown>)) {
      inner.push(name);
      if (name === 'limit' && typeof item === 'number') {
        // A page size is shape: paging.ts writes it into the SQL text (`limitClause`).
        inner.push(`limit ${item}`);
        copy[name] = item;
        continue;
      }
      copy[name] = replace(item, inner);
    }
    return copy;
  };
  const shape: unknown[] = [];
  try {
    const placeholders = args.map((arg) => replace(arg, shape));
    return { key: JSON.stringify(shape), values, placeholders };
  } catch (error) {
    if (error instanceof NotKeepable) return null;
    throw error;
  }
}

/** The index of the placeholder `text` is, or null when it is not exactly one. */
function placeholderIndex(text: string, count: number): number | null {
  if (!text.startsWith(MARK)) return null;
  const index = Number(text.slice(MARK.length));
  return Number.isInteger(index) && index >= 0 && index < count && `${MARK}${index}` === text ? index : null;
}

/** A JSON value with each placeholder string replaced by its value; throws if a placeholder was altered. */
function fill(json: unknown, values: readonly unknown[]): unknown {
  if (typeof json === 'string') {
    if (!json.includes(MARK)) return json;
    const index = placeholderIndex(json, values.length);
    if (index === null) throw new NotKeepable();
    return values[index];
  }
  if (Array.isArray(json)) return json.map((item) => fill(item, values));
  if (json !== null && typeof json === 'object') {
    return Object.fromEntries(Object.entries(json).map(([name, item]) => [name, fill(item, values)]));
  }
  return json;
}

/** The kept text of a compiled query, or null when a placeholder went anywhere but a bound parameter. */
function templateOf(compiled: CompiledQuery, placeholderCount: number): Template | null {
  if (carriesMark(compiled.sql)) return null;
  const probe = Array.from({ length: placeholderCount }, (_, index) => `${MARK}${index}`);
  const slots: Slot[] = [];
  for (const parameter of compiled.parameters) {
    if (typeof parameter !== 'string' || !carriesMark(parameter)) {
      slots.push({ constant: parameter });
      continue;
    }
    const index = placeholderIndex(parameter, placeholderCount);
    if (index !== null) {
      slots.push({ value: index });
      continue;
    }
    // A list bound as JSON (paging.ts inList): kept as its parsed form, filled and re-encoded per call.
    try {
      const json: unknown = JSON.parse(parameter);
      fill(json, probe);
      slots.push({ json });
    } catch {
      return null;
    }
  }
  return { sql: compiled.sql, slots };
}

function parametersOf(template: Template, values: readonly unknown[]): unknown[] {
  return template.slots.map((slot) =>
    'value' in slot ? values[slot.value] : 'json' in slot ? JSON.stringify(fill(slot.json, values)) : slot.constant,
  );
}

/** Set by the test suite: every prepared statement is also built afresh and must match its kept form. */
let verifying = false;

export function verifyPreparedStatements(on: boolean): void {
  verifying = on;
}

function sameStatement(a: CompiledQuery, b: { sql: string; parameters: readonly unknown[] }): boolean {
  return a.sql === b.sql && JSON.stringify(a.parameters) === JSON.stringify(b.parameters);
}

/**
 * A repository statement whose SQL text is built once per shape of its arguments (see the top of
 * this file): `build` returns the query for `args`; the returned function runs it and returns its
 * rows, exactly as `build(db, ...args).execute()` would.
 */
export function preparedQuery<Args extends unknown[], Row>(
  build: (db: Db, ...args: Args) => Compilable<Row>,
): (db: Db, ...args: Args) => Promise<Row[]> {
  const templates = new Map<string, Template | null>();
  const builtEachTime = async (db: Db, args: Args) => (await db.executeQuery(build(db, ...args).compile())).rows;
  return async (db, ...args) => {
    const shaped = walkArguments(args);
    if (!shaped) return builtEachTime(db, args);
    let template = templates.get(shaped.key);
    if (template === undefined) {
      template = templateOf(build(db, ...(shaped.placeholders as Args)).compile(), shaped.values.length);
      if (templates.size >= SHAPES_KEPT) templates.delete(templates.keys().next().value!);
      templates.set(shaped.key, template);
    }
    if (template === null) return builtEachTime(db, args);
    const compiled = CompiledQuery.raw(template.sql, parametersOf(template, shaped.values));
    if (verifying) {
      const fresh = build(db, ...args).compile();
      if (!sameStatement(fresh, compiled)) {
        throw new Error(
          `preparedQuery: the kept statement differs from a fresh build:\n${fresh.sql}\n${JSON.stringify(fresh.parameters)}\n${compiled.sql}\n${JSON.stringify(compiled.parameters)}`,
        );
      }
    }
    return (await db.executeQuery<Row>(compiled)).rows;
  };
}
