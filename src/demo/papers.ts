/** Papers: when, in which field, by whom, where, about what. */
import { at, chance, intBetween, pick, pickIndexWeighted, pickWeighted, type Rng, shuffled, zipf } from './random';
import { seedPaper } from './seed-paper';
import { drawAbstract, drawTitleWords, TITLE_TEMPLATES, titleFrom } from './titles';
import { FIRST_YEAR, GENERAL_KEYWORDS, GENERAL_VENUES, LAST_YEAR, TOPICS, type Topic, topicAt } from './topics';
import { indexOf, relatedTopics, type World } from './world';

/** Authors per paper, 1 to 6: two to four is the common case. */
const AUTHOR_COUNT_WEIGHTS = [10, 22, 25, 20, 13, 10];

export interface PlannedPaper {
  number: number;
  year: number;
  publicationDate: string;
  topic: number;
  group: number;
  authors: number[];
  venue: number;
  title: string;
  keywords: string[];
  abstract: string;
  doi: string | null;
}

/** Paper volume grows by about 7.5% a year, as scholarly output does. */
function yearWeight(year: number): number {
  return Math.exp(0.075 * (year - FIRST_YEAR));
}

/** A field's share in a year: nothing before it starts, then a ramp up to its full weight. */
function topicWeight(topic: Topic, year: number): number {
  if (year < topic.since) return 0;
  return topic.weight * Math.min(1, (year - topic.since + 1) / topic.rampYears);
}

function drawDates(rng: Rng, count: number): Array<{ year: number; dayOfYear: number }> {
  const years = Array.from({ length: LAST_YEAR - FIRST_YEAR + 1 }, (_, index) => FIRST_YEAR + index);
  const weights = years.map(yearWeight);
  const dates = Array.from({ length: count }, () => ({
    year: at(years, pickIndexWeighted(rng, weights)),
    dayOfYear: intBetween(rng, 0, 364),
  }));
  return dates.sort((a, b) => a.year - b.year || a.dayOfYear - b.dayOfYear);
}

function isoDate(year: number, dayOfYear: number): string {
  return new Date(Date.UTC(year, 0, 1 + dayOfYear)).toISOString().slice(0, 10);
}

/** A group of the field active that year, the productive ones more often; else the nearest in time. */
function drawGroup(rng: Rng, world: World, topic: number, year: number): number {
  const ofTopic = world.groups.flatMap((group, index) => (group.topic === topic ? [index] : []));
  if (ofTopic.length === 0)
    return pickIndexWeighted(
      rng,
      world.groups.map((group) => group.productivity),
    );
  const active = ofTopic.filter((index) => {
    const group = at(world.groups, index);
    return group.start <= year && year <= group.end;
  });
  if (active.length > 0) return pickWeighted(rng, active, (index) => at(world.groups, index).productivity);
  const distance = (index: number) => {
    const group = at(world.groups, index);
    return Math.max(group.start - year, year - group.end, 0);
  };
  const nearest = Math.min(...ofTopic.map(distance));
  return pick(
    rng,
    ofTopic.filter((index) => distance(index) === nearest),
  );
}

/** Mostly the group's own members, sometimes one collaborator from another group of the field. */
function drawAuthors(rng: Rng, world: World, groupIndex: number): number[] {
  const group = at(world.groups, groupIndex);
  const wanted = 1 + pickIndexWeighted(rng, AUTHOR_COUNT_WEIGHTS);
  const chosen = shuffled(rng, group.members).slice(0, wanted);
  const colleagues = world.groups.filter((other, index) => index !== groupIndex && other.topic === group.topic);
  // Bounded: a field with few other authors may not have enough to fill the list.
  for (let attempt = 0; colleagues.length > 0 && attempt < 20; attempt++) {
    if (chosen.length >= wanted && (chosen.length >= 6 || !chance(rng, 0.12))) break;
    const outsider = pick(rng, pick(rng, colleagues).members);
    if (!chosen.includes(outsider)) chosen.push(outsider);
  }
  // The group's head (its first member) usually signs last, as lab heads do.
  const head = group.members[0];
  const headAt = head === undefined ? -1 : chosen.indexOf(head);
  if (headAt >= 0 && chosen.length > 1 && chance(rng, 0.7)) chosen.push(...chosen.splice(headAt, 1));
  return chosen;
}

/** The field's own venues most of the time, a related field's or a general venue otherwise. */
function drawVenue(rng: Rng, world: World, topic: number): number {
  const candidates: Array<{ name: string; weight: number }> = [
    ...topicAt(topic).venues.map((name, rank) => ({ name, weight: [6, 3, 2][rank] ?? 1 })),
    ...relatedTopics(world, topic).flatMap((related) =>
      topicAt(related).venues.map((name) => ({ name, weight: 0.25 })),
    ),
    ...GENERAL_VENUES.map((name) => ({ name, weight: 0.8 })),
  ];
  return indexOf(world.venueIndex, pickWeighted(rng, candidates, (candidate) => candidate.weight).name);
}

/** 3–6 distinct keywords, mostly the field's popular ones, so keywords co-occur within a field. */
function drawKeywords(rng: Rng, world: World, topic: number): string[] {
  const wanted = intBetween(rng, 3, 6);
  const keywords: string[] = [];
  const related = relatedTopics(world, topic);
  for (let attempt = 0; keywords.length < wanted && attempt < 50; attempt++) {
    const roll = rng();
    let keyword: string;
    if (roll < 0.05) keyword = pick(rng, GENERAL_KEYWORDS);
    else {
      const pool = roll < 0.18 && related.length > 0 ? topicAt(pick(rng, related)).keywords : topicAt(topic).keywords;
      keyword = pickWeighted(rng, pool, (_, rank) => zipf(rank, 0.8));
    }
    if (!keywords.some((known) => known.toLowerCase() === keyword.toLowerCase())) keywords.push(keyword);
  }
  return keywords;
}

export function planPapers(rng: Rng, world: World, count: number): PlannedPaper[] {
  const titles = new Set<string>([seedPaper.title.toLowerCase()]);
  return drawDates(rng, count).map(({ year, dayOfYear }, index) => {
    const number = index + 1;
    const topic = pickIndexWeighted(
      rng,
      TOPICS.map((t) => topicWeight(t, year)),
    );
    const group = drawGroup(rng, world, topic, year);
    let words = drawTitleWords(rng, topicAt(topic));
    let title = titleFrom(rng, words, TITLE_TEMPLATES);
    for (let attempt = 0; titles.has(title.toLowerCase()) && attempt < 30; attempt++) {
      words = drawTitleWords(rng, topicAt(topic));
      title = titleFrom(rng, words, TITLE_TEMPLATES);
    }
    if (titles.has(title.toLowerCase())) title = `${title}: part ${number}`;
    titles.add(title.toLowerCase());
    return {
      number,
      year,
      publicationDate: isoDate(year, dayOfYear),
      topic,
      group,
      authors: drawAuthors(rng, world, group),
      venue: drawVenue(rng, world, topic),
      title,
      keywords: drawKeywords(rng, world, topic),
      abstract: drawAbstract(rng, topicAt(topic), words),
      doi: chance(rng, 0.7) ? `10.5555/citeql.demo.${number}` : null,
    };
  });
}
