/**
 * `/path?from=…&to=…[&direction=…&hops=…]`: the citation path tool. Two papers in (picked by title
 * or given by id), the shortest chain of citations out (`citationPath`), each step a link. The ends
 * are read with `resolve` first (PathEnds), so a URL may hold CiteQL ids or external ids alike.
 */
import { useState } from 'preact/hooks';
import { usePageTitle } from '../components/page-title';
import { Choice, hopChoices, hopsText } from '../components/paper/choice';
import { PaperPicker, type PickedPaper, pickedValue } from '../components/paper/paper-picker';
import { PaperItem } from '../components/paper-item';
import { Loading } from '../components/status';
import { href, navigate } from '../router';
import type { PaperItemData } from '../types';
import { type QueryState, useQuery } from '../use-query';
import '../components/paper/paper.css';

type Direction = 'REFERENCES' | 'CITATIONS' | 'BOTH';

const DIRECTIONS: { value: Direction; label: string }[] = [
  { value: 'REFERENCES', label: 'Along references (the first cites … cites the second)' },
  { value: 'CITATIONS', label: 'Along citations (the first is cited by … is cited by the second)' },
  { value: 'BOTH', label: 'Either way' },
];

/** 1 to 6, as citationPath takes; 4 unless the URL says otherwise. */
const HOP_CHOICES = hopChoices(6);
const DEFAULT_HOPS = 4;

interface PathOptions {
  direction: Direction;
  maxHops: number;
}

function optionsOf(search: URLSearchParams): PathOptions {
  const direction = DIRECTIONS.find((option) => option.value === search.get('direction'))?.value ?? 'REFERENCES';
  const hops = Number(search.get('hops'));
  return { direction, maxHops: HOP_CHOICES.some((choice) => choice.value === hops) ? hops : DEFAULT_HOPS };
}

function pathUrl(from: string, to: string, options: PathOptions): string {
  return `${href.path(from, to)}&${new URLSearchParams({ direction: options.direction, hops: String(options.maxHops) })}`;
}

export function PathPage({ from, to }: { from: string; to: string }) {
  usePageTitle('Citation path');
  // direction and hops are this page's own URL parameters (the router gives it from and to).
  const options = optionsOf(new URLSearchParams(location.search));
  // The ends as the URL gives them (ids of any kind) read as papers: their titles fill the form
  // (a link may give one end only), their CiteQL ids ask for the path.
  const ends = useQuery<PathEndsData>('PathEnds', from || to ? { from: from || to, to: to || from } : null);
  const found = ends.status === 'done' ? ends.data.resolve : null;
  const asked = `${from}\n${to}\n${options.direction}\n${options.maxHops}\n${found !== null}`;
  return (
    <article class="path-page">
      <h1>Citation path</h1>
      <p class="muted">The shortest chain of citations that links two papers in CiteQL.</p>
      <PathForm key={asked} from={pickedOf(from, found?.[0])} to={pickedOf(to, found?.[1])} options={options} />
      {from && to && <PathResult ends={ends} options={options} />}
    </article>
  );
}

/** An end as the form shows it: the paper's title once it is known, else what the URL says. */
function pickedOf(given: string, found: ResolvedEnd | undefined): PickedPaper {
  const paper = found?.node;
  return given && paper?.id && paper.title ? { text: paper.title, paperId: paper.id } : { text: given, paperId: null };
}

function PathForm({ from, to, options }: { from: PickedPaper; to: PickedPaper; options: PathOptions }) {
  const [start, setStart] = useState(from);
  const [end, setEnd] = useState(to);
  const [direction, setDirection] = useState(options.direction);
  const [maxHops, setMaxHops] = useState(options.maxHops);
  const submit = (event: Event) => {
    event.preventDefault();
    navigate(pathUrl(pickedValue(start), pickedValue(end), { direction, maxHops }));
  };
  return (
    <form class="path-form" onSubmit={submit}>
      <PaperPicker id="path-from" label="From paper" value={start} onChange={setStart} />
      <PaperPicker id="path-to" label="To paper" value={end} onChange={setEnd} />
      <div class="path-options">
        <Choice label="Direction" value={direction} options={DIRECTIONS} onChange={setDirection} />
        <Choice label="At most" value={maxHops} options={HOP_CHOICES} onChange={setMaxHops} />
      </div>
      <p>
        <button type="submit" disabled={!pickedValue(start) || !pickedValue(end)}>
          Find the path
        </button>
      </p>
    </form>
  );
}

/** One end as `resolve` reads it: a paper (id, title), another kind of entity ({}), or the reason there is none. */
interface ResolvedEnd {
  input: string;
  reason: string | null;
  node: { id?: string; title?: string; year?: number | null } | null;
}

interface PathEndsData {
  resolve: ResolvedEnd[];
}

type PaperEnd = { id: string; title: string };

const REASONS: Record<string, string> = {
  NOT_AN_IDENTIFIER: 'is not an id CiteQL reads (a CiteQL id, acl:…, doi:…, or pick a title from the suggestions)',
  NOT_FOUND: 'names no paper in CiteQL',
};

function PathResult({ ends, options }: { ends: QueryState<PathEndsData>; options: PathOptions }) {
  if (ends.status === 'loading') return <Loading what="the two papers" />;
  if (ends.status === 'failed') return <Failure message={ends.error.message} code={ends.error.code} />;
  const problems = ends.data.resolve.filter((end) => !end.node?.id || !end.node.title);
  if (problems.length > 0) {
    return (
      <section class="path-result" aria-labelledby="path-result-heading">
        <h2 id="path-result-heading">No path to look for</h2>
        {problems.map((end) => (
          <p key={end.input} role="alert">
            “{end.input}” {REASONS[end.reason ?? ''] ?? 'is not a paper (it names another kind of entity)'}.
          </p>
        ))}
      </section>
    );
  }
  const [start, end] = ends.data.resolve.map((found) => found.node as PaperEnd) as [PaperEnd, PaperEnd];
  return <PathChain start={start} end={end} options={options} />;
}

interface CitationPathData {
  citationPath: { hops: number; links: { source: string; target: string }[]; papers: PaperItemData[] } | null;
}

function PathChain({ start, end, options }: { start: PaperEnd; end: PaperEnd; options: PathOptions }) {
  const state = useQuery<CitationPathData>('CitationPath', {
    from: start.id,
    to: end.id,
    direction: options.direction,
    maxHops: options.maxHops,
  });
  if (state.status === 'loading') return <Loading what="the citation path" />;
  if (state.status === 'failed') return <Failure message={state.error.message} code={state.error.code} />;
  const path = state.data.citationPath;
  const hops = hopsText(options.maxHops);
  return (
    <section class="path-result" aria-labelledby="path-result-heading">
      {path === null ? (
        <>
          <h2 id="path-result-heading">No path within {hops}</h2>
          <p class="no-path" role="status">
            No chain of at most {hops}{' '}
            {options.direction === 'BOTH' ? 'either way' : `along ${options.direction.toLowerCase()}`} links{' '}
            <a href={href.paper(start.id)}>{start.title}</a> to <a href={href.paper(end.id)}>{end.title}</a>.
          </p>
          <p class="muted">Try more hops, or “Either way”.</p>
        </>
      ) : (
        <>
          <h2 id="path-result-heading">{hopsText(path.hops)}</h2>
          <ol class="path-steps">
            {path.papers.map((paper, index) => {
              const link = path.links[index];
              return (
                <li key={paper.id}>
                  <PaperItem paper={paper} />
                  {link && <p class="path-link">{link.source === paper.id ? '↓ cites' : '↓ is cited by'}</p>}
                </li>
              );
            })}
          </ol>
        </>
      )}
    </section>
  );
}

function Failure({ message, code }: { message: string; code?: string }) {
  return (
    <p role="alert" class="network-failed">
      {message}
      {code && ` (${code})`}
    </p>
  );
}
