/**
 * The paper page's citation network: closed until the person opens it, then asked for with the
 * PaperNetwork document and drawn by draw.ts, which brings the graph library with a dynamic
 * import(). Direction and depth are switchable; a legend says what sizes and colours mean; the
 * same papers are listed as links for screen readers and keyboards (the drawing is a canvas).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { Choice, hopChoices, hopsText } from '../components/paper/choice';
import { Loading } from '../components/status';
import { href, navigate } from '../router';
import { useQuery } from '../use-query';
import type { DrawnNetwork } from './draw';
import {
  type CitationNetwork,
  type NetworkDirection,
  NO_YEAR_COLOUR,
  type PaperNetworkData,
  yearColour,
  yearRange,
} from './network-data';
import './network.css';

/** Most papers drawn: enough for a readable picture, well inside the document's cost. */
const NODE_LIMIT = 150;

const DIRECTIONS: { value: NetworkDirection; label: string }[] = [
  { value: 'BOTH', label: 'References and citations' },
  { value: 'REFERENCES', label: 'References (what it cites)' },
  { value: 'CITATIONS', label: 'Citations (who cites it)' },
];

/** citationNetwork's depth: 1 to 3. */
const DEPTHS = hopChoices(3);

export function NetworkPanel({ paperId, title }: { paperId: string; title: string }) {
  const [open, setOpen] = useState(false);
  const [direction, setDirection] = useState<NetworkDirection>('BOTH');
  const [depth, setDepth] = useState(1);
  return (
    <section class="paper-section network" aria-labelledby="network-heading">
      <h2 id="network-heading">Citation network</h2>
      <p class="about">
        The papers around this one, linked by citations (an arrow points from the citing paper to the cited one).
      </p>
      {open ? (
        <div id="network-body">
          <div class="network-controls">
            <Choice label="Direction" value={direction} options={DIRECTIONS} onChange={setDirection} />
            <Choice label="Depth" value={depth} options={DEPTHS} onChange={setDepth} />
          </div>
          <NetworkView paperId={paperId} title={title} direction={direction} depth={depth} />
        </div>
      ) : (
        <button type="button" aria-controls="network-body" aria-expanded="false" onClick={() => setOpen(true)}>
          Show the citation network
        </button>
      )}
    </section>
  );
}

function NetworkView(props: { paperId: string; title: string; direction: NetworkDirection; depth: number }) {
  const state = useQuery<PaperNetworkData>('PaperNetwork', {
    id: props.paperId,
    direction: props.direction,
    depth: props.depth,
    limit: NODE_LIMIT,
  });
  if (state.status === 'loading') return <Loading what="the citation network" />;
  if (state.status === 'failed') {
    return (
      <p class="network-failed" role="alert">
        The network could not be loaded: {state.error.message}
        {state.error.code && ` (${state.error.code})`}
      </p>
    );
  }
  const network = state.data.paper?.citationNetwork;
  if (!network) return <p class="muted">This paper is no longer in CiteQL.</p>;
  return (
    <>
      <p class="network-summary" role="status">
        {network.nodes.length} papers and {network.edges.length} citations
        {network.truncated && (
          <strong class="truncated">
            {' '}
            — truncated: {network.nodes.length} of the {network.nodeCount} papers within {hopsText(props.depth)} are
            drawn, the closest first
          </strong>
        )}
      </p>
      <NetworkDrawing network={network} rootId={props.paperId} />
      <Legend network={network} />
      <NetworkList network={network} title={props.title} />
    </>
  );
}

function NetworkDrawing({ network, rootId }: { network: CitationNetwork; rootId: string }) {
  const container = useRef<HTMLDivElement>(null);
  const [failure, setFailure] = useState<string | null>(null);
  useEffect(() => {
    let drawn: DrawnNetwork | undefined;
    let cancelled = false;
    import('./draw').then(
      ({ drawNetwork }) => {
        const element = container.current;
        if (cancelled || !element) return;
        drawn = drawNetwork(element, network, rootId, (paperId) => navigate(href.paper(paperId)));
        // For tests and the browser console: where each paper is drawn.
        Object.assign(element, { citeqlNetwork: drawn });
        element.dataset.drawn = 'true';
      },
      () =>
        setFailure(
          'The drawing could not be loaded (the connection may have dropped); the list below has the same papers.',
        ),
    );
    return () => {
      cancelled = true;
      drawn?.destroy();
    };
  }, [network, rootId]);
  return failure ? <p role="alert">{failure}</p> : <div ref={container} class="network-canvas" aria-hidden="true" />;
}

function Legend({ network }: { network: CitationNetwork }) {
  const range = yearRange(network);
  const steps = range ? [0, 0.25, 0.5, 0.75, 1].map((share) => range.from + share * (range.to - range.from)) : [];
  return (
    <div class="network-legend">
      {range && (
        <span class="legend-item">
          <span>{range.from}</span>
          <span
            class="legend-ramp"
            style={{
              background: `linear-gradient(to right, ${steps.map((year) => yearColour(year, range)).join(', ')})`,
            }}
          />
          <span>{range.to}</span>
          <span class="muted">colour: year</span>
        </span>
      )}
      <span class="legend-item">
        <span class="legend-dot" style={{ background: NO_YEAR_COLOUR }} /> year unknown
      </span>
      <span class="legend-item">
        <span class="legend-dot root" /> this paper
      </span>
      <span class="legend-item muted">size: citations · click a paper to open it</span>
    </div>
  );
}

/** The drawing's text alternative: every paper as a link, closest first. */
function NetworkList({ network, title }: { network: CitationNetwork; title: string }) {
  return (
    <details class="network-list">
      <summary>The {network.nodes.length} papers of the network as a list</summary>
      <ul aria-label={`Papers in the citation network of ${title}`}>
        {network.nodes.map(({ depth, paper }) => (
          <li key={paper.id}>
            <a href={href.paper(paper.id)}>{paper.title}</a>
            <span class="muted">
              {paper.year !== null && ` · ${paper.year}`} · cited {paper.citationCount}× ·{' '}
              {depth === 0 ? 'this paper' : `${hopsText(depth)} away`}
            </span>
          </li>
        ))}
      </ul>
    </details>
  );
}
