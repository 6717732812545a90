/**
 * Independent reference implementation ("oracle") of CiteQL's author, institution and keyword
 * relations and of keyword similarity.
 *
 * Computed in plain TypeScript from the records handed in (the ingest records, before any writer
 * saw them), with no value imported from src/, so a bug shared by the writer and the resolvers
 * cannot hide itself. Papers are indices into the records.
 *
 * "P cites X" means a reference of P targets one of X's ids; each (P, X) pair counts once.
 */
import type { AuthorshipRecord, InstitutionRecord, WorkRecord } from '../../src/ingest/record';
import { at, bump, getOrCreate } from './collections';

/** Keywords are one node whatever their case or spacing. */
export const normTerm = (term: string) => term.toLowerCase().replace(/\s+/g, ' ').trim();

/** The writer's author identity: ORCID when known, else the name (unique in the demo corpus). */
const authorKeyOf = (authorship: AuthorshipRecord) =>
  authorship.orcid ? `orcid:${authorship.orcid.toUpperCase()}` : `name:${authorship.name}`;

/** Institutions by ROR; the seed paper's affiliation has none, so its name stands in. */
export const institutionKeyOf = (institution: { ror: string | null; name: string }) =>
  institution.ror ?? `name:${institution.name}`;

export interface AuthorFacts {
  /** The writer's identity for the author (see authorKeyOf). */
  key: string;
  name: string;
  papers: Set<number>;
  /** Institution keys on this author's authorship, per paper. */
  institutionsOn: Map<number, Set<string>>;
}

export interface InstitutionFacts {
  record: InstitutionRecord;
  papers: Set<number>;
}

export interface KeywordFacts {
  /** The term as first written in the records (any form works for lookup). */
  term: string;
  papers: Set<number>;
}

export interface ExpectedAuthorInstitution {
  name: string;
  ror: string | null;
  paperCount: number;
  firstYear: number | null;
  lastYear: number | null;
}

function minMax(values: number[]): { min: number | null; max: number | null } {
  return values.length === 0 ? { min: null, max: null } : { min: Math.min(...values), max: Math.max(...values) };
}

function byInstitutionRank(a: ExpectedAuthorInstitution, b: ExpectedAuthorInstitution): number {
  return (b.lastYear ?? -Infinity) - (a.lastYear ?? -Infinity) || b.paperCount - a.paperCount;
}

export class EntityOracle {
  /** A paper is identified by any of its ids' keys. */
  readonly paperByKey = new Map<string, number>();
  readonly authors = new Map<string, AuthorFacts>();
  readonly institutions = new Map<string, InstitutionFacts>();
  /** By normalized term. */
  readonly keywords = new Map<string, KeywordFacts>();
  /** Authors are matched to API answers by name, which only works if names are unique. */
  readonly authorByName: Map<string, AuthorFacts>;
  /** Each paper's distinct keywords, normalized. */
  readonly keywordsOf: Array<Set<string>>;
  /** Per paper: the authors and institutions on it, as keys. */
  readonly authorsOn: Array<Set<string>>;
  readonly institutionsOnPaper: Array<Set<string>>;
  private readonly citersOf: Array<Set<number>>;
  /** Keyword similarity's idf weights are over the papers that have any keyword. */
  private readonly papersWithKeywords: number;

  constructor(private readonly records: readonly WorkRecord[]) {
    records.forEach((record, paper) => {
      for (const id of record.ids) {
        const other = this.paperByKey.get(id.key);
        if (other !== undefined && other !== paper) throw new Error(`${id.key} names two records`);
        this.paperByKey.set(id.key, paper);
      }
    });

    this.citersOf = records.map(() => new Set());
    records.forEach((record, citing) => {
      for (const reference of record.references) {
        const cited = reference.target ? this.paperByKey.get(reference.target.key) : undefined;
        if (cited !== undefined) at(this.citersOf, cited).add(citing);
      }
    });

    this.keywordsOf = records.map((record) => new Set(record.keywords.map(normTerm)));
    this.authorsOn = records.map(() => new Set());
    this.institutionsOnPaper = records.map(() => new Set());
    records.forEach((record, paper) => {
      for (const authorship of record.authors) {
        const authorKey = authorKeyOf(authorship);
        const author = getOrCreate(this.authors, authorKey, () => ({
          key: authorKey,
          name: authorship.name,
          papers: new Set(),
          institutionsOn: new Map(),
        }));
        author.papers.add(paper);
        at(this.authorsOn, paper).add(authorKey);
        for (const institution of authorship.institutions) {
          const institutionKey = institutionKeyOf(institution);
          getOrCreate(author.institutionsOn, paper, () => new Set()).add(institutionKey);
          getOrCreate(this.institutions, institutionKey, () => ({ record: institution, papers: new Set() })).papers.add(
            paper,
          );
          at(this.institutionsOnPaper, paper).add(institutionKey);
        }
      }
      for (const term of record.keywords) {
        getOrCreate(this.keywords, normTerm(term), () => ({ term, papers: new Set() })).papers.add(paper);
      }
    });

    this.authorByName = new Map([...this.authors.values()].map((author) => [author.name, author]));
    if (this.authorByName.size !== this.authors.size) throw new Error('two authors share a name');
    this.papersWithKeywords = this.keywordsOf.filter((terms) => terms.size > 0).length;
  }

  /** The papers citing a paper. */
  citers(paper: number): Set<number> {
    return at(this.citersOf, paper);
  }

  citationCount(paper: number): number {
    return this.citers(paper).size;
  }

  private yearOf(paper: number): number | null {
    return at(this.records, paper).year;
  }

  nameOfAuthorKey(key: string): string {
    const author = this.authors.get(key);
    if (!author) throw new Error(`unknown author ${key}`);
    return author.name;
  }

  /**
   * The "shared papers" relation of co-authors, collaborating institutions and co-occurring keywords:
   * every other member of the subject's papers, counted once per paper they share.
   */
  sharedPaperCounts(papers: Iterable<number>, membersOf: (paper: number) => Set<string>, self: string) {
    const counts = new Map<string, number>();
    for (const paper of papers) for (const member of membersOf(paper)) if (member !== self) bump(counts, member);
    return counts;
  }

  sumCitations(papers: Iterable<number>): number {
    let total = 0;
    for (const paper of papers) total += this.citationCount(paper);
    return total;
  }

  hIndex(papers: Iterable<number>): number {
    const counts = [...papers].map((paper) => this.citationCount(paper)).sort((a, b) => b - a);
    let h = 0;
    while (h < counts.length && at(counts, h) >= h + 1) h++;
    return h;
  }

  /** An author's institutions, most recent first, then most papers: ties after that are unordered. */
  authorInstitutions(author: AuthorFacts): ExpectedAuthorInstitution[] {
    const papersAt = new Map<string, number[]>();
    for (const [paper, keys] of author.institutionsOn)
      for (const key of keys) getOrCreate(papersAt, key, () => []).push(paper);
    return [...papersAt]
      .map(([key, papers]) => {
        const record = this.institutions.get(key)?.record;
        if (!record) throw new Error(`unknown institution ${key}`);
        const years = minMax(papers.flatMap((paper) => this.yearOf(paper) ?? []));
        return {
          name: record.name,
          ror: record.ror,
          paperCount: papers.length,
          firstYear: years.min,
          lastYear: years.max,
        };
      })
      .sort(byInstitutionRank);
  }

  keywordCounts(papers: Iterable<number>): Map<string, number> {
    const counts = new Map<string, number>();
    for (const paper of papers) for (const term of at(this.keywordsOf, paper)) bump(counts, term);
    return counts;
  }

  /** Per publication year, oldest first; papers without a year last. */
  perYear(papers: Iterable<number>): Array<{ year: number | null; count: number }> {
    const counts = new Map<number | null, number>();
    for (const paper of papers) bump(counts, this.yearOf(paper));
    return [...counts]
      .map(([year, count]) => ({ year, count }))
      .sort((a, b) => (a.year ?? Infinity) - (b.year ?? Infinity));
  }

  private idf(term: string): number {
    return Math.log(this.papersWithKeywords / (this.keywords.get(term)?.papers.size ?? NaN));
  }

  /** Every Q ≠ P sharing a keyword with P: shared keywords and Σ idf over them. */
  similarTo(paper: number): Map<number, { shared: number; score: number }> {
    const similar = new Map<number, { shared: number; score: number }>();
    for (const term of at(this.keywordsOf, paper)) {
      for (const other of this.keywords.get(term)?.papers ?? []) {
        if (other === paper) continue;
        const entry = getOrCreate(similar, other, () => ({ shared: 0, score: 0 }));
        entry.shared += 1;
        entry.score += this.idf(term);
      }
    }
    return similar;
  }
}
