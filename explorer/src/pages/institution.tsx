/** `/institution/<id>` (placeholder). */
import { usePageTitle } from '../components/page-title';

export function InstitutionPage({ id }: { id: string }) {
  usePageTitle(`Institution ${id}`);
  return <h1>Institution {id}</h1>;
}
