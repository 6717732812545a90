/** The world papers are drawn from: institutions, venues, authors and their groups, works outside the corpus. */
import { fakeIssn } from './identifiers';
import {
  type Author,
  buildAuthorsAndGroups,
  buildInstitutions,
  drawName,
  type Group,
  type Institution,
  type PersonName,
  PLACES,
} from './people';
import { chance, intBetween, pick, type Rng } from './random';
import { BOOK_TITLE_TEMPLATES, drawTitle, TITLE_TEMPLATES } from './titles';
import { LAST_YEAR, TOPICS, topicAt, VENUES } from './topics';

const BOOK_PUBLISHERS = [
  'Northbridge University Press',
  'Kingsbridge Academic Publishers',
  'Meridian Scholarly Press',
  'Harbour & Vale',
];

export interface Venue {
  name: string;
  type: 'journal' | 'conference';
  issn: string | null;
}

/** A work outside the corpus: a reference to it stays unresolved. */
export interface ExternalWork {
  kind: 'book' | 'article';
  authors: PersonName[];
  title: string;
  year: number;
  venue: string;
  doi: string | null;
}

export interface World {
  topicIndex: ReadonlyMap<string, number>;
  institutions: Institution[];
  venues: Venue[];
  venueIndex: ReadonlyMap<string, number>;
  authors: Author[];
  groups: Group[];
  /** By topic, most cited first. */
  externalWorks: ExternalWork[][];
}

export function indexOf(map: ReadonlyMap<string, number>, key: string): number {
  const index = map.get(key);
  if (index === undefined) throw new Error(`unknown key "${key}"`);
  return index;
}

export function relatedTopics(world: World, topic: number): number[] {
  return topicAt(topic).related.map((key) => indexOf(world.topicIndex, key));
}

function buildVenues(rng: Rng): Venue[] {
  return VENUES.map((venue) => ({ name: venue.name, type: venue.type, issn: venue.issn ? fakeIssn(rng) : null }));
}

/** Works outside the corpus that the field keeps citing: textbooks, classic and recent articles. */
function buildExternalWorks(rng: Rng): ExternalWork[][] {
  let doiNumber = 0;
  return TOPICS.map((topic) => {
    const works: ExternalWork[] = [];
    for (let index = 0; index < 30; index++) {
      const kind = chance(rng, 0.3) ? 'book' : 'article';
      const authors = Array.from({ length: intBetween(rng, 1, kind === 'book' ? 2 : 4) }, () =>
        drawName(rng, pick(rng, PLACES)[1]),
      );
      // Foundations predate the field's papers in the corpus; later ones appear alongside them.
      const year = intBetween(rng, Math.min(topic.since, 1995) - 30, LAST_YEAR - 1);
      const hasDoi = chance(rng, kind === 'book' ? 0.25 : 0.6);
      works.push({
        kind,
        authors,
        title: drawTitle(rng, topic, kind === 'book' ? BOOK_TITLE_TEMPLATES : TITLE_TEMPLATES),
        year,
        venue: kind === 'book' ? pick(rng, BOOK_PUBLISHERS) : pick(rng, topic.externalVenues),
        doi: hasDoi ? `10.5555/citeql.demo.ext.${++doiNumber}` : null,
      });
    }
    return works;
  });
}

export function buildWorld(rng: Rng): World {
  const institutions = buildInstitutions(rng);
  const venues = buildVenues(rng);
  const { authors, groups } = buildAuthorsAndGroups(rng, institutions);
  return {
    topicIndex: new Map(TOPICS.map((topic, index) => [topic.key, index])),
    institutions,
    venues,
    venueIndex: new Map(venues.map((venue, index) => [venue.name, index])),
    authors,
    groups,
    externalWorks: buildExternalWorks(rng),
  };
}
