/** `/author/<id>` (a CiteQL id or an ORCID iD): h-index, institutions over time, keywords, coauthors, papers. */
import { query } from '../api';
import { count, EntityPaperList, ExternalIds, Facts, paperCount, Section } from '../components/entity';
import { usePageTitle } from '../components/page-title';
import { PagedList } from '../components/paged-list';
import { LookupView } from '../components/status';
import { authorLookup, href } from '../router';
import type { ExternalIdData, Page, PaperItemData } from '../types';

interface Coauthor {
  sharedPaperCount: number;
  node: { id: string; name: string };
}

interface AuthorData {
  id: string;
  name: string;
  orcid: string | null;
  hIndex: number;
  paperCount: number;
  citationCount: number;
  externalIds: ExternalIdData[];
  institutions: {
    firstYear: number | null;
    lastYear: number | null;
    paperCount: number;
    institution: { id: string; name: string; country: string | null };
  }[];
  keywords: { paperCount: number; keyword: { id: string; term: string } }[];
  coauthors: Page<Coauthor> & { totalCount: number };
  papers: Page<{ node: PaperItemData }> & { totalCount: number };
}

export function AuthorPage({ id }: { id: string }) {
  return (
    <LookupView
      document="AuthorPage"
      variables={authorLookup(id)}
      what="the author"
      unknown={`No author has the id "${id}" in CiteQL.`}
      pick={(data: { author: AuthorData | null }) => data.author}
    >
      {(author) => <AuthorView author={author} />}
    </LookupView>
  );
}

function years(first: number | null, last: number | null): string {
  if (first === null && last === null) return 'year unknown';
  return first === last || last === null ? String(first) : first === null ? String(last) : `${first}–${last}`;
}

function AuthorView({ author }: { author: AuthorData }) {
  usePageTitle(author.name);
  return (
    <article class="entity-page">
      <p class="kind">Author</p>
      <h1>{author.name}</h1>
      <Facts
        entries={[
          ['Papers', count(author.paperCount)],
          ['Citations', count(author.citationCount)],
          ['h-index', author.hIndex],
          ['Identifiers', author.externalIds.length > 0 ? <ExternalIds ids={author.externalIds} /> : null],
        ]}
      />
      <Section id="institutions" title="Institutions over time">
        {author.institutions.length === 0 ? (
          <p class="muted">No affiliations given on the author's papers.</p>
        ) : (
          <table class="data-table">
            <thead>
              <tr>
                <th scope="col">Institution</th>
                <th scope="col">Years</th>
                <th scope="col">Papers</th>
              </tr>
            </thead>
            <tbody>
              {author.institutions.map((entry) => (
                <tr key={entry.institution.id}>
                  <td>
                    <a href={href.institution(entry.institution.id)}>{entry.institution.name}</a>
                    {entry.institution.country && <span class="muted"> ({entry.institution.country})</span>}
                  </td>
                  <td>{years(entry.firstYear, entry.lastYear)}</td>
                  <td>{count(entry.paperCount)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>
      <Section id="keywords" title="Frequent keywords">
        {author.keywords.length === 0 ? (
          <p class="muted">No keywords on the author's papers.</p>
        ) : (
          <ul class="chips">
            {author.keywords.map(({ keyword, paperCount }) => (
              <li key={keyword.id}>
                <a href={href.keyword(keyword.term)}>{keyword.term}</a> <span class="muted">{paperCount}</span>
              </li>
            ))}
          </ul>
        )}
      </Section>
      <Section id="coauthors" title="Coauthors">
        <PagedList
          first={author.coauthors}
          empty="No coauthors."
          total={author.coauthors.totalCount}
          noun="coauthors"
          class="item-list compact"
          itemKey={(edge) => edge.node.id}
          item={(edge) => (
            <>
              <a href={href.author(edge.node.id)}>{edge.node.name}</a>{' '}
              <span class="muted">{paperCount(edge.sharedPaperCount)} together</span>
            </>
          )}
          more={async (after) =>
            (await query<{ author: { coauthors: Page<Coauthor> } }>('AuthorCoauthors', { id: author.id, after })).author
              .coauthors
          }
        />
      </Section>
      <Section id="papers" title="Papers">
        <EntityPaperList entityId={author.id} papers={author.papers} />
      </Section>
    </article>
  );
}
