/**
 * Institutions, authors and their research groups: who writes the demo papers, from where, with
 * whom, and when they move.
 */
import { fakeOrcid, fakeRor } from './identifiers';
import { at, chance, intBetween, pick, pickIndexWeighted, pickWeighted, type Rng } from './random';
import { FIRST_YEAR, LAST_YEAR, TOPICS, type Topic, topicAt } from './topics';

const AUTHOR_COUNT = 600;

/** Invented place names with their country: the institutions are named after them. */
export const PLACES: ReadonlyArray<readonly [name: string, country: string]> = [
  ['Eastbrook', 'US'],
  ['Millhaven', 'US'],
  ['Ashford Hills', 'US'],
  ['Lakemont', 'US'],
  ['Redwater', 'US'],
  ['Pine Harbor', 'US'],
  ['Granite Ridge', 'US'],
  ['Westfield Bay', 'US'],
  ['Silver Creek', 'US'],
  ['Northgate', 'US'],
  ['Donglin', 'CN'],
  ['Xihai', 'CN'],
  ['Nanfeng', 'CN'],
  ['Beiyuan', 'CN'],
  ['Yunshan', 'CN'],
  ['Baishui', 'CN'],
  ['Qinghe', 'CN'],
  ['Hexi', 'CN'],
  ['Taoshan', 'CN'],
  ['Lanjiang', 'CN'],
  ['Kingsbridge', 'GB'],
  ['Ashcombe', 'GB'],
  ['Wrexford', 'GB'],
  ['Marlowe', 'GB'],
  ['Thornfield', 'GB'],
  ['Harrowby', 'GB'],
  ['Falkenburg', 'DE'],
  ['Lindenau', 'DE'],
  ['Rosenthal', 'DE'],
  ['Eichstadt', 'DE'],
  ['Hohenwald', 'DE'],
  ['Brückenfeld', 'DE'],
  ['Minamioka', 'JP'],
  ['Sakuradai', 'JP'],
  ['Kitahama', 'JP'],
  ['Aozora', 'JP'],
  ['Beaurivage', 'FR'],
  ['Valmont', 'FR'],
  ['Saint-Aubin', 'FR'],
  ['Montclair', 'FR'],
  ['Suryanagar', 'IN'],
  ['Devgarh', 'IN'],
  ['Raghunathpur', 'IN'],
  ['Chandrapuri', 'IN'],
  ['Vila Serena', 'BR'],
  ['Nova Aurora', 'BR'],
  ['Porto Claro', 'BR'],
  ['Maple Bay', 'CA'],
  ['Fort Lasalle', 'CA'],
  ['Lac-Sainte-Claire', 'CA'],
  ['Oosterveld', 'NL'],
  ['Wateringen', 'NL'],
  ['Hanbit', 'KR'],
  ['Seoryeong', 'KR'],
  ['Port Ellery', 'AU'],
  ['Banksia Downs', 'AU'],
  ['Kloofspruit', 'ZA'],
  ['Umhlanga Heights', 'ZA'],
  ['Björkholm', 'SE'],
  ['Sjövik', 'SE'],
];

/** Institution name patterns and the institution type each implies. */
const INSTITUTION_PATTERNS: ReadonlyArray<{ name: (place: string) => string; type: string; weight: number }> = [
  { name: (place) => `University of ${place}`, type: 'education', weight: 4 },
  { name: (place) => `${place} University`, type: 'education', weight: 3 },
  { name: (place) => `${place} Institute of Technology`, type: 'education', weight: 2 },
  { name: (place) => `${place} Research Institute`, type: 'facility', weight: 1 },
];

interface NamePool {
  countries: readonly string[];
  given: readonly string[];
  family: readonly string[];
}

/** Name pools by region; an author mostly gets a name from the region of their first institution. */
const NAME_POOLS: readonly NamePool[] = [
  {
    countries: ['CN'],
    given: [
      'Wei',
      'Li',
      'Fang',
      'Jun',
      'Xiaoming',
      'Yan',
      'Hui',
      'Lei',
      'Jing',
      'Tao',
      'Ying',
      'Hao',
      'Min',
      'Qiang',
      'Xin',
      'Yu',
      'Guang',
      'Mei',
    ],
    family: [
      'Zhang',
      'Wang',
      'Li',
      'Liu',
      'Chen',
      'Yang',
      'Zhao',
      'Huang',
      'Zhou',
      'Wu',
      'Xu',
      'Sun',
      'Hu',
      'Zhu',
      'Gao',
      'Lin',
      'He',
      'Guo',
      'Ma',
      'Luo',
    ],
  },
  {
    countries: ['JP'],
    given: ['Haruto', 'Yui', 'Kenji', 'Aiko', 'Takumi', 'Sakura', 'Hiroshi', 'Naoko', 'Daiki', 'Emi'],
    family: ['Sato', 'Suzuki', 'Takahashi', 'Tanaka', 'Watanabe', 'Ito', 'Yamamoto', 'Nakamura', 'Kobayashi', 'Kato'],
  },
  {
    countries: ['KR'],
    given: ['Minjun', 'Seoyeon', 'Jiho', 'Hyejin', 'Dongwoo', 'Soyeon', 'Jaehyun', 'Eunji'],
    family: ['Kim', 'Lee', 'Park', 'Choi', 'Jung', 'Kang', 'Cho', 'Yoon'],
  },
  {
    countries: ['US', 'GB', 'CA', 'AU'],
    given: [
      'James',
      'Mary',
      'Robert',
      'Patricia',
      'John',
      'Jennifer',
      'Michael',
      'Linda',
      'David',
      'Elizabeth',
      'Sarah',
      'Thomas',
      'Emily',
      'Daniel',
      'Rachel',
      'Andrew',
      'Laura',
      'Matthew',
      'Hannah',
      'Christopher',
    ],
    family: [
      'Smith',
      'Johnson',
      'Brown',
      'Taylor',
      'Miller',
      'Wilson',
      'Moore',
      'Anderson',
      'Clark',
      'Walker',
      'Hall',
      'Young',
      'Wright',
      'Hughes',
      'Bennett',
      'Carter',
      'Mitchell',
      'Turner',
      'Phillips',
      'Campbell',
      'Evans',
      'Edwards',
      'Collins',
      'Stewart',
    ],
  },
  {
    countries: ['DE', 'NL', 'SE'],
    given: [
      'Lukas',
      'Anna',
      'Jonas',
      'Lena',
      'Felix',
      'Sophie',
      'Maximilian',
      'Clara',
      'Jan',
      'Sanne',
      'Lars',
      'Ingrid',
      'Erik',
      'Maja',
    ],
    family: [
      'Müller',
      'Schmidt',
      'Schneider',
      'Fischer',
      'Weber',
      'Becker',
      'Hoffmann',
      'de Vries',
      'van Dijk',
      'Bakker',
      'Andersson',
      'Lindqvist',
      'Johansson',
      'Berg',
    ],
  },
  {
    countries: ['FR', 'BR'],
    given: [
      'Camille',
      'Louis',
      'Chloé',
      'Hugo',
      'Lucía',
      'Mateo',
      'Giulia',
      'Marco',
      'Ana',
      'João',
      'Beatriz',
      'Rafael',
    ],
    family: [
      'Martin',
      'Bernard',
      'Dubois',
      'Lefèvre',
      'García',
      'Fernández',
      'Rossi',
      'Bianchi',
      'Silva',
      'Santos',
      'Oliveira',
      'Costa',
      'Moreau',
      'Romano',
    ],
  },
  {
    countries: ['IN'],
    given: ['Aarav', 'Priya', 'Rohan', 'Ananya', 'Vikram', 'Kavya', 'Arjun', 'Sneha', 'Rahul', 'Divya'],
    family: ['Sharma', 'Patel', 'Gupta', 'Iyer', 'Reddy', 'Nair', 'Singh', 'Kumar', 'Mehta', 'Rao'],
  },
  {
    countries: ['ZA'],
    given: ['Thabo', 'Naledi', 'Sipho', 'Lerato', 'Pieter', 'Annika'],
    family: ['Nkosi', 'Dlamini', 'Mokoena', 'van der Merwe', 'Botha', 'Ndlovu'],
  },
];

export interface Institution {
  name: string;
  ror: string;
  country: string;
  type: string;
}

export interface PersonName {
  given: string;
  /** A middle initial, only added to keep two authors from sharing a name. */
  middle: string | null;
  family: string;
}

export interface Author {
  name: PersonName;
  orcid: string | null;
  /** Where the author works from a year on; sorted by `since`. The first one has since = 0. */
  affiliations: Array<{ since: number; institution: number }>;
}

/** A research group: authors who mostly publish together, in one field, over some years. */
export interface Group {
  topic: number;
  members: number[];
  start: number;
  end: number;
  /** Heavy-tailed: a few groups write most papers. */
  productivity: number;
}

export function buildInstitutions(rng: Rng): Institution[] {
  const rors = new Set<string>();
  return PLACES.map(([place, country]) => {
    const pattern = pickWeighted(rng, INSTITUTION_PATTERNS, (p) => p.weight);
    let ror = fakeRor(rng);
    while (rors.has(ror)) ror = fakeRor(rng);
    rors.add(ror);
    return { name: pattern.name(place), ror, country, type: pattern.type };
  });
}

export function fullName(name: PersonName): string {
  return name.middle === null ? `${name.given} ${name.family}` : `${name.given} ${name.middle}. ${name.family}`;
}

export function drawName(rng: Rng, country: string): PersonName {
  // Most researchers carry a name from the region they work in; a quarter do not (mobility).
  const local = NAME_POOLS.find((pool) => pool.countries.includes(country));
  const pool = local && chance(rng, 0.75) ? local : pick(rng, NAME_POOLS);
  return { given: pick(rng, pool.given), middle: null, family: pick(rng, pool.family) };
}

/** A name no other author has: the writer identifies authors without an ORCID by their name. */
function drawUniqueName(rng: Rng, country: string, taken: Set<string>): PersonName {
  for (let attempt = 0; ; attempt++) {
    const drawn = drawName(rng, country);
    const name = attempt < 20 ? drawn : { ...drawn, middle: String.fromCharCode(65 + intBetween(rng, 0, 25)) };
    const key = fullName(name).toLowerCase();
    if (!taken.has(key)) {
      taken.add(key);
      return name;
    }
  }
}

/** A group's years: start dates lean late (fields grow), spans run 10 to 35 years. */
function drawGroupSpan(rng: Rng, topic: Topic): { start: number; end: number } {
  const earliest = Math.max(FIRST_YEAR - 5, topic.since - 1);
  const latest = LAST_YEAR - 3;
  const start = earliest + Math.floor((latest - earliest + 1) * Math.sqrt(rng()));
  return { start, end: Math.min(LAST_YEAR, start + intBetween(rng, 10, 35)) };
}

function drawHomeInstitution(rng: Rng, institutions: readonly Institution[], topic: Topic): number {
  const preferred = institutions.flatMap((institution, index) =>
    topic.countries.includes(institution.country) ? [index] : [],
  );
  if (preferred.length > 0 && chance(rng, 0.7)) return pick(rng, preferred);
  return intBetween(rng, 0, institutions.length - 1);
}

export function buildAuthorsAndGroups(
  rng: Rng,
  institutions: readonly Institution[],
): { authors: Author[]; groups: Group[] } {
  const authors: Author[] = [];
  const groups: Group[] = [];
  const takenNames = new Set<string>();
  const orcids = new Set<string>();
  while (authors.length < AUTHOR_COUNT) {
    const topic = pickIndexWeighted(
      rng,
      TOPICS.map((t) => t.weight),
    );
    const span = drawGroupSpan(rng, topicAt(topic));
    const home = drawHomeInstitution(rng, institutions, topicAt(topic));
    const homeCountry = at(institutions, home).country;
    const size = Math.min(intBetween(rng, 3, 8), AUTHOR_COUNT - authors.length);
    const group: Group = {
      topic,
      members: [],
      ...span,
      productivity: Math.min(20, (1 - rng()) ** -0.6),
    };
    for (let member = 0; member < size; member++) {
      // Most members work at the group's institution; some collaborate from elsewhere in the country.
      const sameCountry = institutions.flatMap((institution, index) =>
        institution.country === homeCountry ? [index] : [],
      );
      const first = chance(rng, 0.8) ? home : pick(rng, sameCountry);
      const affiliations = [{ since: 0, institution: first }];
      // Now and then an author moves, partway through the group's years.
      if (chance(rng, 0.18)) {
        const moveYear = intBetween(rng, group.start + 2, Math.max(group.start + 2, group.end));
        let next = intBetween(rng, 0, institutions.length - 1);
        if (next === first) next = (next + 1) % institutions.length;
        affiliations.push({ since: moveYear, institution: next });
      }
      let orcid: string | null = null;
      if (chance(rng, 0.15)) {
        orcid = fakeOrcid(rng);
        while (orcids.has(orcid)) orcid = fakeOrcid(rng);
        orcids.add(orcid);
      }
      group.members.push(authors.length);
      authors.push({ name: drawUniqueName(rng, homeCountry, takenNames), orcid, affiliations });
    }
    groups.push(group);
  }
  // A few authors also join a second group of the same field: the bridges of the co-author network.
  for (let author = 0; author < authors.length; author++) {
    if (!chance(rng, 0.05)) continue;
    const own = groups.find((group) => group.members.includes(author));
    const others = groups.filter((group) => group !== own && group.topic === own?.topic);
    if (others.length > 0) pick(rng, others).members.push(author);
  }
  return { authors, groups };
}

export function institutionInYear(author: Author, year: number): number {
  let current = at(author.affiliations, 0).institution;
  for (const affiliation of author.affiliations) if (affiliation.since <= year) current = affiliation.institution;
  return current;
}
