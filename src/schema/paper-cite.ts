/**
 * `Paper.cite(format)`: the paper as a BibTeX entry, a RIS record or a CSL-JSON item, written by the
 * same modules that import those formats (src/ingest/formats), so an export read back gives the same
 * record. What a citation needs (byline, institutions, keywords, identifiers, venue, references) is
 * read for every paper of the level at once: six statements, one round trip.
 */
import { builder } from '../builder';
import type { Context } from '../context';
import { authorshipsOfPapers } from '../db/author.repository';
import { referencesOfPapers } from '../db/citation.repository';
import { externalIdsOf } from '../db/external-id.repository';
import { institutionsOfAuthorships } from '../db/institution.repository';
import { keywordsOfPapers } from '../db/keyword.repository';
import type { PaperRow } from '../db/paper.repository';
import { findVenuesByIds } from '../db/venue.repository';
import { type ExternalIdRef, parseExternalId } from '../ids';
import { worksToBibtex } from '../ingest/formats/bibtex';
import { workToCsl } from '../ingest/formats/csl-json';
import { workToRis } from '../ingest/formats/ris';
import type { WorkRecord } from '../ingest/record';
import { requestLoader } from './connection';
import { wholePaperRow } from './lookups';
import { Paper } from './refs';

/** Reference entries a citation carries; longer lists are cut (CSL-JSON is the only format that holds them). */
const MAX_CITED_REFERENCES = 1_000;

/**
 * Which identifier names the record (BibTeX key, RIS ID, CSL id): the source's own first, the DOI
 * last (it has its own field). A `work:` key is never written: the importer derives it again.
 */
const KEY_NAMESPACES = [
  'openalex',
  'acl',
  's2',
  's2corpus',
  'wos',
  'cnki',
  'pmid',
  'pmcid',
  'arxiv',
  'mag',
  'demo',
  'doi',
];

const CiteFormat = builder.enumType('CiteFormat', {
  description: 'A citation format `Paper.cite` writes.',
  values: {
    BIBTEX: { description: 'A BibTeX entry (citation.js), keyed by the primary identifier.' },
    RIS: { description: 'A RIS record (TY ... ER), CRLF line ends.' },
    CSL_JSON: {
      description: "A CSL-JSON array of one item, in Crossref's dialect: author affiliations and `reference[]`.",
    },
  } as const,
});

function orderedIds(ids: ExternalIdRef[]): ExternalIdRef[] {
  const rank = (id: ExternalIdRef) => {
    const index = KEY_NAMESPACES.indexOf(id.namespace);
    return index === -1 ? KEY_NAMESPACES.length : index;
  };
  return [...ids].sort((a, b) => rank(a) - rank(b));
}

/** The records of a level's papers, read with one statement per table, all in one tick. */
async function citationRecords(ctx: Context, papers: PaperRow[]): Promise<WorkRecord[]> {
  const ids = papers.map((paper) => paper.id);
  const venueIds = [...new Set(papers.flatMap((paper) => (paper.venue_id === null ? [] : [paper.venue_id])))];
  const [authorships, institutions, keywords, externalIds, references, venues] = await Promise.all([
    authorshipsOfPapers(ctx.db, ids),
    institutionsOfAuthorships(ctx.db, ids),
    keywordsOfPapers(ctx.db, ids),
    externalIdsOf(ctx.db, 'paper', ids),
    referencesOfPapers(ctx.db, ids, { after: null, before: null, backward: false, limit: MAX_CITED_REFERENCES }),
    venueIds.length ? findVenuesByIds(ctx.db, venueIds) : Promise.resolve([]),
  ]);
  const venueById = new Map(venues.map((venue) => [venue.id, venue]));
  return papers.map((paper) => ({
    ids: orderedIds(
      externalIds
        .filter((row) => row.entity_id === paper.id)
        .map((row) => ({ key: row.key, namespace: row.namespace, value: row.value })),
    ),
    title: paper.title,
    abstract: paper.abstract,
    year: paper.year,
    publicationDate: paper.publication_date,
    doi: paper.doi,
    type: paper.type,
    language: paper.language,
    venue: (() => {
      const venue = paper.venue_id === null ? undefined : venueById.get(paper.venue_id);
      return venue ? { name: venue.name, issn: venue.issn, type: venue.type, ids: [] } : null;
    })(),
    authors: authorships
      .filter((row) => row.paper_id === paper.id)
      .map((row) => ({
        rawName: row.raw_name,
        name: row.author_name,
        orcid: row.author_orcid,
        ids: [],
        institutions: institutions
          .filter((institution) => institution.paper_id === paper.id && institution.position === row.position)
          .map((institution) => ({
            name: institution.name,
            ror: institution.ror,
            country: institution.country,
            type: institution.type,
            ids: [],
          })),
      })),
    keywords: keywords.filter((row) => row.paper_id === paper.id).map((row) => row.term),
    references: references
      .filter((row) => row.parent_id === paper.id)
      .map((row) => ({
        rawText: row.raw_text,
        sourceDatabase: row.source_database,
        target: row.cited_external_id === null ? null : parseExternalId(row.cited_external_id),
        title: row.title,
        authors: row.authors,
        year: row.year,
        venue: row.venue,
        doi: row.doi,
        volume: row.volume,
        firstPage: row.first_page,
      })),
  }));
}

builder.objectField(Paper, 'cite', (t) =>
  t.string({
    description:
      'The paper as a citation, written by the same code that imports the format: title, authors (with ' +
      'affiliations in CSL-JSON and RIS), year and date, venue, identifiers, abstract, keywords; the ' +
      'reference list in CSL-JSON (BibTeX and RIS have no place for it).',
    args: { format: t.arg({ type: CiteFormat, required: true }) },
    resolve: async (paper, args, ctx) => {
      const loader = requestLoader<PaperRow, WorkRecord>(ctx, 'Paper.cite', (papers) => citationRecords(ctx, papers));
      const work = await loader.load(await wholePaperRow(ctx, paper));
      if (args.format === 'BIBTEX') return worksToBibtex([work]);
      if (args.format === 'RIS') return workToRis(work);
      return `${JSON.stringify([workToCsl(work)], null, 2)}\n`;
    },
  }),
);
