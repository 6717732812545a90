/** `/keyword/<term>` (placeholder). */
import { usePageTitle } from '../components/page-title';

export function KeywordPage({ term }: { term: string }) {
  usePageTitle(`Keyword ${term}`);
  return <h1>Keyword {term}</h1>;
}
