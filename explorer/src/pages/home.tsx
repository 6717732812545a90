/** `/`: what CiteQL is, a search box, the node-page query example and the way to GraphiQL. */
import { NODE_PAGE_EXAMPLE } from 'virtual:explorer-documents';
import { usePageTitle } from '../components/page-title';
import { SearchBox } from '../components/search-box';

export function HomePage() {
  usePageTitle(undefined);
  return (
    <>
      <h1>CiteQL</h1>
      <p class="tagline">A serverless GraphQL API for scholarly metadata and citation networks.</p>
      <SearchBox id="home-search" label="Search papers, authors, keywords" prominent />
      <p>
        CiteQL serves papers, authors, institutions, keywords, venues and the references between them. It answers the
        whole citation neighbourhood of a paper in <strong>one request</strong>: the reference list grouped by source
        database, citing papers, references of references, citers of citers, co-citation and bibliographic coupling, the
        relations of a CNKI "knowledge network node" page that no open API offers.
      </p>
      <p>
        <a class="button" href="/graphql">
          Open GraphiQL
        </a>
      </p>
      <h2>Example: the knowledge-network node of a paper</h2>
      <p>
        In one request, with a fixed number of D1 statements whatever the page sizes. GraphiQL opens with this query;
        the variables are <code>{JSON.stringify(NODE_PAGE_EXAMPLE.variables)}</code>.
      </p>
      <pre>
        <code id="node-page-query">{NODE_PAGE_EXAMPLE.query}</code>
      </pre>
    </>
  );
}
