/**
 * Independent reference implementation ("oracle") of CiteQL's citation relations.
 *
 * Built straight from the text of works.jsonl, with no imports from src/, so a bug
 * shared by the importer and the resolvers can't hide itself. It uses no Node APIs
 * because it runs inside workerd under vitest: the caller passes the file's text.
 *
 * "P cites X" means X is in P's referenced_works AND X is a work in the file. Each
 * (P, X) pair counts once, and self-citations are ignored.
 */
import { bump } from './collections';
import { byCountThenId, type RankedItem, ranked } from './ranking';

type Direction = 'REFERENCES' | 'CITATIONS' | 'BOTH';

interface Work {
  year: number | null;
  title: string;
  authorNames: string[];
  referenceEntries: string[];
}

/** The shape we read from each JSONL line (OpenAlex subset). */
interface RawWork {
  id: string;
  title?: string | null;
  publication_year?: number | null;
  authorships?: Array<{ author?: { display_name?: string | null } | null }> | null;
  referenced_works?: string[] | null;
}

const EMPTY: ReadonlySet<string> = new Set();

export class CitationGraph {
  /** All works, in file order. */
  readonly ids: string[];
  private readonly works = new Map<string, Work>();
  private readonly refs = new Map<string, Set<string>>();
  private readonly cits = new Map<string, Set<string>>();

  private constructor(raw: RawWork[]) {
    this.ids = raw.map((w) => w.id);
    for (const w of raw) {
      this.works.set(w.id, {
        year: w.publication_year ?? null,
        title: w.title ?? '',
        authorNames: (w.authorships ?? []).flatMap((a) => {
          const name = a.author?.display_name;
          return name == null ? [] : [name];
        }),
        referenceEntries: w.referenced_works ?? [],
      });
      this.refs.set(w.id, new Set());
      this.cits.set(w.id, new Set());
    }
    // Second pass: only now do we know which targets exist in the file.
    for (const [p, work] of this.works) {
      for (const x of work.referenceEntries) {
        if (x === p || !this.works.has(x)) continue;
        this.refs.get(p)?.add(x);
        this.cits.get(x)?.add(p);
      }
    }
  }

  static fromJsonl(text: string): CitationGraph {
    const raw: RawWork[] = [];
    for (const line of text.split('\n')) {
      if (line.trim() !== '') raw.push(JSON.parse(line) as RawWork);
    }
    return new CitationGraph(raw);
  }

  has(id: string): boolean {
    return this.works.has(id);
  }

  /** Throws on unknown ids: an oracle query for a missing work is a bug in the test. */
  private work(id: string): Work {
    const w = this.works.get(id);
    if (!w) throw new Error(`oracle: unknown work ${id}`);
    return w;
  }

  private refsOf(id: string): ReadonlySet<string> {
    return this.refs.get(id) ?? EMPTY;
  }

  private citersOf(id: string): ReadonlySet<string> {
    return this.cits.get(id) ?? EMPTY;
  }

  year(id: string): number | null {
    return this.work(id).year;
  }

  title(id: string): string {
    return this.work(id).title;
  }

  authorNames(id: string): string[] {
    return [...this.work(id).authorNames];
  }

  // Copies, so a test can't corrupt the oracle by mutating a result.
  references(id: string): Set<string> {
    this.work(id);
    return new Set(this.refsOf(id));
  }

  citers(id: string): Set<string> {
    this.work(id);
    return new Set(this.citersOf(id));
  }

  citationCount(id: string): number {
    this.work(id);
    return this.citersOf(id).size;
  }

  resolvedReferenceCount(id: string): number {
    this.work(id);
    return this.refsOf(id).size;
  }

  /** All referenced_works entries, including ones pointing outside the file. */
  referenceEntryCount(id: string): number {
    return this.work(id).referenceEntries.length;
  }

  /** R ≠ P with P → X → R; count = viaCount = number of distinct X. */
  secondaryReferences(id: string): RankedItem[] {
    this.work(id);
    const counts = new Map<string, number>();
    for (const x of this.refsOf(id)) for (const r of this.refsOf(x)) if (r !== id) bump(counts, r);
    return ranked(counts);
  }

  /** C ≠ P with C → X → P; count = viaCount = number of distinct X. */
  secondaryCitations(id: string): RankedItem[] {
    this.work(id);
    const counts = new Map<string, number>();
    for (const x of this.citersOf(id)) for (const c of this.citersOf(x)) if (c !== id) bump(counts, c);
    return ranked(counts);
  }

  /** Q ≠ P cited together with P; count = papers citing both. */
  coCited(id: string): RankedItem[] {
    this.work(id);
    const counts = new Map<string, number>();
    for (const c of this.citersOf(id)) for (const q of this.refsOf(c)) if (q !== id) bump(counts, q);
    const n = this.citersOf(id).size;
    return ranked(counts, (q, count) => count / Math.sqrt(n * this.citersOf(q).size));
  }

  /** Q ≠ P sharing references with P; count = |refs(P) ∩ refs(Q)|. */
  coupled(id: string): RankedItem[] {
    this.work(id);
    const counts = new Map<string, number>();
    for (const x of this.refsOf(id)) for (const q of this.citersOf(x)) if (q !== id) bump(counts, q);
    const n = this.refsOf(id).size;
    return ranked(counts, (q, count) => count / Math.sqrt(n * this.refsOf(q).size));
  }

  /** Citers per publication year (citers without a year skipped), year ascending. */
  citationsByYear(id: string): Array<{ year: number; count: number }> {
    this.work(id);
    const perYear = new Map<number, number>();
    for (const c of this.citersOf(id)) {
      const y = this.work(c).year;
      if (y !== null) perYear.set(y, (perYear.get(y) ?? 0) + 1);
    }
    return [...perYear].map(([year, count]) => ({ year, count })).sort((a, b) => a.year - b.year);
  }

  /**
   * Hops of a shortest from → … → to chain along cites edges, or null if none within maxHops.
   * from === to is 0 hops.
   */
  shortestPathHops(from: string, to: string, maxHops: number): number | null {
    this.work(from);
    this.work(to);
    if (from === to) return 0;
    const seen = new Set([from]);
    let frontier = [from];
    for (let hops = 1; hops <= maxHops && frontier.length > 0; hops++) {
      const next: string[] = [];
      for (const p of frontier) {
        for (const x of this.refsOf(p)) {
          if (x === to) return hops;
          if (!seen.has(x)) {
            seen.add(x);
            next.push(x);
          }
        }
      }
      frontier = next;
    }
    return null;
  }

  /**
   * True if every id exists, each consecutive pair is a cites edge, and no work repeats
   * (a path that revisits a node can never be a shortest path, so we reject it).
   */
  isCitationChain(ids: string[]): boolean {
    if (ids.length === 0 || new Set(ids).size !== ids.length) return false;
    if (!ids.every((id) => this.works.has(id))) return false;
    for (let i = 1; i < ids.length; i++) {
      const [a, b] = [ids[i - 1], ids[i]];
      if (a === undefined || b === undefined || !this.refsOf(a).has(b)) return false;
    }
    return true;
  }

  /**
   * Works within `depth` hops of P (P included), plus every cites edge with both ends
   * among them, as [citing, cited] sorted for stable comparison.
   */
  neighbourhood(
    id: string,
    depth: number,
    direction: Direction,
  ): { nodes: Set<string>; edges: Array<[string, string]> } {
    this.work(id);
    const nodes = new Set([id]);
    let frontier = [id];
    for (let d = 0; d < depth && frontier.length > 0; d++) {
      const next: string[] = [];
      for (const p of frontier) {
        const out = direction === 'CITATIONS' ? EMPTY : this.refsOf(p);
        const back = direction === 'REFERENCES' ? EMPTY : this.citersOf(p);
        for (const q of [...out, ...back]) {
          if (!nodes.has(q)) {
            nodes.add(q);
            next.push(q);
          }
        }
      }
      frontier = next;
    }
    const edges: Array<[string, string]> = [];
    for (const p of nodes) for (const x of this.refsOf(p)) if (nodes.has(x)) edges.push([p, x]);
    edges.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
    return { nodes, edges };
  }

  /** Top n ids by citationCount desc, id asc. */
  mostCited(n: number): string[] {
    return this.ids
      .map((id) => ({ id, count: this.citersOf(id).size }))
      .sort(byCountThenId)
      .slice(0, n)
      .map((w) => w.id);
  }
}
