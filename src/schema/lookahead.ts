/**
 * What the client asked for below the field being resolved, so a resolver level can fetch the next
 * level's rows in its own round trip (src/db/trace.ts sends one batch per tick): the field nodes of
 * a subfield, through fragments, and the argument values each was given. `@skip`/`@include` are
 * not evaluated: a skipped subfield is fetched for nothing, never answered wrongly.
 */
import {
  type FieldNode,
  type GraphQLField,
  type GraphQLResolveInfo,
  getArgumentValues,
  Kind,
  type SelectionSetNode,
} from 'graphql';

/**
 * The nodes of subfield `name` directly under the field being resolved, or under `parents` (nodes
 * of a subfield found before: a root field looking two levels down).
 */
export function subfieldNodes(
  info: GraphQLResolveInfo,
  name: string,
  parents: readonly FieldNode[] = info.fieldNodes,
): FieldNode[] {
  const found: FieldNode[] = [];
  const visit = (set: SelectionSetNode | undefined) => {
    for (const selection of set?.selections ?? []) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value === name) found.push(selection);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        visit(selection.selectionSet);
      } else {
        visit(info.fragments[selection.name.value]?.selectionSet);
      }
    }
  };
  for (const node of parents) visit(node.selectionSet);
  return found;
}

/**
 * The argument values of each distinct use of subfield `name` of type `typeName` (aliases asking
 * with the same arguments count once), under the field being resolved or under `parents`. Empty
 * when it is not asked for.
 */
export function subfieldArguments(
  info: GraphQLResolveInfo,
  typeName: string,
  name: string,
  parents: readonly FieldNode[] = info.fieldNodes,
): Record<string, unknown>[] {
  const distinct = new Map<string, Record<string, unknown>>();
  for (const { args } of subfieldUses(info, typeName, name, parents)) distinct.set(JSON.stringify(args), args);
  return [...distinct.values()];
}

/** One response key of subfield `name`: the argument values it was given and its nodes (fragments merged). */
export interface SubfieldUse {
  args: Record<string, unknown>;
  nodes: FieldNode[];
}

/**
 * Each use of subfield `name` of type `typeName` under the field being resolved (or `parents`),
 * one per response key (alias), with the nodes GraphQL merges for it: what the subfield's resolver
 * will see as its arguments and `info.fieldNodes`.
 */
export function subfieldUses(
  info: GraphQLResolveInfo,
  typeName: string,
  name: string,
  parents: readonly FieldNode[] = info.fieldNodes,
): SubfieldUse[] {
  const type = info.schema.getType(typeName);
  const field = type && 'getFields' in type ? (type.getFields()[name] as GraphQLField<unknown, unknown>) : undefined;
  if (!field) return [];
  const byResponseKey = new Map<string, FieldNode[]>();
  for (const node of subfieldNodes(info, name, parents)) {
    const key = node.alias?.value ?? name;
    byResponseKey.set(key, [...(byResponseKey.get(key) ?? []), node]);
  }
  return [...byResponseKey.values()].map((nodes) => ({
    args: getArgumentValues(field, nodes[0]!, info.variableValues),
    nodes,
  }));
}

/**
 * Paper fields that read a column a page may leave out (paper.repository `listedPaperColumns`):
 * `cite` writes the whole record.
 */
const FIELDS_BEYOND_LISTED_COLUMNS = ['abstract', 'publicationDate', 'doi', 'type', 'language', 'venue', 'cite'];

/**
 * Whether the page a connection asked as `nodes` returns is read for the listed columns of its
 * papers only (KeysetWindow.listedPaperColumns), its papers being each edge's `node`, or the node's
 * `citedPaper` (a reference list). An edge's `highlight` reads the abstract. A field reached from
 * a paper (its `citedBy`, its `venue`'s papers) has its own page and is not looked at here.
 * Wrong either way costs speed, never an answer: a missing column is read from the paper's row.
 */
export function readsListedPaperColumnsOnly(
  info: GraphQLResolveInfo,
  nodes: readonly FieldNode[],
  papersAt: 'node' | 'citedPaper',
): boolean {
  const edges = subfieldNodes(info, 'edges', nodes);
  if (subfieldNodes(info, 'highlight', edges).length > 0) return false;
  let papers = subfieldNodes(info, 'node', edges);
  if (papersAt === 'citedPaper') papers = subfieldNodes(info, 'citedPaper', papers);
  return FIELDS_BEYOND_LISTED_COLUMNS.every((field) => subfieldNodes(info, field, papers).length === 0);
}
