/** `/paper/<id>`: placeholder (the paper page is built on top of it: one PaperPage request per view). */

import { usePageTitle } from '../components/page-title';
import { NotFoundPage, QueryView } from '../components/status';
import { paperLookup } from '../router';
import { useQuery } from '../use-query';

interface PaperPageData {
  paper: { id: string; title: string; year: number | null } | null;
}

export function PaperPage({ id }: { id: string }) {
  const state = useQuery<PaperPageData>('PaperPage', paperLookup(id));
  return (
    <QueryView state={state} what="the paper">
      {({ paper }) =>
        paper ? <PaperView paper={paper} /> : <NotFoundPage what={`No paper has the id "${id}" in CiteQL.`} />
      }
    </QueryView>
  );
}

function PaperView({ paper }: { paper: NonNullable<PaperPageData['paper']> }) {
  usePageTitle(paper.title);
  return (
    <article>
      <h1>{paper.title}</h1>
      {paper.year !== null && <p>{paper.year}</p>}
    </article>
  );
}
