/**
 * The reference list grouped by source database, as CNKI's node page shows it ("Springer Journals
 * Database — Total: 27 articles"), each group paged on its own.
 */
import { query } from '../../api';
import type { Page } from '../../types';
import { PagedList } from '../paged-list';
import { PaperItem } from '../paper-item';
import type { ReferenceEdge, ReferenceGroup, ReferenceItem } from './types';

interface GroupPageData {
  paper: { referenceGroups: { sourceDatabase: string | null; references: Page<ReferenceEdge> }[] } | null;
}

/** The next page of one group: PaperReferenceGroupPage answers every group; this keeps the asked one. */
async function nextGroupPage(paperId: string, sourceDatabase: string | null, after: string) {
  const data = await query<GroupPageData>('PaperReferenceGroupPage', { id: paperId, after });
  const group = data.paper?.referenceGroups.find((candidate) => candidate.sourceDatabase === sourceDatabase);
  return group?.references ?? { pageInfo: { hasNextPage: false, endCursor: null }, edges: [] };
}

/** What an entry says of a work that is not in CiteQL (the printed entry when the source kept it). */
function entryText(reference: ReferenceItem): string {
  if (reference.rawText) return reference.rawText;
  const parts = [reference.authors, reference.title, reference.venue, reference.year?.toString()];
  const text = parts.filter((part): part is string => Boolean(part)).join(', ');
  return text || reference.citedExternalId || 'An entry with no details';
}

function Entry({ reference }: { reference: ReferenceItem }) {
  return (
    <div class="reference-entry">
      <span class="position">[{reference.position}]</span>
      {reference.citedPaper ? (
        <PaperItem paper={reference.citedPaper} />
      ) : (
        <span class="unresolved">
          {entryText(reference)}
          {reference.citedExternalId && reference.rawText && <span class="muted"> ({reference.citedExternalId})</span>}
        </span>
      )}
    </div>
  );
}

export function ReferenceGroups({ paperId, groups }: { paperId: string; groups: ReferenceGroup[] }) {
  if (groups.length === 0) return <p class="muted">No reference list is known for this paper.</p>;
  return (
    <>
      {groups.map((group) => (
        <section class="reference-group" key={group.sourceDatabase ?? ''}>
          <h3>
            {group.sourceDatabase ?? 'Source database not given'} <span class="total">Total: {group.totalCount}</span>
          </h3>
          <PagedList
            first={group.references}
            total={group.totalCount}
            more={(after) => nextGroupPage(paperId, group.sourceDatabase, after)}
            item={(edge) => <Entry reference={edge.node} />}
            itemKey={(edge) => String(edge.node.position)}
            noun={`references from ${group.sourceDatabase ?? 'this group'}`}
            empty="No entries in this group."
            class="item-list reference-list"
          />
        </section>
      ))}
    </>
  );
}
