/** The explorer's entry: picks the page for the URL and renders it in the layout. */
import { render } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { Layout } from './components/layout';
import { NotFoundPage } from './components/status';
import { AuthorPage } from './pages/author';
import { HomePage } from './pages/home';
import { InstitutionPage } from './pages/institution';
import { KeywordPage } from './pages/keyword';
import { PaperPage } from './pages/paper';
import { PathPage } from './pages/path';
import { SearchPage } from './pages/search';
import { VenuePage } from './pages/venue';
import { interceptLinkClicks, matchRoute, type Route, useLocation } from './router';
import './styles.css';

function Page({ route }: { route: Route }) {
  switch (route.name) {
    case 'home':
      return <HomePage />;
    case 'search':
      return <SearchPage params={route.params} />;
    case 'paper':
      // keyed: another paper is a fresh page (its state and requests start over)
      return <PaperPage key={route.id} id={route.id} />;
    case 'author':
      return <AuthorPage key={route.id} id={route.id} />;
    case 'institution':
      return <InstitutionPage key={route.id} id={route.id} />;
    case 'keyword':
      return <KeywordPage key={route.term} term={route.term} />;
    case 'venue':
      return <VenuePage key={route.id} id={route.id} />;
    case 'path':
      return <PathPage from={route.from} to={route.to} />;
    case 'notFound':
      return <NotFoundPage what={`There is no page at ${route.path}.`} />;
  }
}

function App() {
  const url = useLocation();
  const route = matchRoute(url);
  const first = useRef(true);
  const target = url.pathname + url.search;
  // After a client-side navigation, focus moves to the new page (a screen reader reads it from there).
  useEffect(() => {
    if (first.current) first.current = false;
    else document.getElementById('main')?.focus({ preventScroll: true });
  }, [target]);
  return (
    <Layout headerSearch={route.name !== 'home' && route.name !== 'search'}>
      <Page route={route} />
    </Layout>
  );
}

interceptLinkClicks();
render(<App />, document.getElementById('app')!);
