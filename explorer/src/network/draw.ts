/**
 * Draws a citation network with cytoscape.js (canvas, no WebGL: it draws in any browser and in
 * headless Chromium). Loaded only with a dynamic import() when the network is opened, so the paper
 * page's own JS stays small. Concentric layout: the paper in the centre, each hop one ring further.
 */
import cytoscape from 'cytoscape';
import { type CitationNetwork, nodeDiameter, yearColour, yearRange } from './network-data';

export interface DrawnNetwork {
  /** Where node `id` is drawn, in CSS pixels from the container's top left (null: not drawn). */
  nodePosition(id: string): { x: number; y: number } | null;
  destroy(): void;
}

export function drawNetwork(
  container: HTMLElement,
  network: CitationNetwork,
  rootId: string,
  onOpen: (paperId: string) => void,
): DrawnNetwork {
  const range = yearRange(network);
  const cy = cytoscape({
    container,
    elements: [
      ...network.nodes.map(({ depth, paper }) => ({
        data: {
          id: paper.id,
          label: paper.year === null ? paper.title : `${paper.title} (${paper.year})`,
          depth,
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
      concentric: (node) => 10 - Number(node.data('depth')),
      levelWidth: () => 1,
      minNodeSpacing: 6,
      animate: false,
    },
    minZoom: 0.2,
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
