/**
 * fast-check arbitraries for test/property.test.ts: strings a client may put in identifier and
 * cursor arguments, and whole GraphQL documents walked from the schema (nested connections,
 * aliases, named and inline fragments, variables, directives, random argument values).
 */
import fc from 'fast-check';
import {
  type GraphQLArgument,
  GraphQLBoolean,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLInputType,
  GraphQLNonNull,
  type GraphQLSchema,
  getNamedType,
  getNullableType,
  isAbstractType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
} from 'graphql';

/** Real keys of the loaded corpus, so that lookups also find things. */
export interface Samples {
  dois: string[];
  externalIds: string[];
  orcids: string[];
  rors: string[];
  issns: string[];
  terms: string[];
  /** Global ids of existing entities (Paper, Author ...). */
  globalIds: string[];
}

export const NODE_TYPES = ['Paper', 'Author', 'Institution', 'Keyword', 'Venue'] as const;

/** base64url of the UTF-8 of `text`, as src/schema/global-id.ts encodes ids (there, ASCII only). */
export function base64url(text: string): string {
  const binary = String.fromCharCode(...new TextEncoder().encode(text));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

// Strings ----------------------------------------------------------------------------------------

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code));
const percentEscape = fc.oneof(
  fc.constantFrom('%', '%%', '%E0%A4%A', '%E0%A4', '%ZZ', '%00', '%2F', '%25', '%C3%A9', '%ED%A0%80', '%FF', '%u0041'),
  fc.integer({ min: 0, max: 255 }).map((byte) => `%${byte.toString(16).padStart(2, '0')}`),
);
const awkward = fc.constantFrom(
  '"',
  "'",
  '\\',
  '`',
  '\n',
  '\r\n',
  '\u0000',
  ' ',
  '\t',
  '/',
  '?',
  '#',
  ':',
  '%',
  '\u2028',
  '\ufeff',
  '\u{1F600}',
  'İ',
  'ß',
  'e\u0301',
  '$',
  '{}',
  '[',
  ';',
  '--',
  '*',
  '..',
  '../',
  '&amp;',
  '<x>',
);
/** Short runs of anything: graphemes, control and ASCII bytes, escapes, surrogate halves, quotes. */
const messy = fc
  .array(
    fc.oneof(
      { weight: 4, arbitrary: fc.string({ unit: 'grapheme', maxLength: 3 }) },
      { weight: 2, arbitrary: fc.string({ unit: 'binary-ascii', maxLength: 3 }) },
      { weight: 2, arbitrary: awkward },
      { weight: 2, arbitrary: percentEscape },
      { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 3 }) },
      { weight: 1, arbitrary: loneSurrogate },
      { weight: 2, arbitrary: fc.stringMatching(/^[0-9A-Za-z.-]{1,8}$/) },
    ),
    { maxLength: 12 },
  )
  .map((parts) => parts.join(''));

const PREFIXES = [
  'https://doi.org/',
  'http://dx.doi.org/',
  'HTTPS://DOI.ORG/',
  ' https://doi.org/',
  'doi:',
  'DOI:',
  '10.1234/',
  '10.',
  'https://orcid.org/',
  'orcid:',
  'https://ror.org/',
  'ror:',
  'https://openalex.org/',
  'https://api.openalex.org/works/',
  'openalex:',
  'https://aclanthology.org/',
  'acl:',
  'https://arxiv.org/abs/',
  'arxiv:',
  'https://pubmed.ncbi.nlm.nih.gov/',
  'pmid:',
  'https://www.semanticscholar.org/paper/',
  's2:',
  'issn:',
  'demo:',
  'url:',
  'mag:',
  'wos:',
  'cnki:',
  'https://example.org/',
  'ftp://example.org/',
  'javascript:',
  'offset:',
  'Paper:',
];

/** A type name as a client could write one in a forged global id. */
const typeName = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NODE_TYPES) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      'Query',
      'PageInfo',
      'Node',
      'String',
      'ExternalId',
      'CitationPath',
      'Nope',
      'paper',
      '',
    ),
  },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme-ascii', maxLength: 8 }) },
);
const localId = fc.oneof(
  { weight: 4, arbitrary: fc.nat(2_000).map(String) },
  {
    weight: 1,
    arbitrary: fc.constantFrom('-1', '0', '00001', '1.5', '1e3', '9007199254740993', '99999999999999999999999', ' 1'),
  },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme-ascii', maxLength: 6 }) },
);
/** base64url of `Type:local id`, for any type name and local id (btoa needs Latin-1: ASCII here). */
export const forgedGlobalId = fc.tuple(typeName, localId).map(([type, id]) => base64url(`${type}:${id}`));

/** Connection cursors: offsets in and out of range, and near-misses of the cursor format. */
export const cursorString = fc.oneof(
  { weight: 4, arbitrary: fc.nat(60).map((offset) => btoa(`offset:${offset}`)) },
  {
    weight: 2,
    arbitrary: fc
      .constantFrom('-1', '1e3', '9007199254740991', '9007199254740992', '', ' 1', '0x10', 'NaN', '1.5', '١')
      .map((offset) => base64url(`offset:${offset}`)),
  },
  { weight: 1, arbitrary: fc.base64String({ maxLength: 24 }) },
  { weight: 1, arbitrary: messy },
);

/** Strings of any length around the argument limit (2,048 UTF-16 units), some far past it. */
const longString = fc.oneof(
  fc
    .tuple(fc.constantFrom(2_047, 2_048, 2_049, 4_000), fc.constantFrom('x', '%', 'é', '\u{1F600}', '%E0%A4%A'))
    .map(([length, text]) => text.repeat(length).slice(0, length)),
  fc.string({ unit: 'grapheme', minLength: 1_500, maxLength: 2_500 }),
  fc.tuple(fc.constantFrom(...PREFIXES), fc.string({ minLength: 2_040, maxLength: 2_100 })).map(([p, s]) => p + s),
);

/** Anything a client might send as an identifier, a term or a cursor. */
export function identifierString(samples: Samples): fc.Arbitrary<string> {
  const real = [
    ...samples.dois,
    ...samples.externalIds,
    ...samples.orcids,
    ...samples.rors,
    ...samples.issns,
    ...samples.terms,
    ...samples.globalIds,
  ];
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...real) },
    { weight: 1, arbitrary: fc.constantFrom(...real).chain((value) => mutated(value)) },
    { weight: 2, arbitrary: fc.string({ unit: 'grapheme' }) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary' }) },
    { weight: 3, arbitrary: messy },
    { weight: 4, arbitrary: fc.tuple(fc.constantFrom(...PREFIXES), messy).map(([prefix, rest]) => prefix + rest) },
    { weight: 2, arbitrary: forgedGlobalId },
    { weight: 1, arbitrary: cursorString },
    { weight: 1, arbitrary: fc.webUrl({ withQueryParameters: true, withFragments: true }) },
    { weight: 1, arbitrary: longString },
  );
}

/** A real key with something inserted, or cut short: close to valid, the likeliest to confuse a parser. */
function mutated(value: string): fc.Arbitrary<string> {
  return fc
    .tuple(fc.nat(value.length), fc.oneof(messy, percentEscape, awkward), fc.boolean())
    .map(([at, insert, cut]) => (cut ? value.slice(0, at) : value.slice(0, at) + insert + value.slice(at)));
}

// Documents --------------------------------------------------------------------------------------

interface FieldSelection {
  kind: 'field';
  name: string;
  alias: string | null;
  args: ArgumentValue[];
  directive: DirectiveValue | null;
  selections: Selection[] | null;
}
/** `... on T { }` (or `... { }` without a type condition). */
interface InlineFragment {
  kind: 'inline';
  on: string | null;
  selections: Selection[];
}
/** `...F1`, with `fragment F1 on T { }` after the operation. */
interface NamedFragment {
  kind: 'named';
  on: string;
  selections: Selection[];
}
type Selection = FieldSelection | InlineFragment | NamedFragment;
interface ArgumentValue {
  name: string;
  type: GraphQLInputType;
  value: unknown;
  asVariable: boolean;
}
interface DirectiveValue {
  name: 'include' | 'skip';
  value: boolean;
  asVariable: boolean;
}

export interface GeneratedRequest {
  query: string;
  variables: Record<string, unknown>;
  operationName?: string;
}

const pageSize = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: 0, max: 5 }) },
  { weight: 3, arbitrary: fc.constantFrom(-1, 0, 1, 20, 100, 101, 5_000, 2 ** 31, -(2 ** 31) - 1) },
  { weight: 1, arbitrary: fc.integer({ min: 6, max: 100 }) },
);

/**
 * The value of one argument. By name where the name says what it is (page sizes, cursors, ids,
 * network bounds); otherwise by type. Ints include invalid and out-of-range ones on purpose.
 */
function argumentValue(samples: Samples, field: string, arg: GraphQLArgument): fc.Arbitrary<unknown> {
  const strings = identifierString(samples);
  const id = fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom(...samples.globalIds) },
    { weight: 1, arbitrary: forgedGlobalId },
    { weight: 1, arbitrary: strings },
  );
  switch (arg.name) {
    case 'first':
    case 'last':
      return field === 'keywords' ? fc.integer({ min: -1, max: 102 }) : pageSize;
    case 'after':
    case 'before':
      return cursorString;
    case 'id':
    case 'from':
    case 'to':
      return id;
    case 'ids':
      return fc.oneof(
        { weight: 5, arbitrary: fc.array(id, { maxLength: 5 }) },
        {
          weight: 1,
          arbitrary: fc.constantFrom(99, 100, 101).chain((n) => fc.array(id, { minLength: n, maxLength: n })),
        },
      );
    case 'depth':
      return fc.integer({ min: -1, max: 4 });
    case 'limit':
      return fc.oneof(fc.integer({ min: 1, max: 10 }), fc.constantFrom(-1, 0, 100, 500, 501));
    case 'maxHops':
      return fc.integer({ min: -1, max: 7 });
    case 'doi':
      return fc.oneof(fc.constantFrom(...samples.dois), strings);
    case 'externalId':
      return fc.oneof(fc.constantFrom(...samples.externalIds), strings);
    case 'orcid':
      return fc.oneof(fc.constantFrom(...samples.orcids), strings);
    case 'ror':
      return fc.oneof(fc.constantFrom(...samples.rors), strings);
    case 'issn':
      return fc.oneof(fc.constantFrom(...samples.issns), strings);
    case 'term':
      return fc.oneof(fc.constantFrom(...samples.terms), strings);
  }
  return valueOfType(arg.type, strings);
}

function valueOfType(type: GraphQLInputType, strings: fc.Arbitrary<string>): fc.Arbitrary<unknown> {
  const nullable = getNullableType(type);
  if (isListType(nullable)) return fc.array(valueOfType(nullable.ofType, strings), { maxLength: 3 });
  if (isEnumType(nullable)) return fc.constantFrom(...nullable.getValues().map((value) => value.name));
  if (isInputObjectType(nullable)) {
    const fields = Object.values(nullable.getFields());
    return fc.record(
      Object.fromEntries(fields.map((field) => [field.name, valueOfType(field.type, strings)])),
      // Required fields are always there; those with defaults may be left out.
      { requiredKeys: fields.filter((field) => isNonNullType(field.type)).map((field) => field.name) },
    );
  }
  switch (nullable.name) {
    case 'Int':
      return fc.integer({ min: -5, max: 200 });
    case 'Float':
      return fc.double({ noNaN: true, noDefaultInfinity: true });
    case 'Boolean':
      return fc.boolean();
    default:
      return strings;
  }
}

/** Root lookups that take exactly one of several keys (`paper(id | doi | externalId)`). */
function isAlternativeKeys(parent: string, field: GraphQLField<unknown, unknown>): boolean {
  return parent === 'Query' && field.args.length >= 2 && field.args.every((arg) => !isNonNullType(arg.type));
}

/** `arbitrary` one time in `oneIn`, null otherwise. */
function sometimes<T>(oneIn: number, arbitrary: fc.Arbitrary<T>): fc.Arbitrary<T | null> {
  return fc.oneof({ weight: oneIn - 1, arbitrary: fc.constant(null) }, { weight: 1, arbitrary });
}

const alias = sometimes(3, fc.stringMatching(/^[a-z][A-Za-z0-9_]{0,6}$/));
const directive = sometimes(
  10,
  fc.record({
    name: fc.constantFrom('include' as const, 'skip' as const),
    value: fc.boolean(),
    asVariable: fc.boolean(),
  }),
);

/**
 * Random operations over `schema`: selection sets up to `maxDepth` fields deep, at most
 * `maxFields` selections per set.
 */
export function documentArbitrary(
  schema: GraphQLSchema,
  samples: Samples,
  { maxDepth = 6, maxFields = 4 } = {},
): fc.Arbitrary<GeneratedRequest> {
  const cache = new Map<string, fc.Arbitrary<Selection[]>>();

  function argumentsOf(parent: string, field: GraphQLField<unknown, unknown>): fc.Arbitrary<ArgumentValue[]> {
    const each = field.args.map((arg) =>
      fc.record({
        name: fc.constant(arg.name),
        type: fc.constant(arg.type),
        value: argumentValue(samples, field.name, arg),
        asVariable: fc.boolean(),
      }),
    );
    if (each.length === 0) return fc.constant<ArgumentValue[]>([]);
    if (isAlternativeKeys(parent, field)) {
      // Mostly one key (so lookups run); sometimes none or several (BAD_USER_INPUT).
      return fc.oneof(
        { weight: 6, arbitrary: fc.oneof(...each).map((arg) => [arg]) },
        { weight: 1, arbitrary: fc.subarray(field.args.map((_, index) => index)).chain(pick(each)) },
      );
    }
    const required = field.args.flatMap((arg, index) =>
      isNonNullType(arg.type) && arg.defaultValue === undefined ? [index] : [],
    );
    return fc
      .subarray(field.args.map((_, index) => index))
      .map((indexes) => [...new Set([...required, ...indexes])].sort((a, b) => a - b))
      .chain(pick(each));
  }

  function pick(each: fc.Arbitrary<ArgumentValue>[]) {
    return (indexes: number[]): fc.Arbitrary<ArgumentValue[]> =>
      indexes.length === 0 ? fc.constant([]) : fc.tuple(...indexes.map((index) => each[index]!));
  }

  function fieldSelection(
    parent: GraphQLCompositeType,
    field: GraphQLField<unknown, unknown>,
    depth: number,
  ): fc.Arbitrary<Selection> {
    const named = getNamedType(field.type);
    const selections = isLeafType(named) ? fc.constant(null) : selectionSet(named as GraphQLCompositeType, depth - 1);
    return fc.record({
      kind: fc.constant('field' as const),
      name: fc.constant(field.name),
      alias,
      args: argumentsOf(parent.name, field),
      directive,
      selections,
    });
  }

  /** Selections on `type` at most `depth` fields deep (depth 1: leaves only). */
  function selectionSet(type: GraphQLCompositeType, depth: number): fc.Arbitrary<Selection[]> {
    const key = `${type.name}/${depth}`;
    const cached = cache.get(key);
    if (cached) return cached;
    const options: fc.Arbitrary<Selection>[] = [];
    const typename: fc.Arbitrary<Selection> = fc.constant({
      kind: 'field',
      name: '__typename',
      alias: null,
      args: [],
      directive: null,
      selections: null,
    });
    options.push(typename);
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (depth > 1 || isLeafType(getNamedType(field.type))) options.push(fieldSelection(type, field, depth));
      }
    }
    if (isAbstractType(type) && depth > 0) {
      for (const possible of schema.getPossibleTypes(type)) {
        options.push(
          fc.record({
            kind: fc.constantFrom('inline' as const, 'named' as const),
            on: fc.constant(possible.name),
            selections: selectionSet(possible, depth),
          }),
        );
      }
    } else if (depth > 1) {
      // A fragment on the type itself, one level shallower so the recursion ends.
      const selections = selectionSet(type, depth - 1);
      options.push(
        fc.record({
          kind: fc.constant('inline' as const),
          on: fc.oneof(fc.constant(type.name), fc.constant(null)),
          selections,
        }),
        fc.record({ kind: fc.constant('named' as const), on: fc.constant(type.name), selections }),
      );
    }
    const arbitrary = fc.array(fc.oneof(...options), { minLength: 1, maxLength: maxFields });
    cache.set(key, arbitrary);
    return arbitrary;
  }

  const query = schema.getQueryType()!;
  return fc
    .record({
      depth: fc.integer({ min: 1, max: maxDepth }),
      name: sometimes(3, fc.constantFrom('Q', 'Fuzz')),
    })
    .chain(({ depth, name }) => selectionSet(query, depth).map((selections) => printOperation(selections, name)));
}

const BOOLEAN = new GraphQLNonNull(GraphQLBoolean);

/** A GraphQL literal; JSON's string escapes are GraphQL's (a lone surrogate fails to parse, as it should). */
function literal(value: unknown, type: GraphQLInputType): string {
  const nullable = getNullableType(type);
  if (value === null || value === undefined) return 'null';
  if (isListType(nullable) && Array.isArray(value)) {
    return `[${value.map((item) => literal(item, nullable.ofType)).join(', ')}]`;
  }
  if (isInputObjectType(nullable) && typeof value === 'object') {
    const fields = nullable.getFields();
    const entries = Object.entries(value as Record<string, unknown>);
    return `{${entries.map(([name, item]) => `${name}: ${literal(item, fields[name]!.type)}`).join(', ')}}`;
  }
  if (isEnumType(nullable)) return String(value);
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

/** Prints selections as one operation, with its variables and named fragments. */
function printOperation(selections: Selection[], name: string | null): GeneratedRequest {
  const declarations: string[] = [];
  const variables: Record<string, unknown> = {};
  const fragments: string[] = [];

  const value = (type: GraphQLInputType, given: unknown, asVariable: boolean): string => {
    if (!asVariable) return literal(given, type);
    const variable = `v${declarations.length}`;
    declarations.push(`$${variable}: ${String(type)}`);
    variables[variable] = given;
    return `$${variable}`;
  };
  // Fragments (each spread once) share their parent's response names: their fields merge into it.
  const printSet = (set: Selection[], responseNames = new Map<string, string>()): string =>
    `{ ${set.map((selection) => printSelection(selection, responseNames)).join(' ')} }`;
  const printSelection = (selection: Selection, responseNames: Map<string, string>): string => {
    if (selection.kind === 'inline') {
      return `...${selection.on ? ` on ${selection.on}` : ''} ${printSet(selection.selections, responseNames)}`;
    }
    if (selection.kind === 'named') {
      const index = fragments.push('') - 1;
      fragments[index] = `fragment F${index} on ${selection.on} ${printSet(selection.selections, responseNames)}`;
      return `...F${index}`;
    }
    // Two fields of one selection set answered under one name must be the same field with the same
    // arguments, or validation fails: a clash gets a fresh alias, so that most documents run.
    const field = `${selection.name}${JSON.stringify(selection.args.map((arg) => [arg.name, arg.value]))}`;
    let responseName = selection.alias ?? selection.name;
    while (responseNames.has(responseName) && responseNames.get(responseName) !== field) responseName += '_';
    responseNames.set(responseName, field);
    const args = selection.args.map((arg) => `${arg.name}: ${value(arg.type, arg.value, arg.asVariable)}`);
    const directive = selection.directive
      ? ` @${selection.directive.name}(if: ${value(BOOLEAN, selection.directive.value, selection.directive.asVariable)})`
      : '';
    return [
      responseName === selection.name ? '' : `${responseName}: `,
      selection.name,
      args.length ? `(${args.join(', ')})` : '',
      directive,
      selection.selections ? ` ${printSet(selection.selections)}` : '',
    ].join('');
  };

  // Printed first: fragments and variable declarations are collected on the way.
  const body = printSet(selections);
  const signature = declarations.length ? `(${declarations.join(', ')})` : '';
  const header = name || signature ? `query${name ? ` ${name}` : ''}${signature} ` : '';
  return { query: [header + body, ...fragments].join('\n'), variables, ...(name ? { operationName: name } : {}) };
}
