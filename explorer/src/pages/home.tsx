/** `/`: what CiteQL is, a search box with suggestions, example papers, the node-page query and GraphiQL. */
import { NODE_PAGE_EXAMPLE } from 'virtual:explorer-documents';
import { count } from '../components/entity';
import { usePageTitle } from '../components/page-title';
import { PaperItem } from '../components/paper-item';
import { SearchBox } from '../components/search-box';
import { Loading } from '../components/status';
import { href } from '../router';
import type { PaperItemData } from '../types';
import { useQuery } from '../use-query';

interface HomeData {
  papers: { totalCount: number; edges: { node: PaperItemData }[] };
}

export function HomePage() {
  usePageTitle(undefined);
  return (
    <>
      <h1>CiteQL</h1>
      <p class="tagline">A serverless GraphQL API for scholarly metadata and citation networks.</p>
      <SearchBox id="home-search" label="Search papers, or go to an author, institution, keyword or venue" prominent />
      <p>
        CiteQL serves papers, authors, institutions, keywords, venues and the references between them. It answers the
        whole citation neighbourhood of a paper in <strong>one request</strong>: the reference list grouped by source
        database, citing papers, references of references, citers of citers, co-citation and bibliographic coupling, the
        relations of a CNKI "knowledge network node" page that no open API offers. This explorer is built on that public
        API alone.
      </p>
      <Examples />
      <h2>The API</h2>
      <p>
        One Cloudflare Worker (graphql-yoga serving a Pothos schema) over one Cloudflare D1 database (SQLite). The
        endpoint is <code>/graphql</code>: POST <code>application/json</code> or GET with <code>?query=</code>.
      </p>
      <p>
        <a class="button" href="/graphql">
          Open GraphiQL
        </a>
      </p>
      <h2>Example: the knowledge-network node of a paper</h2>
      <p>
        In one request, with a fixed number of D1 statements whatever the page sizes. GraphiQL opens with this query;
        the variables are <code>{JSON.stringify(NODE_PAGE_EXAMPLE.variables)}</code>.{' '}
        <a href={href.paper(NODE_PAGE_EXAMPLE.variables.id ?? '')}>See that paper in the explorer</a>.
      </p>
      <pre>
        <code id="node-page-query">{NODE_PAGE_EXAMPLE.query}</code>
      </pre>
    </>
  );
}

/** The most cited papers, as a way in; an API failure here leaves the rest of the page usable. */
function Examples() {
  const state = useQuery<HomeData>('HomePage', {});
  return (
    <section aria-labelledby="examples">
      <h2 id="examples">Most cited papers</h2>
      {state.status === 'loading' && <Loading what="example papers" />}
      {state.status === 'failed' && (
        <p class="inline-error" role="alert">
          The example papers could not be loaded: {state.error.message}
        </p>
      )}
      {state.status === 'done' &&
        (state.data.papers.totalCount === 0 ? (
          <p class="muted">CiteQL holds no papers yet: import some (README, "Importing data").</p>
        ) : (
          <>
            <ul class="item-list">
              {state.data.papers.edges.map(({ node }) => (
                <li key={node.id}>
                  <PaperItem paper={node} />
                </li>
              ))}
            </ul>
            <p class="muted">
              Of {count(state.data.papers.totalCount)} papers.{' '}
              <a href={href.search({ sort: 'citations' })}>Browse them all</a>
            </p>
          </>
        ))}
    </section>
  );
}
