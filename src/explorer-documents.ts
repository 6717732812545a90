/**
 * The explorer's operations (explorer/): every document the web app sends, by operation name. They
 * are registered trusted documents (src/persisted-documents.ts), so the explorer works with
 * `TRUSTED_DOCUMENTS = "on"`; the app ships only their sha256 (the `virtual:explorer-documents`
 * module of explorer/vite.config.ts) and sends them by hash in a GET, so answers come from the edge
 * cache. Worker-side text: no browser code imports this file, only its types.
 *
 * One constant per document, each named after its operation (a test checks key = operation name),
 * listed once in EXPLORER_DOCUMENTS: a flat list, one line per document, easy to merge.
 */

/**
 * A paper in a list (search results, an author's papers …): what a result line shows. Interpolated
 * into the documents that list papers, so each document stays self-contained text.
 */
const PAPER_ITEM = `fragment PaperItem on Paper {
  id
  title
  year
  citationCount
  venue {
    id
    name
  }
  authors {
    author {
      id
      name
    }
  }
}`;

/**
 * Search results: the paper and its title and abstract with the searched terms between U+E000 and
 * U+E001, private-use characters no text contains (explorer/src/components/highlighted.tsx).
 */
const SEARCH_EDGES = `edges {
      highlight(open: "\\uE000", close: "\\uE001") {
        title
        abstract
      }
      node {
        ...PaperItem
      }
    }`;

/** Identifiers in other systems, with their URLs. */
const EXTERNAL_IDS = `externalIds {
      namespace
      value
      url
    }`;

/**
 * The edges of the entity lists, each shared by the page's document (first page) and its paging
 * document ("more").
 */
const COAUTHOR_EDGES = `edges {
        sharedPaperCount
        node {
          id
          name
        }
      }`;
const INSTITUTION_AUTHOR_EDGES = `edges {
        node {
          id
          name
          paperCount
        }
      }`;
const COLLABORATOR_EDGES = `edges {
        sharedPaperCount
        node {
          id
          name
          country
        }
      }`;
const COOCCURRING_EDGES = `edges {
        sharedPaperCount
        node {
          id
          term
        }
      }`;

/** The home page: the most cited papers as examples, and how many papers there are. */
const HOME_PAGE = `query HomePage {
  papers(first: 6, orderBy: { field: CITATION_COUNT, direction: DESC }) {
    totalCount
    edges {
      node {
        ...PaperItem
      }
    }
  }
}
${PAPER_ITEM}`;

/** Suggestions while typing in a search box (one indexed statement per kind). */
const AUTOCOMPLETE = `query Autocomplete($prefix: String!) {
  autocomplete(prefix: $prefix, first: 4) {
    id
    kind
    label
  }
}`;

/** The search page: a page of results with highlights, and the facets of the whole result. */
const SEARCH_PAGE = `query SearchPage($search: String, $filter: PaperFilter, $orderBy: PaperOrder, $first: Int = 20) {
  papers(search: $search, filter: $filter, orderBy: $orderBy, first: $first) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    facets(top: 10) {
      year {
        value
        count
      }
      venue {
        id
        value
        count
      }
      keyword {
        id
        value
        count
      }
      institution {
        id
        value
        count
      }
      country {
        value
        count
      }
    }
    ${SEARCH_EDGES}
  }
}
${PAPER_ITEM}`;

/** "More results" on the search page: the next page after a cursor, without the facets. */
const SEARCH_MORE = `query SearchMore(
  $search: String
  $filter: PaperFilter
  $orderBy: PaperOrder
  $after: String!
  $first: Int = 20
) {
  papers(search: $search, filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
    pageInfo {
      hasNextPage
      endCursor
    }
    ${SEARCH_EDGES}
  }
}
${PAPER_ITEM}`;

/** A connection's page of papers (each entity's papers connection is its own type: no shared fragment). */
const PAPERS_PAGE = `pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ...PaperItem
        }
      }`;

/** A page of papers for "more" under an author, institution, keyword or venue (one document for the four). */
const ENTITY_PAPERS = `query EntityPapers($id: ID!, $after: String!, $first: Int = 20) {
  node(id: $id) {
    ... on Author {
      papers(first: $first, after: $after) {
      ${PAPERS_PAGE}
      }
    }
    ... on Institution {
      papers(first: $first, after: $after) {
      ${PAPERS_PAGE}
      }
    }
    ... on Keyword {
      papers(first: $first, after: $after) {
      ${PAPERS_PAGE}
      }
    }
    ... on Venue {
      papers(first: $first, after: $after) {
      ${PAPERS_PAGE}
      }
    }
  }
}
${PAPER_ITEM}`;

/** A page of a connection's cursor state, for "more". */
const PAGE_INFO = `pageInfo {
      hasNextPage
      endCursor
    }`;

/** The author page: who, h-index, institutions over time, frequent keywords, coauthors, papers. */
const AUTHOR_PAGE = `query AuthorPage($id: ID, $orcid: String) {
  author(id: $id, orcid: $orcid) {
    id
    name
    orcid
    hIndex
    paperCount
    citationCount
    ${EXTERNAL_IDS}
    institutions {
      firstYear
      lastYear
      paperCount
      institution {
        id
        name
        country
      }
    }
    keywords(first: 12) {
      paperCount
      keyword {
        id
        term
      }
    }
    coauthors(first: 10) {
      totalCount
      ${PAGE_INFO}
      ${COAUTHOR_EDGES}
    }
    papers(first: 10) {
      totalCount
      ${PAPERS_PAGE}
    }
  }
}
${PAPER_ITEM}`;

/** "More" coauthors on the author page. */
const AUTHOR_COAUTHORS = `query AuthorCoauthors($id: ID!, $after: String!, $first: Int = 20) {
  author(id: $id) {
    coauthors(first: $first, after: $after) {
      ${PAGE_INFO}
      ${COAUTHOR_EDGES}
    }
  }
}`;

/** The institution page: where, its authors, the institutions it writes with, its papers. */
const INSTITUTION_PAGE = `query InstitutionPage($id: ID, $ror: String) {
  institution(id: $id, ror: $ror) {
    id
    name
    country
    type
    ror
    paperCount
    citationCount
    ${EXTERNAL_IDS}
    authors(first: 10) {
      totalCount
      ${PAGE_INFO}
      ${INSTITUTION_AUTHOR_EDGES}
    }
    collaborators(first: 10) {
      totalCount
      ${PAGE_INFO}
      ${COLLABORATOR_EDGES}
    }
    papers(first: 10) {
      totalCount
      ${PAPERS_PAGE}
    }
  }
}
${PAPER_ITEM}`;

/** "More" authors on the institution page. */
const INSTITUTION_AUTHORS = `query InstitutionAuthors($id: ID!, $after: String!, $first: Int = 20) {
  institution(id: $id) {
    authors(first: $first, after: $after) {
      ${PAGE_INFO}
      ${INSTITUTION_AUTHOR_EDGES}
    }
  }
}`;

/** "More" collaborating institutions on the institution page. */
const INSTITUTION_COLLABORATORS = `query InstitutionCollaborators($id: ID!, $after: String!, $first: Int = 20) {
  institution(id: $id) {
    collaborators(first: $first, after: $after) {
      ${PAGE_INFO}
      ${COLLABORATOR_EDGES}
    }
  }
}`;

/** The keyword page: papers per year, co-occurring keywords, its papers. */
const KEYWORD_PAGE = `query KeywordPage($id: ID, $term: String) {
  keyword(id: $id, term: $term) {
    id
    term
    paperCount
    papersByYear {
      year
      count
    }
    cooccurring(first: 15) {
      totalCount
      ${PAGE_INFO}
      ${COOCCURRING_EDGES}
    }
    papers(first: 10) {
      totalCount
      ${PAPERS_PAGE}
    }
  }
}
${PAPER_ITEM}`;

/** "More" co-occurring keywords on the keyword page. */
const KEYWORD_COOCCURRING = `query KeywordCooccurring($id: ID!, $after: String!, $first: Int = 20) {
  keyword(id: $id) {
    cooccurring(first: $first, after: $after) {
      ${PAGE_INFO}
      ${COOCCURRING_EDGES}
    }
  }
}`;

/** The venue page: what it is and its papers. */
const VENUE_PAGE = `query VenuePage($id: ID, $issn: String) {
  venue(id: $id, issn: $issn) {
    id
    name
    type
    issn
    paperCount
    ${EXTERNAL_IDS}
    papers(first: 10) {
      totalCount
      ${PAPERS_PAGE}
    }
  }
}
${PAPER_ITEM}`;

/** A reference-list entry: the cited paper when it is in CiteQL, else what the entry says. */
const REFERENCE_ITEM = `fragment ReferenceItem on Reference {
  position
  rawText
  title
  authors
  year
  venue
  citedExternalId
  citedPaper {
    ...PaperItem
  }
}`;

/**
 * A list of papers of the paper page: `connection` (a field with its arguments) with `fields` of
 * its own (totalCount), where its next page starts, and each edge's paper with `edgeCount` (viaCount,
 * count) when the list has one. Shared by PaperPage (first pages) and the lists' paging documents.
 */
function paperList(connection: string, fields: string, edgeCount = ''): string {
  const own = fields ? `\n      ${fields}` : '';
  const perEdge = edgeCount ? `\n        ${edgeCount}` : '';
  return `${connection} {${own}
      ${PAGE_INFO}
      edges {${perEdge}
        node {
          ...PaperItem
        }
      }
    }`;
}

/**
 * The paper page: everything it shows first, in one request, each list's first page with its total.
 * Exactly one of $id (a CiteQL id, what the explorer's own links carry) and $externalId (acl:…,
 * doi:…, a URL): explorer/src/router.ts `paperLookup` picks from the URL. Page sizes are written in
 * (not variables): the page's request is the same for every visitor, so the edge cache shares it.
 */
const PAPER_PAGE = `query PaperPage($id: ID, $externalId: String) {
  paper(id: $id, externalId: $externalId) {
    id
    title
    abstract
    year
    publicationDate
    doi
    type
    citationCount
    referenceCount
    venue {
      id
      name
    }
    externalIds {
      namespace
      value
      url
    }
    authors {
      position
      author {
        id
        name
      }
      institutions {
        id
        name
      }
    }
    keywords {
      id
      term
    }
    referenceGroups {
      sourceDatabase
      totalCount
      references(first: 10) {
        ${PAGE_INFO}
        edges {
          node {
            ...ReferenceItem
          }
        }
      }
    }
    ${paperList('citedBy(first: 10)', 'totalCount')}
    ${paperList('secondaryReferences(first: 10)', 'totalCount', 'viaCount')}
    ${paperList('secondaryCitations(first: 10)', 'totalCount', 'viaCount')}
    ${paperList('coCited(first: 10)', 'totalCount', 'count')}
    ${paperList('coupled(first: 10)', 'totalCount', 'count')}
    citationsByYear {
      year
      count
    }
  }
}
${REFERENCE_ITEM}
${PAPER_ITEM}`;

/**
 * The next page of one of the paper page's paper lists ("more"): `field` of the paper after the
 * cursor, each edge with `edgeCount` (viaCount, count) when the list has one.
 */
function paperListPage(operation: string, field: string, edgeCount = ''): string {
  return `query ${operation}($id: ID!, $after: String!, $first: Int! = 20) {
  paper(id: $id) {
    id
    ${paperList(`${field}(first: $first, after: $after)`, '', edgeCount)}
  }
}
${PAPER_ITEM}`;
}

const PAPER_CITED_BY_PAGE = paperListPage('PaperCitedByPage', 'citedBy');
const PAPER_SECONDARY_REFERENCES_PAGE = paperListPage(
  'PaperSecondaryReferencesPage',
  'secondaryReferences',
  'viaCount',
);
const PAPER_SECONDARY_CITATIONS_PAGE = paperListPage('PaperSecondaryCitationsPage', 'secondaryCitations', 'viaCount');
const PAPER_CO_CITED_PAGE = paperListPage('PaperCoCitedPage', 'coCited', 'count');
const PAPER_COUPLED_PAGE = paperListPage('PaperCoupledPage', 'coupled', 'count');

/**
 * The next page of one reference group. A group has no id of its own: the cursor (a position in
 * the reference list) is applied to every group of the paper and the page keeps the one it asked for.
 */
const PAPER_REFERENCE_GROUP_PAGE = `query PaperReferenceGroupPage($id: ID!, $after: String!, $first: Int! = 20) {
  paper(id: $id) {
    id
    referenceGroups {
      sourceDatabase
      references(first: $first, after: $after) {
        ${PAGE_INFO}
        edges {
          node {
            ...ReferenceItem
          }
        }
      }
    }
  }
}
${REFERENCE_ITEM}
${PAPER_ITEM}`;

/** The paper page's citation network (explorer/src/network/), asked for when the person opens it. */
const PAPER_NETWORK = `query PaperNetwork($id: ID!, $direction: NetworkDirection! = BOTH, $depth: Int! = 1, $limit: Int! = 150) {
  paper(id: $id) {
    id
    citationNetwork(direction: $direction, depth: $depth, limit: $limit) {
      nodeCount
      truncated
      nodes {
        depth
        paper {
          id
          title
          year
          citationCount
        }
      }
      edges {
        source
        target
      }
    }
  }
}`;

/** The path tool's two ends, from whatever the URL holds (CiteQL ids, acl:…, doi:…): `resolve` reads them all. */
const PATH_ENDS = `query PathEnds($from: String!, $to: String!) {
  resolve(ids: [$from, $to]) {
    input
    reason
    node {
      ... on Paper {
        id
        title
        year
      }
    }
  }
}`;

/** The path tool's chain between two papers (CiteQL ids, from PathEnds). */
const CITATION_PATH = `query CitationPath($from: ID!, $to: ID!, $direction: NetworkDirection! = REFERENCES, $maxHops: Int! = 4) {
  citationPath(from: $from, to: $to, direction: $direction, maxHops: $maxHops) {
    hops
    links {
      source
      target
    }
    papers {
      ...PaperItem
    }
  }
}
${PAPER_ITEM}`;

/** The path tool's paper suggestions while a person types a title. */
const PATH_SUGGESTIONS = `query PathSuggestions($prefix: String!, $first: Int! = 8) {
  autocomplete(prefix: $prefix, kinds: [PAPER], first: $first) {
    id
    label
  }
}`;

export const EXPLORER_DOCUMENTS = {
  PaperPage: PAPER_PAGE,
  HomePage: HOME_PAGE,
  Autocomplete: AUTOCOMPLETE,
  SearchPage: SEARCH_PAGE,
  SearchMore: SEARCH_MORE,
  EntityPapers: ENTITY_PAPERS,
  AuthorPage: AUTHOR_PAGE,
  AuthorCoauthors: AUTHOR_COAUTHORS,
  InstitutionPage: INSTITUTION_PAGE,
  InstitutionAuthors: INSTITUTION_AUTHORS,
  InstitutionCollaborators: INSTITUTION_COLLABORATORS,
  KeywordPage: KEYWORD_PAGE,
  KeywordCooccurring: KEYWORD_COOCCURRING,
  VenuePage: VENUE_PAGE,
  PaperCitedByPage: PAPER_CITED_BY_PAGE,
  PaperSecondaryReferencesPage: PAPER_SECONDARY_REFERENCES_PAGE,
  PaperSecondaryCitationsPage: PAPER_SECONDARY_CITATIONS_PAGE,
  PaperCoCitedPage: PAPER_CO_CITED_PAGE,
  PaperCoupledPage: PAPER_COUPLED_PAGE,
  PaperReferenceGroupPage: PAPER_REFERENCE_GROUP_PAGE,
  PaperNetwork: PAPER_NETWORK,
  PathEnds: PATH_ENDS,
  CitationPath: CITATION_PATH,
  PathSuggestions: PATH_SUGGESTIONS,
} as const satisfies Record<string, string>;

export type ExplorerDocumentName = keyof typeof EXPLORER_DOCUMENTS;
