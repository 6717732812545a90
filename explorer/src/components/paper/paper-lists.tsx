/**
 * The paper page's lists of papers (citing, secondary references and citations, co-cited, coupled):
 * each a section with its total, its first page from PaperPage and "more" from its paging document.
 */
import type { ComponentChildren } from 'preact';
import type { ExplorerDocumentName } from '../../../../src/explorer-documents';
import { query } from '../../api';
import type { Page } from '../../types';
import { PagedList } from '../paged-list';
import { PaperItem } from '../paper-item';
import type { CountEdge, Counted, PaperDetails, PaperEdge, ViaEdge } from './types';

/** A section of the paper page: a heading with the list's total, what the list is, the list. */
export function PaperSection(props: {
  id: string;
  title: string;
  total?: number;
  about?: ComponentChildren;
  children: ComponentChildren;
}) {
  return (
    <section class="paper-section" aria-labelledby={`${props.id}-heading`}>
      <h2 id={`${props.id}-heading`}>
        {props.title}
        {props.total !== undefined && <span class="total"> ({props.total})</span>}
      </h2>
      {props.about && <p class="about">{props.about}</p>}
      {props.children}
    </section>
  );
}

type ListField = 'citedBy' | 'secondaryReferences' | 'secondaryCitations' | 'coCited' | 'coupled';

/** Each list's paging document (src/explorer-documents.ts). */
const PAGE_DOCUMENTS: Record<ListField, ExplorerDocumentName> = {
  citedBy: 'PaperCitedByPage',
  secondaryReferences: 'PaperSecondaryReferencesPage',
  secondaryCitations: 'PaperSecondaryCitationsPage',
  coCited: 'PaperCoCitedPage',
  coupled: 'PaperCoupledPage',
};

function nextPage<Edge>(paperId: string, field: ListField) {
  return async (after: string): Promise<Page<Edge>> => {
    const data = await query<{ paper: Record<ListField, Page<Edge>> | null }>(PAGE_DOCUMENTS[field], {
      id: paperId,
      after,
    });
    return data.paper?.[field] ?? { pageInfo: { hasNextPage: false, endCursor: null }, edges: [] };
  };
}

interface ListSpec<Edge> {
  field: ListField;
  title: string;
  about: string;
  /** What the items are, for "More …". */
  what: string;
  empty: string;
  /** What an edge adds after the paper's line ("via 3"). */
  extra?: (edge: Edge) => string;
}

function PaperListSection<Edge extends { node: PaperEdge['node'] }>({
  paperId,
  list,
  spec,
}: {
  paperId: string;
  list: Counted<Edge>;
  spec: ListSpec<Edge>;
}) {
  const id = spec.field.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
  return (
    <PaperSection id={id} title={spec.title} total={list.totalCount} about={spec.about}>
      <PagedList
        first={list}
        empty={spec.empty}
        total={list.totalCount}
        more={nextPage<Edge>(paperId, spec.field)}
        noun={spec.what}
        ordered
        itemKey={(edge) => edge.node.id}
        item={(edge) => (
          <>
            <PaperItem paper={edge.node} />
            {spec.extra && <p class="edge-note">{spec.extra(edge)}</p>}
          </>
        )}
      />
    </PaperSection>
  );
}

const via = (edge: ViaEdge) => `via ${edge.viaCount}`;

const CITED_BY: ListSpec<PaperEdge> = {
  field: 'citedBy',
  title: 'Citing papers',
  about: 'Papers in CiteQL whose reference lists cite this one, newest first.',
  what: 'citing papers',
  empty: 'No paper in CiteQL cites this one yet.',
};

const SECONDARY_REFERENCES: ListSpec<ViaEdge> = {
  field: 'secondaryReferences',
  title: 'Secondary references',
  about: 'Papers cited by the papers this one cites; "via n": cited by n of its references.',
  what: 'secondary references',
  empty: 'None: no reference of this paper cites a paper in CiteQL.',
  extra: via,
};

const SECONDARY_CITATIONS: ListSpec<ViaEdge> = {
  field: 'secondaryCitations',
  title: 'Secondary citations',
  about: 'Papers citing the papers that cite this one; "via n": cites n of its citing papers.',
  what: 'secondary citations',
  empty: 'None: no paper cites the papers citing this one.',
  extra: via,
};

const CO_CITED: ListSpec<CountEdge> = {
  field: 'coCited',
  title: 'Co-cited papers',
  about: 'Papers cited together with this one; "n together": papers citing both.',
  what: 'co-cited papers',
  empty: 'None: no paper cites this one together with another.',
  extra: (edge) => `${edge.count} together`,
};

const COUPLED: ListSpec<CountEdge> = {
  field: 'coupled',
  title: 'Coupled papers',
  about: 'Papers that share references with this one (bibliographic coupling); "n shared": references both cite.',
  what: 'coupled papers',
  empty: 'None: no other paper shares a resolved reference with this one.',
  extra: (edge) => `${edge.count} shared`,
};

export function CitedBySection({ paper }: { paper: PaperDetails }) {
  return <PaperListSection paperId={paper.id} list={paper.citedBy} spec={CITED_BY} />;
}

export function RelatedSections({ paper }: { paper: PaperDetails }) {
  return (
    <>
      <PaperListSection paperId={paper.id} list={paper.secondaryReferences} spec={SECONDARY_REFERENCES} />
      <PaperListSection paperId={paper.id} list={paper.secondaryCitations} spec={SECONDARY_CITATIONS} />
      <PaperListSection paperId={paper.id} list={paper.coCited} spec={CO_CITED} />
      <PaperListSection paperId={paper.id} list={paper.coupled} spec={COUPLED} />
    </>
  );
}
