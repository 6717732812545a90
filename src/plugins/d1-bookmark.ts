import type { Plugin } from 'graphql-yoga';
import { BOOKMARK_HEADER, bookmarkOf } from '../context';

/** Sends the request's D1 Sessions API bookmark back (see BOOKMARK_HEADER in src/context.ts). */
export function useD1Bookmark(): Plugin {
  return {
    onResponse({ request, response }) {
      const bookmark = bookmarkOf(request);
      if (bookmark) response.headers.set(BOOKMARK_HEADER, bookmark);
    },
  };
}
