import {
  type DocumentNode,
  type FragmentDefinitionNode,
  GraphQLError,
  Kind,
  parse,
  type SelectionSetNode,
  visit,
} from 'graphql';
import { createGraphQLError, type Plugin } from 'graphql-yoga';
import { LIMITS } from '../limits';

function limitError(code: string, message: string, extensions: Record<string, unknown> = {}) {
  return createGraphQLError(message, { extensions: { code, ...extensions } });
}

/**
 * The error for one limit, when `actual` is over it: `description` says what the request has
 * ("The document has 40000 bytes"), `advice` what to do instead. Extensions: { code, actual, limit }.
 */
function overLimit(code: string, actual: number, limit: number, description: string, advice = ''): GraphQLError[] {
  if (actual <= limit) return [];
  const message = `${description}; the limit is ${limit}.${advice ? ` ${advice}` : ''}`;
  return [limitError(code, message, { actual, limit })];
}

/** Parses with graphql-js's token limit, so a huge document is abandoned while it is read. */
function parseWithTokenLimit(source: Parameters<typeof parse>[0], options?: Parameters<typeof parse>[1]) {
  try {
    return parse(source, { ...options, maxTokens: LIMITS.maxTokens });
  } catch (error) {
    if (error instanceof GraphQLError && error.message.includes('tokens')) {
      throw limitError(
        'TOO_MANY_TOKENS',
        `The document has more than ${LIMITS.maxTokens} tokens; the limit is ${LIMITS.maxTokens}. ` +
          'Split it into several requests.',
        { actual: LIMITS.maxTokens + 1, limit: LIMITS.maxTokens },
      );
    }
    throw error;
  }
}

/**
 * How deeply brackets (`{`, `(`, `[`) nest in a document's text, outside strings and comments.
 * graphql-js parses recursively, so 5,000 levels overflow its stack before any token limit
 * applies; this linear scan refuses such a text before it is parsed.
 */
export function bracketNesting(source: string): number {
  let depth = 0;
  let deepest = 0;
  for (let index = 0; index < source.length; index++) {
    const char = source[index];
    if (char === '#') {
      while (index < source.length && source[index] !== '\n') index++;
    } else if (char === '"') {
      const block = source.startsWith('"""', index);
      const end = block ? '"""' : '"';
      index += end.length;
      while (index < source.length && !source.startsWith(end, index)) index += source[index] === '\\' ? 2 : 1;
      index += end.length - 1;
    } else if (char === '{' || char === '(' || char === '[') {
      depth++;
      deepest = Math.max(deepest, depth);
    } else if (char === '}' || char === ')' || char === ']') {
      depth--;
    }
  }
  return deepest;
}

interface Depths {
  data: number;
  introspection: number;
}

/**
 * The deepest data path and the deepest introspection path of each operation, through fragments.
 * Each fragment's depth is computed once (memoized), so the time is linear in the document's size
 * however often fragments spread each other.
 */
function operationDepths(document: DocumentNode): Map<string, Depths> {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const fragmentDepth = new Map<string, number>();
  const visiting = new Set<string>();
  const depthOf = (selectionSet: SelectionSetNode | undefined): number => {
    if (!selectionSet) return 0;
    let deepest = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) deepest = Math.max(deepest, 1 + depthOf(selection.selectionSet));
      else if (selection.kind === Kind.INLINE_FRAGMENT) deepest = Math.max(deepest, depthOf(selection.selectionSet));
      else deepest = Math.max(deepest, spreadDepth(selection.name.value));
    }
    return deepest;
  };
  const spreadDepth = (name: string): number => {
    const known = fragmentDepth.get(name);
    if (known !== undefined) return known;
    const fragment = fragments.get(name);
    if (!fragment || visiting.has(name)) return 0; // unknown or cyclic: validation reports it
    visiting.add(name);
    const depth = depthOf(fragment.selectionSet);
    visiting.delete(name);
    fragmentDepth.set(name, depth);
    return depth;
  };
  const result = new Map<string, Depths>();
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    const depths: Depths = { data: 0, introspection: 0 };
    for (const selection of definition.selectionSet.selections) {
      const isIntrospection = selection.kind === Kind.FIELD && selection.name.value.startsWith('__');
      const depth = depthOf({ kind: Kind.SELECTION_SET, selections: [selection] });
      if (isIntrospection) depths.introspection = Math.max(depths.introspection, depth);
      else depths.data = Math.max(depths.data, depth);
    }
    result.set(definition.name?.value ?? '', depths);
  }
  return result;
}

/** Errors for a string or list argument (written in the document or given as a variable) over its limit. */
export function valueLimitErrors(longestString: number, longestList: number): GraphQLError[] {
  return [
    ...overLimit(
      'ARGUMENT_TOO_LONG',
      longestString,
      LIMITS.maxStringLength,
      `A string argument has ${longestString} characters`,
    ),
    ...overLimit(
      'TOO_MANY_ITEMS',
      longestList,
      LIMITS.maxListItems,
      `A list argument has ${longestList} items`,
      'Split it into several requests.',
    ),
  ];
}

/** The longest string and the longest array anywhere in a JSON value (the request's variables). */
export function longestStringAndList(value: unknown): { longestString: number; longestList: number } {
  let longestString = 0;
  let longestList = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const item = stack.pop();
    if (typeof item === 'string') longestString = Math.max(longestString, item.length);
    else if (Array.isArray(item)) {
      longestList = Math.max(longestList, item.length);
      stack.push(...item);
    } else if (item !== null && typeof item === 'object') stack.push(...Object.values(item));
  }
  return { longestString, longestList };
}

/** The limits a document breaks, found in one linear pass before graphql-js validates it. */
export function documentLimitErrors(document: DocumentNode): GraphQLError[] {
  const errors: GraphQLError[] = [];
  let aliases = 0;
  let directives = 0;
  let longestString = 0;
  let longestList = 0;
  let fields = 0;
  let mostSameName = 0;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  // How many fields answer under each response name once fragments are merged in: graphql-js
  // compares those pairwise. Each fragment's counts are computed once, so this stays linear.
  const fragmentNames = new Map<string, Map<string, number>>();
  const namesOf = (selectionSet: SelectionSetNode): Map<string, number> => {
    const counts = new Map<string, number>();
    const add = (name: string, count: number) => counts.set(name, (counts.get(name) ?? 0) + count);
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) add((selection.alias ?? selection.name).value, 1);
      else {
        let merged: Map<string, number> | undefined;
        if (selection.kind === Kind.INLINE_FRAGMENT) merged = namesOf(selection.selectionSet);
        else {
          const name = selection.name.value;
          if (!fragmentNames.has(name)) {
            fragmentNames.set(name, new Map()); // a cycle counts nothing; validation reports it
            const fragment = fragments.get(name);
            if (fragment) fragmentNames.set(name, namesOf(fragment.selectionSet));
          }
          merged = fragmentNames.get(name);
        }
        for (const [name, count] of merged ?? []) add(name, count);
      }
    }
    return counts;
  };
  visit(document, {
    Field(field) {
      fields += 1;
      if (field.alias) aliases += 1;
    },
    SelectionSet(selectionSet) {
      for (const count of namesOf(selectionSet).values()) mostSameName = Math.max(mostSameName, count);
    },
    Directive() {
      directives += 1;
    },
    StringValue(value) {
      longestString = Math.max(longestString, value.value.length);
    },
    ListValue(value) {
      longestList = Math.max(longestList, value.values.length);
    },
  });
  errors.push(...valueLimitErrors(longestString, longestList));
  errors.push(
    ...overLimit('TOO_MANY_FIELDS', fields, LIMITS.maxFields, `The document has ${fields} fields`),
    ...overLimit(
      'TOO_MANY_FIELDS',
      mostSameName,
      LIMITS.maxSameNameFields,
      `A selection set asks for one field ${mostSameName} times`,
      'Each field is needed once.',
    ),
    ...overLimit(
      'TOO_MANY_ALIASES',
      aliases,
      LIMITS.maxAliases,
      `The document has ${aliases} aliased fields`,
      'Batch lookups with nodes(ids:) or split the query.',
    ),
    ...overLimit('TOO_MANY_DIRECTIVES', directives, LIMITS.maxDirectives, `The document has ${directives} directives`),
  );
  for (const [name, depths] of operationDepths(document)) {
    const operation = name ? `Operation "${name}"` : 'The query';
    errors.push(
      ...overLimit(
        'QUERY_TOO_DEEP',
        depths.data,
        LIMITS.maxDepth,
        `${operation} is ${depths.data} levels deep`,
        'Split it into several requests.',
      ),
      ...overLimit(
        'QUERY_TOO_DEEP',
        depths.introspection,
        LIMITS.maxIntrospectionDepth,
        `${operation} introspects ${depths.introspection} levels deep`,
      ),
    );
  }
  return errors;
}

/** A document's limit errors, once per document: Yoga's parse cache hands the same node for the same text. */
const limitErrorsByDocument = new WeakMap<DocumentNode, GraphQLError[]>();

/**
 * Document limits: tokens while parsing, then aliases, directives and depth in one linear pass.
 * A document over a limit is answered with that limit's code and never reaches graphql-js's own
 * validation (whose overlapping-fields rule is quadratic), let alone execution.
 */
export function useDocumentLimits(): Plugin {
  return {
    onParams({ params, setResult }) {
      const documentBytes = new TextEncoder().encode(params.query ?? '').length;
      const nesting = documentBytes <= LIMITS.maxDocumentBytes ? bracketNesting(params.query ?? '') : 0;
      const errors = [
        ...overLimit(
          'QUERY_TOO_DEEP',
          nesting,
          LIMITS.maxBracketNesting,
          `The document nests brackets ${nesting} deep`,
        ),
        ...overLimit(
          'DOCUMENT_TOO_LARGE',
          documentBytes,
          LIMITS.maxDocumentBytes,
          `The document has ${documentBytes} bytes`,
        ),
      ];
      if (params.variables) {
        const variablesBytes = new TextEncoder().encode(JSON.stringify(params.variables)).length;
        const tooLarge = overLimit(
          'VARIABLES_TOO_LARGE',
          variablesBytes,
          LIMITS.maxVariablesBytes,
          `The variables have ${variablesBytes} bytes`,
        );
        if (tooLarge.length > 0) errors.push(...tooLarge);
        else {
          const { longestString, longestList } = longestStringAndList(params.variables);
          errors.push(...valueLimitErrors(longestString, longestList));
        }
      }
      if (errors.length > 0) setResult({ errors });
    },
    onParse({ setParseFn }) {
      setParseFn(parseWithTokenLimit);
    },
    onValidate({ params, setResult }) {
      let errors = limitErrorsByDocument.get(params.documentAST);
      if (!errors) {
        errors = documentLimitErrors(params.documentAST);
        limitErrorsByDocument.set(params.documentAST, errors);
      }
      if (errors.length > 0) setResult(errors);
    },
  };
}
