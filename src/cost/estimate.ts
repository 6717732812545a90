/**
 * The cost of an operation before it runs: the whole document, fragments expanded, variables
 * resolved, every alias counted. A field costs `perParent` plus, for each item it returns, 1 plus
 * `perItem` plus the cost of its own selection, so nested connections multiply. Each fragment is priced once per
 * type it is spread on (its price does not depend on where it is spread), so pricing takes time
 * linear in the document however fragments spread each other.
 */
import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  getNamedType,
  isCompositeType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
  valueFromASTUntyped,
} from 'graphql';
import { type ArgumentValues, FIELD_COSTS } from './field-costs';

/** Page size of a connection without `first` or `last` (src/schema/connection.ts). */
const DEFAULT_PAGE_SIZE = 20;

function argumentValues(
  field: FieldNode,
  definition: GraphQLField<unknown, unknown>,
  variables: Record<string, unknown>,
): ArgumentValues {
  const values: ArgumentValues = {};
  for (const argument of definition.args) {
    if (argument.defaultValue !== undefined) values[argument.name] = argument.defaultValue;
  }
  for (const argument of field.arguments ?? []) {
    const value = valueFromASTUntyped(argument.value as ValueNode, variables);
    if (value !== undefined && value !== null) values[argument.name.value] = value;
  }
  return values;
}

function itemsOf(items: NonNullable<(typeof FIELD_COSTS)[string]['items']>, args: ArgumentValues): number {
  if (items === 'page') {
    const size = args.first ?? args.last;
    return typeof size === 'number' && Number.isFinite(size) ? Math.max(0, size) : DEFAULT_PAGE_SIZE;
  }
  return Math.max(0, typeof items === 'function' ? items(args) : items);
}

export function estimateOperationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const withDefaults: Record<string, unknown> = {};
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    if (definition.defaultValue) withDefaults[name] = valueFromASTUntyped(definition.defaultValue);
  }
  Object.assign(withDefaults, variables);

  const fragmentCost = new Map<string, number>();
  const visiting = new Set<string>();

  const costOfSelectionSet = (selectionSet: SelectionSetNode | undefined, parent: GraphQLCompositeType): number => {
    if (!selectionSet) return 0;
    let total = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        total += costOfField(selection, parent);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        if (condition && isCompositeType(condition)) total += costOfSelectionSet(selection.selectionSet, condition);
      } else {
        total += costOfSpread(selection.name.value);
      }
    }
    return total;
  };

  const costOfSpread = (name: string): number => {
    const known = fragmentCost.get(name);
    if (known !== undefined) return known;
    const fragment = fragments.get(name);
    if (!fragment || visiting.has(name)) return 0; // unknown or cyclic: validation has refused it
    const condition = schema.getType(fragment.typeCondition.name.value);
    if (!condition || !isCompositeType(condition)) return 0;
    visiting.add(name);
    const cost = costOfSelectionSet(fragment.selectionSet, condition);
    visiting.delete(name);
    fragmentCost.set(name, cost);
    return cost;
  };

  const costOfField = (field: FieldNode, parent: GraphQLCompositeType): number => {
    // __typename and introspection read no D1 rows; their size is bounded by the schema and depth.
    if (field.name.value.startsWith('__') || !('getFields' in parent)) return 0;
    const definition = parent.getFields()[field.name.value];
    if (!definition) return 0;
    const returned = getNamedType(definition.type);
    const childCost = isCompositeType(returned) ? costOfSelectionSet(field.selectionSet, returned) : 0;
    const price = FIELD_COSTS[`${parent.name}.${field.name.value}`];
    if (!price) return childCost;
    const args = argumentValues(field, definition, withDefaults);
    const perParent = typeof price.perParent === 'function' ? price.perParent(args) : price.perParent;
    if (price.items === undefined) return perParent + childCost;
    // A connection's own fields (facets) cost once; only its edges cost per item.
    const once =
      price.items === 'page' && isObjectType(returned)
        ? (field.selectionSet?.selections ?? [])
            .filter((s): s is FieldNode => s.kind === Kind.FIELD && s.name.value !== 'edges')
            .reduce((sum, s) => sum + costOfField(s, returned), 0)
        : 0;
    return perParent + once + itemsOf(price.items, args) * (1 + (price.perItem ?? 0) + childCost - once);
  };

  const root =
    operation.operation === 'query'
      ? schema.getQueryType()
      : operation.operation === 'mutation'
        ? schema.getMutationType()
        : schema.getSubscriptionType();
  if (!root || !isObjectType(root)) return 0;
  return Math.ceil(costOfSelectionSet(operation.selectionSet, root));
}
