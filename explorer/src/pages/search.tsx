/** `/search?q=…`: results with highlights, facets, sort and paging (placeholder). */
import { usePageTitle } from '../components/page-title';

export function SearchPage({ params }: { params: URLSearchParams }) {
  const q = params.get('q') ?? '';
  usePageTitle(q ? `Search: ${q}` : 'Search');
  return <h1>Search{q ? `: ${q}` : ''}</h1>;
}
