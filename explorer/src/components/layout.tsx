/** Every page's frame: a skip link, the header with the search box, the page in <main>, the footer. */
import type { ComponentChildren } from 'preact';
import { SearchBox } from './search-box';

interface LayoutProps {
  /** The header's search box is left out where the page has its own (home, search). */
  headerSearch: boolean;
  children: ComponentChildren;
}

export function Layout({ headerSearch, children }: LayoutProps) {
  return (
    <>
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <header class="site-header">
        <a class="brand" href="/">
          CiteQL
        </a>
        {headerSearch && <SearchBox id="header-search" label="Search papers" hiddenLabel />}
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
      <footer class="site-footer">
        <p>
          CiteQL explorer: every page here is built from the public GraphQL API. Try it yourself in{' '}
          <a href="/graphql">GraphiQL</a>.
        </p>
      </footer>
    </>
  );
}
