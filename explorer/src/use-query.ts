/**
 * A page's data: runs a registered document when its variables change (the previous request is
 * aborted), and says whether it is loading, answered or failed.
 */
import { useEffect, useState } from 'preact/hooks';
import type { ExplorerDocumentName } from '../../src/explorer-documents';
import { ApiError, query, type Variables } from './api';

export type QueryState<T> = { status: 'loading' } | { status: 'done'; data: T } | { status: 'failed'; error: ApiError };

function asApiError(error: unknown): ApiError {
  return error instanceof ApiError ? error : new ApiError('http', String(error));
}

/** `variables` null: nothing to ask yet (stays loading). */
export function useQuery<T>(name: ExplorerDocumentName, variables: Variables | null): QueryState<T> {
  const key = variables === null ? null : JSON.stringify(variables);
  // Kept with the request it answers, so a page never shows the previous id's answer for a frame.
  const [answer, setAnswer] = useState<{ for: string; state: QueryState<T> } | null>(null);
  useEffect(() => {
    if (key === null) return;
    const controller = new AbortController();
    const forKey = `${name} ${key}`;
    query<T>(name, JSON.parse(key) as Variables, controller.signal).then(
      (data) => setAnswer({ for: forKey, state: { status: 'done', data } }),
      (error: unknown) => {
        if (!controller.signal.aborted)
          setAnswer({ for: forKey, state: { status: 'failed', error: asApiError(error) } });
      },
    );
    return () => controller.abort();
  }, [name, key]);
  return answer && answer.for === `${name} ${key}` ? answer.state : { status: 'loading' };
}
