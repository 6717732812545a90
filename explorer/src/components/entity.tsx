/** Parts the author, institution, keyword and venue pages share. */
import type { ComponentChildren } from 'preact';
import { query } from '../api';
import type { Page, PaperItemData } from '../types';
import { PagedList } from './paged-list';
import { PaperItem } from './paper-item';

/** A page's facts as a definition list; entries with no value are left out. */
export function Facts({ entries }: { entries: [string, ComponentChildren | null | undefined][] }) {
  const shown = entries.filter(([, value]) => value !== null && value !== undefined && value !== '');
  return (
    <dl class="facts">
      {shown.map(([term, value]) => (
        <div key={term}>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** A titled part of a page, with its heading id for the landmark's name. */
export function Section({ id, title, children }: { id: string; title: string; children: ComponentChildren }) {
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

type EntityPapers = Page<{ node: PaperItemData }> & { totalCount: number };

interface EntityPapersResult {
  node: { papers?: Page<{ node: PaperItemData }> } | null;
}

/** An entity's papers, the first page from the page's request, "More papers" with EntityPapers. */
export function EntityPaperList({ entityId, papers }: { entityId: string; papers: EntityPapers }) {
  return (
    <PagedList
      first={papers}
      empty="No papers."
      total={papers.totalCount}
      noun="papers"
      itemKey={(edge) => edge.node.id}
      item={(edge) => <PaperItem paper={edge.node} />}
      more={async (after) => {
        const data = await query<EntityPapersResult>('EntityPapers', { id: entityId, after });
        return data.node?.papers ?? { pageInfo: { hasNextPage: false, endCursor: null }, edges: [] };
      }}
    />
  );
}

/** External identifiers as links where they have a URL. */
export function ExternalIds({ ids }: { ids: { namespace: string; value: string; url: string | null }[] }) {
  if (ids.length === 0) return null;
  return (
    <>
      {ids.map((id, index) => (
        <span key={`${id.namespace}:${id.value}`}>
          {index > 0 && ', '}
          {id.url ? <a href={id.url}>{`${id.namespace}:${id.value}`}</a> : `${id.namespace}:${id.value}`}
        </span>
      ))}
    </>
  );
}

/** "1 paper", "12 papers" */
export function paperCount(value: number): string {
  return value === 1 ? '1 paper' : `${count(value)} papers`;
}

/** "1,234" */
export function count(value: number): string {
  return value.toLocaleString('en');
}
