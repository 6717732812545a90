/** What a page shows while it waits, when the API fails, and when an id is unknown: never a blank page. */
import type { ComponentChildren } from 'preact';
import type { ExplorerDocumentName } from '../../../src/explorer-documents';
import type { ApiError, Variables } from '../api';
import { type QueryState, useQuery } from '../use-query';
import { usePageTitle } from './page-title';
import { SearchBox } from './search-box';

/** Sets the tab's title from inside a conditional branch (hooks cannot be called conditionally). */
function PageTitle({ title }: { title: string }) {
  usePageTitle(title);
  return null;
}

export function Loading({ what }: { what: string }) {
  return (
    <p class="loading" role="status">
      Loading {what}…
    </p>
  );
}

const ERROR_TITLES = {
  network: 'The API could not be reached',
  api: 'The API refused this request',
  http: 'The API answered something unexpected',
} as const;

/**
 * An API failure as a page: what happened, in words, and the API's error code when it gave one.
 * `within`: part of a page that has its own h1 (the search page), so the heading is an h2.
 */
export function ErrorPage({ error, within = false }: { error: ApiError; within?: boolean }) {
  const Heading = within ? 'h2' : 'h1';
  return (
    <section class="error-page" role="alert">
      {!within && <PageTitle title={ERROR_TITLES[error.kind]} />}
      <Heading>{ERROR_TITLES[error.kind]}</Heading>
      <p>{error.message}</p>
      {error.code && (
        <p>
          Error code: <code>{error.code}</code>
        </p>
      )}
      <p>
        <a href={location.pathname + location.search}>Try again</a> or go to the <a href="/">home page</a>.
      </p>
    </section>
  );
}

/** An unknown id or path: says what was not found, with a search box to find it another way. */
export function NotFoundPage({ what }: { what: string }) {
  usePageTitle('Not found');
  return (
    <section class="not-found">
      <h1>Not found</h1>
      <p>{what}</p>
      <SearchBox id="not-found-search" label="Search CiteQL instead" />
      <p>
        Or go to the <a href="/">home page</a>.
      </p>
    </section>
  );
}

interface QueryViewProps<T> {
  state: QueryState<T>;
  /** What is loading, for the status line ("the paper"). */
  what: string;
  /**
   * Said on a not-found page when the API refuses the id itself (BAD_USER_INPUT: not a CiteQL id,
   * not an identifier): to a person that is an unknown id, not an API failure.
   */
  badId?: string;
  /** The page has its own h1 around this view (the search page). */
  within?: boolean;
  children: (data: T) => ComponentChildren;
}

interface LookupViewProps<Data, Entity> {
  document: ExplorerDocumentName;
  variables: Variables;
  /** What is loading ("the author"). */
  what: string;
  /** Said when the API knows no such entity ("No author has the id …"). */
  unknown: string;
  /** The entity in the answer, null when unknown. */
  pick: (data: Data) => Entity | null;
  children: (entity: Entity) => ComponentChildren;
}

/** A page of one entity looked up by id: loading, API failure, not found (null or a refused id), or the entity. */
export function LookupView<Data, Entity>(props: LookupViewProps<Data, Entity>) {
  const state = useQuery<Data>(props.document, props.variables);
  return (
    <QueryView state={state} what={props.what} badId={props.unknown}>
      {(data) => {
        const entity = props.pick(data);
        return entity === null ? <NotFoundPage what={props.unknown} /> : props.children(entity);
      }}
    </QueryView>
  );
}

/** The three states of a page's request: loading, failed (ErrorPage), answered (`children`). */
export function QueryView<T>({ state, what, badId, within, children }: QueryViewProps<T>) {
  if (state.status === 'loading') return <Loading what={what} />;
  if (state.status === 'failed' && badId !== undefined && state.error.code === 'BAD_USER_INPUT') {
    return <NotFoundPage what={`${badId} The API said: ${state.error.message}`} />;
  }
  if (state.status === 'failed') return <ErrorPage error={state.error} within={within} />;
  return <>{children(state.data)}</>;
}
