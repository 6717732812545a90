import { useEffect } from 'preact/hooks';

/** Sets the tab's title (what history and bookmarks show): "<title> · CiteQL". */
export function usePageTitle(title: string | undefined): void {
  useEffect(() => {
    document.title = title ? `${title} · CiteQL` : 'CiteQL';
  }, [title]);
}
