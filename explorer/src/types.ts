/** Shapes of the API's answers that several pages share (each page declares the rest next to it). */

/** A paper in a list: the `PaperItem` fragment of src/explorer-documents.ts. */
export interface PaperItemData {
  id: string;
  title: string;
  year: number | null;
  citationCount: number;
  venue: { id: string; name: string } | null;
  authors: { author: { id: string; name: string } }[];
}

export interface PageInfo {
  hasNextPage: boolean;
  endCursor: string | null;
}

/** One page of a connection: enough to show it and to ask for the next one. */
export interface Page<Edge> {
  pageInfo: PageInfo;
  edges: Edge[];
}

export interface ExternalIdData {
  namespace: string;
  value: string;
  url: string | null;
}

export interface YearCount {
  year: number | null;
  count: number;
}
