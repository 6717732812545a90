/**
 * Draws a citation network with cytoscape.js (canvas, no WebGL: it draws in any browser and in
 * headless Chromium). Loaded only with a dynamic import() when the network is opened, so the paper
 * page's own JS stays small. Concentric layout: the paper in the centre, each hop on rings further out.
 */
import cytoscape from 'cytoscape';
import { type CitationNetwork, nodeDiameter, yearColour, yearRange } from './network-data';

export interface DrawnNetwork {
  /** Where node `id` is drawn, in CSS pixels from the container's top left (null: not drawn). */
  nodePosition(id: string): { x: number; y: number } | null;
  destroy(): void;
}

/** Papers on the n-th ring from the centre: a ring grows with its circumference. */
const RING_CAPACITY = 14;

/**
 * The ring of each paper: the paper itself in the centre, then each hop's papers, most cited first,
 * on as many rings as they need (one ring of 300 papers would be too wide to read).
 */
function ringsOf(network: CitationNetwork): Map<string, number> {
  const rings = new Map<string, number>();
  const byDepth = [...network.nodes].sort((a, b) => a.depth - b.depth || b.paper.citationCount - a.paper.citationCount);
  let ring = 0;
  let onRing = 0;
  let depth = 0;
  for (const node of byDepth) {
    const full = onRing >= Math.max(1, ring * RING_CAPACITY);
    if (node.depth !== depth || full) {
      ring += 1;
      onRing = 0;
      depth = node.depth;
    }
    rings.set(node.paper.id, ring);
    onRing += 1;
  }
  return rings;
}

export function drawNetwork(
  container: HTMLElement,
  network: CitationNetwork,
  rootId: string,
  onOpen: (paperId: string) => void,
): DrawnNetwork {
  const range = yearRange(network);
  const rings = ringsOf(network);
  const cy = cytoscape({
    container,
    elements: [
      ...network.nodes.map(({ paper }) => ({
        data: {
          id: paper.id,
          label: paper.year === null ? paper.title : `${paper.title} (${paper.year})`,
          ring: rings.get(paper.id) ?? 0,
          size: nodeDiameter(paper.citationCount),
          colour: yearColour(paper.year, range),
        },
        classes: paper.id === rootId ? 'root' : '',
      })),
      ...network.edges.map((edge) => ({ data: { id: `${edge.source}>${edge.target}`, ...edge } })),
    ],
    style: [
      {
        selector: 'node',
        style: {
          width: 'data(size)',
          height: 'data(size)',
          'background-color': 'data(colour)',
          'border-width': 1,
          'border-color': '#fff',
        },
      },
      { selector: 'node.root', style: { 'border-width': 4, 'border-color': '#1d1d1f' } },
      {
        selector: 'node:active, node.hover',
        style: {
          label: 'data(label)',
          'font-size': 11,
          'text-wrap': 'ellipsis',
          'text-max-width': '220px',
          'text-background-color': '#fff',
          'text-background-opacity': 0.9,
        },
      },
      {
        selector: 'edge',
        style: {
          width: 1,
          opacity: 0.45,
          'line-color': '#b8b8c0',
          'target-arrow-color': '#b8b8c0',
          'target-arrow-shape': 'triangle',
          'arrow-scale': 0.7,
          'curve-style': 'straight',
        },
      },
    ],
    layout: {
      name: 'concentric',
      concentric: (node) => -Number(node.data('ring')),
      levelWidth: () => 1,
      minNodeSpacing: 6,
      animate: false,
    },
    minZoom: 0.05,
    maxZoom: 4,
    wheelSensitivity: 0.3,
  });
  cy.on('tap', 'node', (event) => onOpen(event.target.id()));
  cy.on('mouseover', 'node', (event) => {
    event.target.addClass('hover');
    container.style.cursor = 'pointer';
  });
  cy.on('mouseout', 'node', (event) => {
    event.target.removeClass('hover');
    container.style.cursor = '';
  });
  return {
    nodePosition(id) {
      const node = cy.getElementById(id);
      return node.nonempty() ? node.renderedPosition() : null;
    },
    destroy: () => cy.destroy(),
  };
}
