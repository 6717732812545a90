/** The planned papers and references as the WorkRecords every ingest format produces. */
import type { AuthorshipRecord, InstitutionRecord, ReferenceRecord, VenueRecord, WorkRecord } from '../ingest/record';
import { DATABASES, type PlannedReference } from './graph';
import { demoPaperId, idRef } from './identifiers';
import type { PlannedPaper } from './papers';
import { fullName, type Institution, institutionInYear, type PersonName } from './people';
import { at, chance, type Rng } from './random';
import { seedPaper } from './seed-paper';
import type { ExternalWork, Venue, World } from './world';

/** "Surname, F." as reference lists abbreviate authors. */
function citationName(name: PersonName): string {
  const initials = [name.given, name.middle].flatMap((part) => (part ? [`${part.charAt(0)}.`] : []));
  return `${name.family}, ${initials.join(' ')}`;
}

/** "Surname, F.; Surname, F. (2004). Title. Venue." */
function referenceText(authors: string, year: number | null, title: string, venue: string | null): string {
  return `${authors} (${year ?? 'n.d.'}). ${title}.${venue === null ? '' : ` ${venue}.`}`;
}

/** The seed's author as the page prints him ("LIU Guobin": family name first, in capitals). */
const SEED_CITATION_AUTHORS = 'Liu, G.';

function seedReference(): ReferenceRecord {
  return {
    rawText: referenceText(SEED_CITATION_AUTHORS, seedPaper.year, seedPaper.title, null),
    sourceDatabase: DATABASES.journals,
    target: { ...at(seedPaper.ids, 0) },
    title: seedPaper.title,
    authors: SEED_CITATION_AUTHORS,
    year: seedPaper.year,
    venue: null,
    doi: null,
    volume: null,
    firstPage: null,
  };
}

function paperReference(world: World, cited: PlannedPaper, database: string): ReferenceRecord {
  const authors = cited.authors.map((author) => citationName(at(world.authors, author).name)).join('; ');
  const venue = at(world.venues, cited.venue).name;
  return {
    rawText: referenceText(authors, cited.year, cited.title, venue),
    sourceDatabase: database,
    target: demoPaperId(cited.number),
    title: cited.title,
    authors,
    year: cited.year,
    venue,
    doi: cited.doi,
    volume: null,
    firstPage: null,
  };
}

function externalReference(work: ExternalWork): ReferenceRecord {
  const authors = work.authors.map(citationName).join('; ');
  return {
    rawText: referenceText(authors, work.year, work.title, work.venue),
    sourceDatabase: work.kind === 'book' ? DATABASES.books : DATABASES.journals,
    target: null,
    title: work.title,
    authors,
    year: work.year,
    venue: work.venue,
    doi: work.doi,
    volume: null,
    firstPage: null,
  };
}

function venueRecord(venue: Venue): VenueRecord {
  return { name: venue.name, issn: venue.issn, type: venue.type, ids: venue.issn ? [idRef('issn', venue.issn)] : [] };
}

function institutionRecord(institution: Institution): InstitutionRecord {
  return {
    name: institution.name,
    ror: institution.ror,
    country: institution.country,
    type: institution.type,
    ids: [idRef('ror', institution.ror)],
  };
}

function authorshipRecord(rng: Rng, world: World, authorIndex: number, year: number): AuthorshipRecord {
  const author = at(world.authors, authorIndex);
  const name = fullName(author.name);
  // Papers print names inconsistently: sometimes only the initial of the given name.
  const rawName = chance(rng, 0.15) ? `${author.name.given.charAt(0)}. ${author.name.family}` : name;
  return {
    rawName,
    name,
    orcid: author.orcid,
    ids: author.orcid ? [idRef('orcid', author.orcid)] : [],
    institutions: [institutionRecord(at(world.institutions, institutionInYear(author, year)))],
  };
}

export function workRecord(
  rng: Rng,
  world: World,
  papers: readonly PlannedPaper[],
  paper: PlannedPaper,
  references: readonly PlannedReference[],
): WorkRecord {
  const venue = at(world.venues, paper.venue);
  return {
    ids: [demoPaperId(paper.number), ...(paper.doi ? [idRef('doi', paper.doi)] : [])],
    title: paper.title,
    abstract: paper.abstract,
    year: paper.year,
    publicationDate: paper.publicationDate,
    doi: paper.doi,
    type: venue.type === 'conference' ? 'proceedings-article' : 'article',
    language: 'en',
    venue: venueRecord(venue),
    authors: paper.authors.map((author) => authorshipRecord(rng, world, author, paper.year)),
    keywords: [...paper.keywords],
    references: references.map((reference) => {
      switch (reference.kind) {
        case 'paper':
          return paperReference(world, at(papers, reference.paper), reference.database);
        case 'external':
          return externalReference(reference.work);
        case 'seed':
          return seedReference();
        default:
          return reference satisfies never;
      }
    }),
  };
}
