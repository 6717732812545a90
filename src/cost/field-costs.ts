/**
 * The price list of the schema: what each field that reaches D1 costs, in D1 rows read.
 *
 * The numbers were measured with `x-citeql-trace: 1` on the heaviest parents of two corpora, and
 * the larger kept: the AAN corpus (18,041 papers, 82,898 citations; its most cited paper J93-2004
 * has 770 citers, its most prolific author 156 papers, its largest venue 2,297 papers) and the demo
 * corpus (its most cited paper has 286 citers but a denser neighbourhood: similar, coupled). So a
 * price is the worst case of one parent, rounded up; a request is priced as if every paper in it
 * were the hub, and test/cost.test.ts checks that no priced query reads more than its price.
 * Re-measure (the commands are in docs/ARCHITECTURE.md, "Where to add a field") when the SQL
 * behind a field changes.
 *
 * A field missing here costs nothing itself and passes its children's cost through once; that is
 * right for plain columns and for connection plumbing (edges, node, pageInfo, totalCount), and a
 * test (test/cost.test.ts) fails when a field with arguments, a list or an entity type is missing.
 */

export type ArgumentValues = Record<string, unknown>;

export interface FieldCost {
  /** Rows read once for each parent object, however many items it returns (the scan, the count). */
  perParent: number | ((args: ArgumentValues) => number);
  /**
   * Objects each parent gets, each priced 1 plus its own selection: `page` for a connection
   * (`first` or `last`, default 20), a number for an unpaged list (its assumed length), or a
   * function of the arguments. Absent: the field's selection is priced once (a single object).
   */
  items?: 'page' | number | ((args: ArgumentValues) => number);
  /** Rows read for each item besides its own (a co-cited paper's score needs its citation count). */
  perItem?: number;
}

const int = (value: unknown, fallback: number) =>
  typeof value === 'number' && Number.isFinite(value) ? value : fallback;

/** Rows a citationPath reads, by direction and maxHops, from the hub to an unreachable paper. */
const PATH_ROWS: Record<string, readonly number[]> = {
  // Reading references from the hub is cheap, but a paper with a long reference list can fan out
  // like the citations of the hub do, so one direction is priced as the worse of the two.
  ONE_WAY: [0, 3_900, 29_500, 89_200, 166_800, 247_400, 328_400],
  BOTH: [0, 3_900, 43_600, 196_600, 418_800, 652_500, 887_900],
};

/** Rows a citationNetwork of the hub reads at limit 500, by direction and depth. */
/** One direction is priced as the worse of the two (the hub's citations; a long reference list fans out alike). */
const NETWORK_ROWS: Record<string, readonly number[]> = {
  REFERENCES: [0, 14_800, 52_700, 124_100],
  CITATIONS: [0, 14_800, 52_700, 124_100],
  BOTH: [0, 14_800, 73_200, 278_700],
};

/** The measured rows for `hops`; 0 out of range, where the resolver answers BAD_USER_INPUT unrun. */
function byHops(table: Record<string, readonly number[]>, key: string, hops: number): number {
  const rows = table[key] ?? table.BOTH!;
  return rows[Math.trunc(hops)] ?? 0;
}

/** A paper's own row or one row of a batched lookup. */
const ONE_ROW: FieldCost = { perParent: 1 };

export const FIELD_COSTS: Record<string, FieldCost> = {
  // Root lookups: one indexed read per id; an unknown order of papers sorts the whole table.
  'Query.paper': { perParent: 5 },
  'Query.author': { perParent: 5 },
  'Query.institution': { perParent: 5 },
  'Query.keyword': { perParent: 5 },
  'Query.venue': { perParent: 5 },
  'Query.node': { perParent: 2 },
  'Query.nodes': { perParent: 0, items: (args) => (Array.isArray(args.ids) ? args.ids.length : 1) },
  'Query.papers': {
    // A search reads every match (bm25 has no index order) and its count reads them again: the
    // broadest AAN search ("of", 15k matches) reads 31,056 rows for each. A filter without a search
    // scans and sorts the filtered papers (24,509 rows for years >= 2000 by title, page and count).
    // Unfiltered, ascending ids walk the primary key and citation counts their index (a page's
    // rows); any other order sorts the whole table (18k rows on AAN).
    perParent: (args) => {
      if (typeof args.search === 'string') return 65_000;
      if (args.filter) return 50_000;
      const order = args.orderBy as { field?: string; direction?: string } | undefined;
      if (!order?.field || order.field === 'CITATION_COUNT' || (order.field === 'ID' && order.direction !== 'DESC')) {
        return 0;
      }
      return 20_000;
    },
    items: 'page',
  },
  // Facets group the whole result once per facet asked: on the broadest AAN search 31,214 rows
  // (year), 42,740 (venue, joined); the demo corpus's keyword and institution joins read less.
  'QueryPapersConnection.facets': { perParent: 0 },
  'PaperCitedByConnection.facets': { perParent: 0 },
  'PaperFacets.year': { perParent: 45_000, items: (args) => int(args.top, 10) },
  'PaperFacets.type': { perParent: 45_000, items: (args) => int(args.top, 10) },
  'PaperFacets.venue': { perParent: 45_000, items: (args) => int(args.top, 10) },
  'PaperFacets.keyword': { perParent: 45_000, items: (args) => int(args.top, 10) },
  'PaperFacets.institution': { perParent: 45_000, items: (args) => int(args.top, 10) },
  'PaperFacets.country': { perParent: 45_000, items: (args) => int(args.top, 10) },
  'Query.citationPath': {
    perParent: (args) => byHops(PATH_ROWS, args.direction === 'BOTH' ? 'BOTH' : 'ONE_WAY', int(args.maxHops, 4)),
  },

  // Paper: its bibliographic fields come with its row; everything below is a batched statement.
  'Paper.venue': ONE_ROW,
  // A byline: AAN's median is 2 authors, its 99th percentile 8, its longest 19.
  'Paper.authors': { perParent: 12, items: 5 },
  'Paper.keywords': { perParent: 6, items: 20 },
  'Paper.externalIds': { perParent: 8, items: 10 },
  'Paper.references': { perParent: 200, items: 'page' },
  'Paper.referenceCount': { perParent: 60 },
  'Paper.referenceGroups': { perParent: 60, items: 5 },
  // A citation reads what the fields above read, in one batch: byline 12, its institutions 12,
  // keywords 6, identifiers 8, venue 1 and the whole reference list (ranked per paper: 200).
  'Paper.cite': { perParent: 250 },
  // Searched, filtered or reordered, the hub's citers are read, filtered, sorted and counted apart
  // from the maintained count (J93-2004, filtered by year and sorted by title: 6,500 rows).
  'Paper.citedBy': {
    perParent: (args) => (args.search != null || args.filter || args.orderBy ? 12_000 : 4_100),
    items: 'page',
  },
  'Paper.citationsByYear': { perParent: 2_400, items: 60 },
  'Paper.secondaryReferences': { perParent: 1_000, items: 'page' },
  'Paper.secondaryCitations': { perParent: 40_600, items: 'page' },
  // A co-cited paper's score divides by citation counts, read with the rows: the parent's, 1 row an item.
  'Paper.coCited': { perParent: 29_100, items: 'page', perItem: 2 },
  'Paper.coupled': { perParent: 6_200, items: 'page', perItem: 60 },
  'Paper.similar': { perParent: 11_600, items: 'page' },
  'Paper.citationNetwork': {
    perParent: (args) => byHops(NETWORK_ROWS, String(args.direction ?? 'BOTH'), int(args.depth, 1)),
    items: (args) => int(args.limit, 100),
  },
  'ReferenceGroup.references': { perParent: 200, items: 'page' },
  'Reference.citedPaper': ONE_ROW,
  'Authorship.author': ONE_ROW,
  'Authorship.institutions': { perParent: 4, items: 5 },
  'NetworkNode.paper': { perParent: 0 },
  // The network's papers come from its own statement; its edges are already in memory.
  'CitationNetwork.nodes': { perParent: 0, items: 0 },
  'CitationNetwork.edges': { perParent: 0, items: 0 },
  'CitationPath.papers': { perParent: 1, items: 7 },
  'CitationPath.links': { perParent: 0, items: 0 },

  // Author: a byline can hold many authors, so these are priced at AAN's 99th-percentile author
  // (30 papers); the most prolific (156 papers) reads about 5 times as much (citationCount 2,588
  // rows, coauthors 2,006, papers 1,260), which the runtime row limit bounds.
  'Author.papers': { perParent: 250, items: 'page' },
  'Author.paperCount': { perParent: 60 },
  'Author.citationCount': { perParent: 500 },
  'Author.hIndex': { perParent: 500 },
  'Author.coauthors': { perParent: 400, items: 'page' },
  'Author.institutions': { perParent: 60, items: 10 },
  'Author.keywords': { perParent: 40, items: (args) => int(args.first, 10) },
  'Author.externalIds': { perParent: 8, items: 10 },
  'AuthorInstitution.institution': ONE_ROW,
  'KeywordCount.keyword': { perParent: 0 },

  // Institution, keyword and venue: AAN has no affiliations or keywords, so these are priced like
  // the largest AAN venue (2,297 papers), the largest group of papers we have measured.
  'Institution.papers': { perParent: 18_500, items: 'page' },
  'Institution.paperCount': { perParent: 2_400 },
  'Institution.citationCount': { perParent: 20_000 },
  'Institution.collaborators': { perParent: 5_000, items: 'page' },
  'Institution.authors': { perParent: 5_000, items: 'page' },
  'Institution.externalIds': { perParent: 8, items: 10 },
  'Keyword.papers': { perParent: 18_500, items: 'page' },
  'Keyword.paperCount': { perParent: 2_400 },
  'Keyword.cooccurring': { perParent: 5_000, items: 'page' },
  'Keyword.papersByYear': { perParent: 2_400, items: 60 },
  'Venue.papers': { perParent: 18_500, items: 'page' },
  'Venue.paperCount': { perParent: 2_400 },
  'Venue.externalIds': { perParent: 8, items: 10 },

  // Entity lists: by NAME a range of the name index (a page's rows); a name search or a count sort
  // reads the whole table, and a count sort every (entity, paper) pair and its paper too.
  // Entity lists, measured on AAN (13,923 authors, 522 venues) and the demo corpus: a page by name walks
  // the name index but its totalCount counts the table (authors: 14,024 rows); a name search scans the
  // names; sorting by a count counts every authorship or paper first (authors: 219,576 rows).
  'Query.authors': { perParent: (args) => entityListRows(args, 15_000, 15_000, 230_000), items: 'page' },
  'Query.institutions': { perParent: (args) => entityListRows(args, 5_000, 5_000, 60_000), items: 'page' },
  'Query.keywords': { perParent: (args) => entityListRows(args, 5_000, 5_000, 60_000), items: 'page' },
  'Query.venues': { perParent: (args) => entityListRows(args, 1_000, 1_000, 45_000), items: 'page' },
  // One statement: a range of one index per kind, `first` rows each.
  'Query.autocomplete': { perParent: (args) => 5 * int(args.first, 5), items: (args) => 5 * int(args.first, 5) },
  'Suggestion.node': ONE_ROW,
  // A primary-key lookup per identifier, then each entity's row: 248 rows for 43 identifiers of the
  // demo corpus (a DOI is looked up under its case-folded and its written key).
  'Query.resolve': { perParent: 0, items: (args) => (Array.isArray(args.ids) ? args.ids.length : 1) },
  'ResolvedId.node': { perParent: 6 },
};

/** Rows an entity list reads: `byName` for a page by name (and its count), `search` to search names, `counted` to sort by a count. */
function entityListRows(args: ArgumentValues, byName: number, search: number, counted: number): number {
  const order = args.orderBy ?? 'NAME';
  if (order !== 'NAME') return counted;
  return typeof args.query === 'string' && args.query.trim() !== '' ? search : byName;
}
