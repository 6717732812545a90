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
 * The paper page: everything it shows first, in one request (the placeholder asks for the title).
 * Exactly one of $id (a CiteQL id, what the explorer's own links carry) and $externalId (acl:…,
 * doi:…, a URL): explorer/src/router.ts `paperLookup` picks from the URL.
 */
const PAPER_PAGE = `query PaperPage($id: ID, $externalId: String) {
  paper(id: $id, externalId: $externalId) {
    id
    title
    year
  }
}`;

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
} as const satisfies Record<string, string>;

export type ExplorerDocumentName = keyof typeof EXPLORER_DOCUMENTS;
