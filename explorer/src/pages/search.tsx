/**
 * `/search?q=…`: results with highlights; facets (year, venue, keyword, institution, country) over the
 * whole result, each value a link that adds it to the filter (or removes it); sort; "More results"
 * until the end. Everything the page shows is in its URL, so a search can be shared and reloaded.
 */
import { query } from '../api';
import { count } from '../components/entity';
import { usePageTitle } from '../components/page-title';
import { PagedList } from '../components/paged-list';
import { PaperItem } from '../components/paper-item';
import { SearchBox } from '../components/search-box';
import { QueryView } from '../components/status';
import { href, navigate } from '../router';
import type { Page, PaperItemData } from '../types';
import { useQuery } from '../use-query';

interface ResultEdge {
  highlight: { title: string; abstract: string | null } | null;
  node: PaperItemData;
}

interface FacetValue {
  id?: string | null;
  value: string;
  count: number;
}

type FacetName = 'year' | 'venue' | 'keyword' | 'institution' | 'country';

interface SearchData {
  papers: Page<ResultEdge> & { totalCount: number; facets: Record<FacetName, FacetValue[]> };
}

const FACETS: { name: FacetName; title: string }[] = [
  { name: 'year', title: 'Year' },
  { name: 'venue', title: 'Venue' },
  { name: 'keyword', title: 'Keyword' },
  { name: 'institution', title: 'Institution' },
  { name: 'country', title: 'Country' },
];

/** Facets a paper may have several values of: clicked values add up (any of them). Year is one value. */
const MULTI_FACETS: FacetName[] = ['venue', 'keyword', 'institution', 'country'];

const SORTS = {
  relevance: { label: 'Relevance', order: undefined },
  citations: { label: 'Most cited', order: { field: 'CITATION_COUNT', direction: 'DESC' } },
  newest: { label: 'Newest', order: { field: 'YEAR', direction: 'DESC' } },
  oldest: { label: 'Oldest', order: { field: 'YEAR', direction: 'ASC' } },
  title: { label: 'Title', order: { field: 'TITLE', direction: 'ASC' } },
} as const;

type SortName = keyof typeof SORTS;

interface SearchState {
  q: string;
  sort: SortName;
  year: string | null;
  multi: Record<(typeof MULTI_FACETS)[number], string[]>;
}

function readState(params: URLSearchParams): SearchState {
  const q = (params.get('q') ?? '').trim();
  const sortParam = params.get('sort') ?? '';
  // Relevance needs a search; without one, the most cited first.
  const fallback: SortName = q ? 'relevance' : 'citations';
  const sort = sortParam in SORTS && (sortParam !== 'relevance' || q) ? (sortParam as SortName) : fallback;
  const year = params.get('year');
  return {
    q,
    sort,
    year: year && /^\d{1,4}$/.test(year) ? year : null,
    multi: Object.fromEntries(MULTI_FACETS.map((name) => [name, params.getAll(name)])) as SearchState['multi'],
  };
}

function variablesOf(state: SearchState): Record<string, unknown> {
  const filter: Record<string, unknown> = {};
  if (state.year) filter.year = { min: Number(state.year), max: Number(state.year) };
  for (const name of MULTI_FACETS) if (state.multi[name].length > 0) filter[name] = state.multi[name];
  const variables: Record<string, unknown> = {};
  if (state.q) variables.search = state.q;
  if (Object.keys(filter).length > 0) variables.filter = filter;
  const order = SORTS[state.sort].order;
  if (order) variables.orderBy = order;
  return variables;
}

/** The URL of this search with one facet value toggled (sort and the other filters kept). */
function toggled(params: URLSearchParams, name: FacetName, value: string): string {
  const next = new URLSearchParams(params);
  if (name === 'year') {
    if (next.get('year') === value) next.delete('year');
    else next.set('year', value);
  } else {
    const values = next.getAll(name);
    next.delete(name);
    for (const kept of values.includes(value) ? values.filter((v) => v !== value) : [...values, value]) {
      next.append(name, kept);
    }
  }
  return href.search(next);
}

export function SearchPage({ params }: { params: URLSearchParams }) {
  const state = readState(params);
  const variables = variablesOf(state);
  // Without words, a filter or an explicit sort browses every paper (the home page's "Browse them all").
  const browsing =
    params.has('sort') || state.year !== null || MULTI_FACETS.some((name) => state.multi[name].length > 0);
  usePageTitle(state.q ? `Search: ${state.q}` : 'Search');
  const result = useQuery<SearchData>('SearchPage', state.q || browsing ? variables : null);
  return (
    <div class="search-page">
      <h1>{state.q ? `Search: ${state.q}` : 'Search'}</h1>
      <SearchBox key={state.q} id="search-page-search" label="Search papers" initial={state.q} />
      {!state.q && !browsing ? (
        <p>
          Type words to find papers by title, abstract, keywords, venue or author names. Chinese, Japanese and Korean
          text works too (two characters or more). "Quoted phrases", prefix*, AND, OR and NOT are understood.
        </p>
      ) : (
        <QueryView state={result} what="the results" within>
          {(data) => <Results state={state} params={params} variables={variables} data={data} />}
        </QueryView>
      )}
    </div>
  );
}

interface ResultsProps {
  state: SearchState;
  params: URLSearchParams;
  variables: Record<string, unknown>;
  data: SearchData;
}

function Results({ state, params, variables, data }: ResultsProps) {
  const { papers } = data;
  const active = new Map<string, string>();
  for (const { name } of FACETS) {
    const selected = name === 'year' ? (state.year ? [state.year] : []) : state.multi[name];
    for (const value of selected) {
      const known = papers.facets[name].find((facet) => (facet.id ?? facet.value) === value);
      active.set(`${name}\u0000${value}`, known?.value ?? value);
    }
  }
  return (
    <div class="search-layout">
      <div class="search-results">
        <div class="results-bar">
          <p role="status" class="result-count">
            {papers.totalCount === 1 ? '1 paper' : `${count(papers.totalCount)} papers`}
          </p>
          <label class="sort">
            Sort by{' '}
            <select
              value={state.sort}
              onChange={(event) => {
                const next = new URLSearchParams(params);
                next.set('sort', event.currentTarget.value);
                navigate(href.search(next));
              }}
            >
              {(Object.keys(SORTS) as SortName[])
                .filter((name) => name !== 'relevance' || state.q)
                .map((name) => (
                  <option key={name} value={name}>
                    {SORTS[name].label}
                  </option>
                ))}
            </select>
          </label>
        </div>
        {active.size > 0 && (
          <ul class="active-filters" aria-label="Active filters">
            {[...active].map(([key, label]) => {
              const [name, value] = key.split('\u0000') as [FacetName, string];
              return (
                <li key={key}>
                  <a href={toggled(params, name, value)} aria-label={`Remove filter ${name}: ${label}`}>
                    {name}: {label} <span aria-hidden="true">×</span>
                  </a>
                </li>
              );
            })}
          </ul>
        )}
        <PagedList
          key={JSON.stringify(variables)}
          empty="No paper matches. Try fewer words, a prefix* or fewer filters."
          first={papers}
          total={papers.totalCount}
          noun="results"
          ordered
          class="item-list results"
          itemKey={(edge) => edge.node.id}
          item={(edge) => <PaperItem paper={edge.node} highlight={edge.highlight} />}
          more={async (after) => (await query<SearchData>('SearchMore', { ...variables, after })).papers}
        />
      </div>
      <aside class="facets" aria-labelledby="facets-heading">
        <h2 id="facets-heading">Filter</h2>
        {FACETS.map(({ name, title }) =>
          papers.facets[name].length === 0 ? null : (
            <section key={name} class="facet" aria-labelledby={`facet-${name}`}>
              <h3 id={`facet-${name}`}>{title}</h3>
              <ul>
                {papers.facets[name].map((facet) => {
                  const value = facet.id ?? facet.value;
                  const selected = active.has(`${name}\u0000${value}`);
                  return (
                    <li key={value}>
                      <a href={toggled(params, name, value)} aria-current={selected ? 'true' : undefined}>
                        {facet.value}
                      </a>{' '}
                      <span class="muted">{count(facet.count)}</span>
                    </li>
                  );
                })}
              </ul>
            </section>
          ),
        )}
      </aside>
    </div>
  );
}
