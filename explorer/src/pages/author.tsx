/** `/author/<id>` (placeholder). */
import { usePageTitle } from '../components/page-title';

export function AuthorPage({ id }: { id: string }) {
  usePageTitle(`Author ${id}`);
  return <h1>Author {id}</h1>;
}
