/**
 * A small History-API router: real URLs (`/paper/acl:J93-2004`) that reload and share, because the
 * Worker's assets answer every unknown path with index.html (wrangler.toml `[assets]`). Links are
 * plain `<a href>`; a document-level click handler turns same-origin clicks on explorer routes into
 * pushState navigations (modifier keys and target="_blank" keep the browser's behaviour).
 */
import { useEffect, useState } from 'preact/hooks';

export type Route =
  | { name: 'home' }
  | { name: 'search'; params: URLSearchParams }
  | { name: 'paper'; id: string }
  | { name: 'author'; id: string }
  | { name: 'institution'; id: string }
  | { name: 'keyword'; term: string }
  | { name: 'venue'; id: string }
  | { name: 'path'; from: string; to: string }
  | { name: 'notFound'; path: string };

/** Pages whose last URL segment is an id (which may itself contain `/`, as DOIs do). */
const ID_PAGES = ['paper', 'author', 'institution', 'venue'] as const;

function decodeSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

export function matchRoute(url: URL): Route {
  const path = url.pathname;
  if (path === '/') return { name: 'home' };
  if (path === '/search') return { name: 'search', params: url.searchParams };
  if (path === '/path') {
    return { name: 'path', from: url.searchParams.get('from') ?? '', to: url.searchParams.get('to') ?? '' };
  }
  const [, first, ...rest] = path.split('/');
  const value = rest.length > 0 && rest.join('/') !== '' ? decodeSegment(rest.join('/')) : undefined;
  if (value !== undefined) {
    if (first === 'keyword') return { name: 'keyword', term: value };
    for (const name of ID_PAGES) if (first === name) return { name, id: value };
  }
  return { name: 'notFound', path };
}

/** An id in a path segment: `:` and `/` stay readable (`/paper/doi:10.1000/x`), the rest is escaped. */
function pathValue(value: string): string {
  return encodeURIComponent(value).replace(/%3A/gi, ':').replace(/%2F/gi, '/');
}

/** The explorer's URLs, built in one place. */
export const href = {
  home: () => '/',
  search: (params: Record<string, string | undefined> | URLSearchParams) => {
    const query =
      params instanceof URLSearchParams
        ? params
        : new URLSearchParams(
            Object.entries(params).filter((entry): entry is [string, string] => entry[1] !== undefined),
          );
    const text = query.toString();
    return text ? `/search?${text}` : '/search';
  },
  paper: (id: string) => `/paper/${pathValue(id)}`,
  author: (id: string) => `/author/${pathValue(id)}`,
  institution: (id: string) => `/institution/${pathValue(id)}`,
  keyword: (term: string) => `/keyword/${pathValue(term)}`,
  venue: (id: string) => `/venue/${pathValue(id)}`,
  path: (from: string, to: string) => `/path?${new URLSearchParams({ from, to })}`,
};

/**
 * The lookup variables for an id from a URL: external ids always hold a `:` (`acl:J93-2004`,
 * `doi:10.1000/x`, `https://doi.org/…`), CiteQL ids never do (base64url).
 */
export function paperLookup(id: string): { id: string } | { externalId: string } {
  return id.includes(':') ? { externalId: id } : { id };
}

const NAVIGATE_EVENT = 'citeql:navigate';

/** Goes to `target` (a path with its query) without reloading, and scrolls to the top. */
export function navigate(target: string, options: { replace?: boolean } = {}): void {
  if (options.replace) history.replaceState(null, '', target);
  else history.pushState(null, '', target);
  window.scrollTo(0, 0);
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
}

/** The current location; re-renders on navigate() and on the back and forward buttons. */
export function useLocation(): URL {
  const [url, setUrl] = useState(() => new URL(location.href));
  useEffect(() => {
    const update = () => setUrl(new URL(location.href));
    window.addEventListener('popstate', update);
    window.addEventListener(NAVIGATE_EVENT, update);
    return () => {
      window.removeEventListener('popstate', update);
      window.removeEventListener(NAVIGATE_EVENT, update);
    };
  }, []);
  return url;
}

/** Client-side navigation for plain left clicks on links to explorer pages (not /graphql). */
export function interceptLinkClicks(): void {
  document.addEventListener('click', (event) => {
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const anchor = (event.target as Element | null)?.closest?.('a');
    if (!anchor || (anchor.target && anchor.target !== '_self') || anchor.hasAttribute('download')) return;
    const url = new URL(anchor.href, location.href);
    if (url.origin !== location.origin || matchRoute(url).name === 'notFound') return;
    // A link within the page (the skip link's #main): the browser scrolls and moves focus itself.
    if (url.pathname === location.pathname && url.search === location.search && url.hash) return;
    event.preventDefault();
    navigate(url.pathname + url.search + url.hash);
  });
}

/** author(id:) or author(orcid:): an ORCID iD bare, as `orcid:…` or as its URL; else a CiteQL id. */
export function authorLookup(id: string): { id: string } | { orcid: string } {
  const orcid = /^(?:orcid:|https?:\/\/orcid\.org\/)?(\d{4}-\d{4}-\d{4}-\d{3}[\dX])$/i.exec(id);
  return orcid ? { orcid: orcid[1]! } : { id };
}

/** institution(id:) or institution(ror:): `ror:…` or a ror.org URL; else a CiteQL id. */
export function institutionLookup(id: string): { id: string } | { ror: string } {
  const ror = /^(?:ror:|https?:\/\/ror\.org\/)(\w+)$/i.exec(id);
  return ror ? { ror: ror[1]! } : { id };
}

/** venue(id:) or venue(issn:): an ISSN bare or as `issn:…`; else a CiteQL id. */
export function venueLookup(id: string): { id: string } | { issn: string } {
  const issn = /^(?:issn:)?(\d{4}-\d{3}[\dX])$/i.exec(id);
  return issn ? { issn: issn[1]! } : { id };
}
