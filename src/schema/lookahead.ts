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
  const type = info.schema.getType(typeName);
  const field = type && 'getFields' in type ? (type.getFields()[name] as GraphQLField<unknown, unknown>) : undefined;
  if (!field) return [];
  const distinct = new Map<string, Record<string, unknown>>();
  for (const node of subfieldNodes(info, name, parents)) {
    const args = getArgumentValues(field, node, info.variableValues);
    distinct.set(JSON.stringify(args), args);
  }
  return [...distinct.values()];
}
