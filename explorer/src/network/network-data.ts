/** The PaperNetwork document's answer, and how a node looks: its size by citations, its colour by year. */

export type NetworkDirection = 'BOTH' | 'REFERENCES' | 'CITATIONS';

export interface NetworkPaper {
  id: string;
  title: string;
  year: number | null;
  citationCount: number;
}

export interface CitationNetwork {
  nodeCount: number;
  truncated: boolean;
  nodes: { depth: number; paper: NetworkPaper }[];
  edges: { source: string; target: string }[];
}

export interface PaperNetworkData {
  paper: { id: string; citationNetwork: CitationNetwork } | null;
}

/** Colour of a paper whose year is unknown. */
export const NO_YEAR_COLOUR = '#9a9aa2';

/** The years a network spans (null when no node has one). */
export function yearRange(network: CitationNetwork): { from: number; to: number } | null {
  const years = network.nodes.map((node) => node.paper.year).filter((year): year is number => year !== null);
  return years.length === 0 ? null : { from: Math.min(...years), to: Math.max(...years) };
}

/** Oldest blue to newest orange, through purple (readable on white, apart for most colour vision). */
export function yearColour(year: number | null, range: { from: number; to: number } | null): string {
  if (year === null || range === null) return NO_YEAR_COLOUR;
  const share = range.to === range.from ? 1 : (year - range.from) / (range.to - range.from);
  const hue = 220 + share * 170; // 220 (blue) … 390 = 30 (orange)
  // Comma syntax: cytoscape.js reads only that form of hsl().
  return `hsl(${Math.round(hue % 360)}, 75%, 45%)`;
}

/** Diameter in pixels: grows with the logarithm of citations, so a hub does not hide the rest. */
export function nodeDiameter(citationCount: number): number {
  return Math.round(12 + 7 * Math.log2(1 + citationCount));
}
