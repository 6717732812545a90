/** The shapes the paper page's documents answer (src/explorer-documents.ts: ReferenceItem, PaperPage …). */
import type { ExternalIdData, Page, PaperItemData, YearCount } from '../../types';

/** A first page, with the list's total. */
export interface Counted<Edge> extends Page<Edge> {
  totalCount: number;
}

/** `fragment ReferenceItem`: one entry of a reference list. */
export interface ReferenceItem {
  position: number;
  rawText: string | null;
  title: string | null;
  authors: string | null;
  year: number | null;
  venue: string | null;
  citedExternalId: string | null;
  citedPaper: PaperItemData | null;
}

export type PaperEdge = { node: PaperItemData };
export type ViaEdge = { viaCount: number; node: PaperItemData };
export type CountEdge = { count: number; node: PaperItemData };
export type ReferenceEdge = { node: ReferenceItem };

export interface ReferenceGroup {
  sourceDatabase: string | null;
  totalCount: number;
  references: Page<ReferenceEdge>;
}

export interface PaperDetails {
  id: string;
  title: string;
  abstract: string | null;
  year: number | null;
  publicationDate: string | null;
  doi: string | null;
  type: string | null;
  citationCount: number;
  referenceCount: number;
  venue: { id: string; name: string } | null;
  externalIds: ExternalIdData[];
  authors: {
    position: number;
    author: { id: string; name: string };
    institutions: { id: string; name: string }[];
  }[];
  keywords: { id: string; term: string }[];
  referenceGroups: ReferenceGroup[];
  citedBy: Counted<PaperEdge>;
  secondaryReferences: Counted<ViaEdge>;
  secondaryCitations: Counted<ViaEdge>;
  coCited: Counted<CountEdge>;
  coupled: Counted<CountEdge>;
  citationsByYear: YearCount[];
}

export interface PaperPageData {
  paper: PaperDetails | null;
}
