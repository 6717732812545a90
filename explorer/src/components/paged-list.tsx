/**
 * A list that shows its first page (from the page's own request) and fetches the next one with a
 * small paging document when "More" is pressed (keyset `after` cursor), until the end.
 */
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { ApiError } from '../api';
import type { Page } from '../types';

interface PagedListProps<Edge> {
  first: Page<Edge>;
  /** The page after `after` (a cursor from the previous page). */
  more: (after: string) => Promise<Page<Edge>>;
  item: (edge: Edge) => ComponentChildren;
  /** Stable key of an edge (a node id). */
  itemKey: (edge: Edge) => string;
  /** What the items are, for the button ("papers" → "More papers"). */
  noun: string;
  /** Items in the whole list, when known. */
  total?: number;
  /** Said instead of the list when it has no items ("No coauthors."). */
  empty: string;
  ordered?: boolean;
  /** Class of the list element. */
  class?: string;
}

export function PagedList<Edge>(props: PagedListProps<Edge>) {
  const [pages, setPages] = useState<Page<Edge>[]>([props.first]);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const last = pages[pages.length - 1]!;
  const edges = pages.flatMap((page) => page.edges);
  const loadMore = async () => {
    if (!last.pageInfo.endCursor) return;
    setLoading(true);
    setError(null);
    try {
      const next = await props.more(last.pageInfo.endCursor);
      setPages((shown) => [...shown, next]);
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : String(caught));
    } finally {
      setLoading(false);
    }
  };
  const List = props.ordered ? 'ol' : 'ul';
  if (edges.length === 0) return <p class="muted">{props.empty}</p>;
  return (
    <>
      <List class={props.class ?? 'item-list'}>
        {edges.map((edge) => (
          <li key={props.itemKey(edge)}>{props.item(edge)}</li>
        ))}
      </List>
      <div class="list-footer">
        {props.total !== undefined && (
          <span class="muted">
            {edges.length.toLocaleString('en')} of {props.total.toLocaleString('en')} shown
          </span>
        )}
        {last.pageInfo.hasNextPage && (
          <button type="button" class="secondary" onClick={loadMore} disabled={loading}>
            {loading ? 'Loading…' : `More ${props.noun}`}
          </button>
        )}
      </div>
      {error && (
        <p class="inline-error" role="alert">
          Could not load more {props.noun}: {error}
        </p>
      )}
    </>
  );
}
