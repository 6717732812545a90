/** `/path?from=…&to=…`: the citation path tool (placeholder). */
import { usePageTitle } from '../components/page-title';

export function PathPage({ from, to }: { from: string; to: string }) {
  usePageTitle('Citation path');
  return <h1>Citation path{from && to ? ` from ${from} to ${to}` : ''}</h1>;
}
