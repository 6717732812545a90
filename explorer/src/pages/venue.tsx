/** `/venue/<id>` (placeholder). */
import { usePageTitle } from '../components/page-title';

export function VenuePage({ id }: { id: string }) {
  usePageTitle(`Venue ${id}`);
  return <h1>Venue {id}</h1>;
}
