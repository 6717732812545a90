/** `/keyword/<term>`: papers per year, the keywords given with it, its papers. */
import { query } from '../api';
import { count, EntityPaperList, Facts, Section } from '../components/entity';
import { usePageTitle } from '../components/page-title';
import { PagedList } from '../components/paged-list';
import { LookupView } from '../components/status';
import { YearChart } from '../components/year-chart';
import { href } from '../router';
import type { Page, PaperItemData, YearCount } from '../types';

interface CooccurringEdge {
  sharedPaperCount: number;
  node: { id: string; term: string };
}

interface KeywordData {
  id: string;
  term: string;
  paperCount: number;
  papersByYear: YearCount[];
  cooccurring: Page<CooccurringEdge> & { totalCount: number };
  papers: Page<{ node: PaperItemData }> & { totalCount: number };
}

export function KeywordPage({ term }: { term: string }) {
  return (
    <LookupView
      document="KeywordPage"
      variables={{ term }}
      what="the keyword"
      unknown={`No paper in CiteQL has the keyword "${term}".`}
      pick={(data: { keyword: KeywordData | null }) => data.keyword}
    >
      {(keyword) => <KeywordView keyword={keyword} />}
    </LookupView>
  );
}

function KeywordView({ keyword }: { keyword: KeywordData }) {
  usePageTitle(keyword.term);
  const { id } = keyword;
  return (
    <article class="entity-page">
      <p class="kind">Keyword</p>
      <h1>{keyword.term}</h1>
      <Facts
        entries={[
          ['Papers', count(keyword.paperCount)],
          ['Search', <a href={href.search({ keyword: id })}>Filter the search by this keyword</a>],
        ]}
      />
      <Section id="by-year" title="Papers per year">
        <YearChart counts={keyword.papersByYear} noun="papers" />
      </Section>
      <Section id="cooccurring" title="Keywords on the same papers">
        <PagedList
          first={keyword.cooccurring}
          empty="No other keywords on its papers."
          total={keyword.cooccurring.totalCount}
          noun="keywords"
          class="chips"
          itemKey={(edge) => edge.node.id}
          item={(edge) => (
            <>
              <a href={href.keyword(edge.node.term)}>{edge.node.term}</a>{' '}
              <span class="muted">{edge.sharedPaperCount}</span>
            </>
          )}
          more={async (after) =>
            (await query<{ keyword: { cooccurring: Page<CooccurringEdge> } }>('KeywordCooccurring', { id, after }))
              .keyword.cooccurring
          }
        />
      </Section>
      <Section id="papers" title="Papers">
        <EntityPaperList entityId={id} papers={keyword.papers} />
      </Section>
    </article>
  );
}
