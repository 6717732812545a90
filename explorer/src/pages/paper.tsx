/**
 * `/paper/<id>`: the paper page, laid out like CNKI's knowledge-network node page — the paper, its
 * references grouped by source database, citing papers, secondary references and citations,
 * co-cited and coupled papers, citations by year — from ONE request (the PaperPage document), each
 * list paged on demand; the citation network loads only when opened (explorer/src/network/).
 */
import { usePageTitle } from '../components/page-title';
import { PaperHead } from '../components/paper/paper-head';
import { CitedBySection, PaperSection, RelatedSections } from '../components/paper/paper-lists';
import { ReferenceGroups } from '../components/paper/reference-groups';
import type { PaperDetails, PaperPageData } from '../components/paper/types';
import { NotFoundPage, QueryView } from '../components/status';
import { YearChart } from '../components/year-chart';
import { NetworkPanel } from '../network/network-panel';
import { paperLookup } from '../router';
import { useQuery } from '../use-query';
import '../components/paper/paper.css';

export function PaperPage({ id }: { id: string }) {
  const state = useQuery<PaperPageData>('PaperPage', paperLookup(id));
  return (
    <QueryView state={state} what="the paper" badId={`"${id}" is not a paper id CiteQL reads.`}>
      {({ paper }) =>
        paper ? <PaperView paper={paper} /> : <NotFoundPage what={`No paper has the id "${id}" in CiteQL.`} />
      }
    </QueryView>
  );
}

function PaperView({ paper }: { paper: PaperDetails }) {
  usePageTitle(paper.title);
  return (
    <article class="paper-page">
      <PaperHead paper={paper} />
      <PaperSection
        id="references"
        title="References"
        total={paper.referenceCount}
        about="The reference list, grouped by the database each entry was found in."
      >
        <ReferenceGroups paperId={paper.id} groups={paper.referenceGroups} />
      </PaperSection>
      <CitedBySection paper={paper} />
      <PaperSection id="citations-by-year" title="Citations by year">
        <YearChart counts={paper.citationsByYear} noun="citing papers" />
      </PaperSection>
      <RelatedSections paper={paper} />
      <NetworkPanel paperId={paper.id} title={paper.title} />
    </article>
  );
}
