/**
 * Every bound a client meets, in one place. Each is checked before the work it protects: the body
 * before it is read, the document before it is validated, the cost before any D1 statement runs,
 * and rows read while statements run. One D1 database runs one statement at a time, so one
 * unbounded request stalls every other client of it.
 */
export const LIMITS = {
  /** A GraphQL document, in bytes. The README node page is about 1 KB. */
  maxDocumentBytes: 32 * 1024,
  /** JSON of the variables, in bytes. */
  maxVariablesBytes: 64 * 1024,
  /** A whole request body (document + variables + envelope); larger bodies are not read. */
  maxBodyBytes: 128 * 1024,
  /**
   * Lexical tokens in a document (graphql-js stops the parser there). The README node page has
   * about 200; 4,000 keeps the slowest validation of any accepted document to milliseconds
   * (the overlapping-fields rule is quadratic in the fields of one selection set).
   */
  maxTokens: 4_000,
  /** Fields nested in a data path (node page: 8). */
  maxDepth: 12,
  /** Brackets nested in the document's text (selection sets, arguments, lists, input objects). */
  maxBracketNesting: 64,
  /** Fields nested under __schema / __type (GraphiQL's introspection query is 15 deep). */
  maxIntrospectionDepth: 20,
  /**
   * Fields answering under one name in one selection set (fragments merged in), and fields written
   * in the whole document. graphql-js's overlapping-fields rule compares the fields of one response
   * name pairwise: 3,990 copies of `title` (within the token limit) took 2.8 s to validate, five
   * fragments of 199 `title`s spread together 146 ms. Repeating a field never adds to an answer.
   * The README node page has 60 fields and no repeats.
   */
  maxSameNameFields: 10,
  maxFields: 500,
  /** Aliased fields written in one document (each alias is executed, and priced, separately). */
  maxAliases: 100,
  /** Directives written in one document. */
  maxDirectives: 50,
  /** Items of any list argument or list variable (`nodes(ids:)`, batch lookups). */
  maxListItems: 100,
  /** Characters of any string argument or string variable. */
  maxStringLength: 2_048,
  /**
   * Estimated cost of one operation (src/cost/field-costs.ts: units are D1 rows read, measured on
   * the AAN data). The README node page estimates 97,113 (the most cited AAN paper's reads 85,313
   * rows). The same number as maxRowsRead: what the estimate lets through, the backstop also allows.
   */
  maxCost: 1_000_000,
  /** Rows one request may read from D1 before it issues no more statements (the backstop). */
  maxRowsRead: 1_000_000,
  /** Serialized response, in bytes: a larger one is replaced by an error, never sent. */
  maxResponseBytes: 4 * 1024 * 1024,
} as const;
