/**
 * The registered (trusted) documents: operations CiteQL's own front ends send by hash. Their
 * sha256 is their id, as in Apollo's automatic persisted queries. With `TRUSTED_DOCUMENTS = "on"`
 * in wrangler.toml only these run, so every accepted operation's cost is known in advance.
 * `npm run persisted` prints the manifest (hash -> name) for front ends.
 */
import { EXPLORER_DOCUMENTS } from './explorer-documents';
import { sha256Hex } from './hash';

/**
 * The README's node-page query: registered below, GraphiQL opens with it and the explorer's home page
 * shows it (a test keeps the README's copy equal).
 */
export const NODE_PAGE_QUERY = `query NodePage($id: String!) {
  paper(externalId: $id) {
    # "demo:SEED-BRI", "acl:J93-2004", "doi:10.1000/x", a URL ...
    title
    year
    authors {
      author {
        name
      }
      institutions {
        name
      }
    }
    keywords {
      term
    }
    referenceGroups {
      sourceDatabase
      totalCount
      references(first: 20) {
        edges {
          node {
            position
            rawText
            citedPaper {
              title
              year
              citationCount
            }
          }
        }
      }
    }
    citedBy(first: 20) {
      totalCount
      edges {
        node {
          title
          year
        }
      }
    }
    secondaryReferences(first: 10) {
      totalCount
      edges {
        viaCount
        node {
          title
        }
      }
    }
    secondaryCitations(first: 10) {
      totalCount
      edges {
        viaCount
        node {
          title
        }
      }
    }
    coCited(first: 10) {
      totalCount
      edges {
        count
        score
        node {
          title
        }
      }
    }
    coupled(first: 10) {
      totalCount
      edges {
        count
        score
        node {
          title
        }
      }
    }
    similar(first: 10) {
      totalCount
      edges {
        sharedKeywordCount
        score
        node {
          title
        }
      }
    }
    citationsByYear {
      year
      count
    }
  }
}
`;

export const TRUSTED_DOCUMENTS: Record<string, string> = {
  NodePage: NODE_PAGE_QUERY,
  PaperTitle: `query PaperTitle($id: String!) {
  paper(externalId: $id) { id title year citationCount }
}`,
  // The web app's operations (explorer/).
  ...EXPLORER_DOCUMENTS,
};

let byHash: Promise<Map<string, string>> | null = null;

/** Registered documents by the sha256 of their text (computed once per isolate). */
export function trustedDocumentsByHash(): Promise<Map<string, string>> {
  byHash ??= Promise.all(
    Object.values(TRUSTED_DOCUMENTS).map(async (document) => [await sha256Hex(document), document] as const),
  ).then((entries) => new Map(entries));
  return byHash;
}
