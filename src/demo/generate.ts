/**
 * The demo corpus: a deterministic generator of a realistic-looking scholarly graph, so `npm start`
 * has papers, authors, institutions, venues, keywords and a citation network to show on a machine
 * without the real data folder.
 *
 * Realistic here means the shapes the API's relations are about: a few papers collect most citations
 * (preferential attachment), papers cite their own field and recent work, keywords co-occur within a
 * field, authors publish with a stable group and sometimes move, about one reference in ten points
 * outside the corpus, and a handful of recent papers cite the seed paper (`seed-paper.ts`), so its
 * node page has citing, co-cited and coupled literature.
 *
 * Everything comes from one seeded PRNG consumed in a fixed order: the same options always give the
 * same records (no Math.random, no clock, no module state). All names, ids and venues are made up;
 * DOIs use 10.5555, the prefix reserved for examples.
 */
import { type ExternalIdRef, makeExternalId } from '../ids';
import type { AuthorshipRecord, InstitutionRecord, ReferenceRecord, VenueRecord, WorkRecord } from '../ingest/record';
import { seedPaper } from './seed-paper';

const DEFAULT_PAPERS = 1500;
const DEFAULT_SEED = 42;
const FIRST_YEAR = 1990;
const LAST_YEAR = 2025;
const AUTHOR_COUNT = 600;
const SEED_CITERS = 15;
const SEED_CITERS_FROM_YEAR = 2018;

const DATABASES = {
  journals: 'CiteQL Demo Journals Database',
  proceedings: 'CiteQL Demo Conference Proceedings',
  preprints: 'CiteQL Demo Preprints',
  books: 'CiteQL Demo Books',
} as const;

// -------------------------------------------------------------------------------------------------
// Randomness

type Rng = () => number;

/** mulberry32: a tiny 32-bit PRNG, plenty for fake data and identical on every JS engine. */
function mulberry32(seed: number): Rng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `items[index]`, or a thrown error instead of `undefined`. */
function at<T>(items: readonly T[], index: number): T {
  const item = items[index];
  if (item === undefined) throw new RangeError(`index ${index} is outside a list of ${items.length}`);
  return item;
}

function pick<T>(rng: Rng, items: readonly T[]): T {
  if (items.length === 0) throw new RangeError('cannot pick from an empty list');
  return at(items, Math.floor(rng() * items.length));
}

/** An integer in [min, max], both included. */
function intBetween(rng: Rng, min: number, max: number): number {
  return min + Math.floor(rng() * (max - min + 1));
}

function chance(rng: Rng, probability: number): boolean {
  return rng() < probability;
}

/** An index drawn with probability proportional to its weight; zero weights are never drawn. */
function pickIndexWeighted(rng: Rng, weights: readonly number[]): number {
  let total = 0;
  for (const weight of weights) total += weight;
  if (!(total > 0)) throw new RangeError('cannot pick: no positive weight');
  let remaining = rng() * total;
  let last = -1;
  for (let index = 0; index < weights.length; index++) {
    const weight = weights[index] ?? 0;
    if (weight <= 0) continue;
    last = index;
    remaining -= weight;
    if (remaining < 0) return index;
  }
  return last; // floating-point rounding left a sliver: the last positive weight takes it
}

function pickWeighted<T>(rng: Rng, items: readonly T[], weightOf: (item: T, index: number) => number): T {
  return at(items, pickIndexWeighted(rng, items.map(weightOf)));
}

/** A shuffled copy (Fisher–Yates). */
function shuffled<T>(rng: Rng, items: readonly T[]): T[] {
  const copy = [...items];
  for (let index = copy.length - 1; index > 0; index--) {
    const other = Math.floor(rng() * (index + 1));
    const item = at(copy, index);
    copy[index] = at(copy, other);
    copy[other] = item;
  }
  return copy;
}

/** A standard normal draw (Box–Muller). */
function normal(rng: Rng): number {
  const u = 1 - rng(); // (0, 1]: log(0) is never taken
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}

/** Zipf-like weights for a ranked list: the first items are used far more than the last. */
function zipf(rank: number, exponent = 0.9): number {
  return 1 / (rank + 1) ** exponent;
}

// -------------------------------------------------------------------------------------------------
// Identifiers

function idRef(namespace: string, value: string): ExternalIdRef {
  const ref = makeExternalId(namespace, value);
  if (!ref) throw new Error(`cannot build a ${namespace} id from "${value}"`);
  return ref;
}

function demoPaperId(paperNumber: number): ExternalIdRef {
  return idRef('demo', `P${String(paperNumber).padStart(6, '0')}`);
}

function digits(rng: Rng, count: number): string {
  let text = '';
  for (let index = 0; index < count; index++) text += String(Math.floor(rng() * 10));
  return text;
}

/**
 * An ORCID iD with a correct ISO 7064 11,2 check character. It is drawn below 0000-0001-5000-0007,
 * the first iD ORCID ever issued, so it can never be a real researcher's iD.
 */
function fakeOrcid(rng: Rng): string {
  const base = `00000001${intBetween(rng, 0, 4)}${digits(rng, 6)}`;
  let total = 0;
  for (const digit of base) total = (total + Number(digit)) * 2;
  const check = (12 - (total % 11)) % 11;
  const all = base + (check === 10 ? 'X' : String(check));
  return `${all.slice(0, 4)}-${all.slice(4, 8)}-${all.slice(8, 12)}-${all.slice(12)}`;
}

/** An ISSN with a correct check digit; drawn again when the check would be "X", to keep NNNN-NNNN. */
function fakeIssn(rng: Rng): string {
  for (;;) {
    const base = digits(rng, 7);
    let sum = 0;
    for (let index = 0; index < 7; index++) sum += Number(base.charAt(index)) * (8 - index);
    const check = (11 - (sum % 11)) % 11;
    if (check === 10) continue;
    return `${base.slice(0, 4)}-${base.slice(4)}${check}`;
  }
}

const CROCKFORD = '0123456789abcdefghjkmnpqrstvwxyz';

/** A ROR id shaped like real ones: "0", six Crockford base-32 characters, a mod 97-10 checksum. */
function fakeRor(rng: Rng): string {
  const value = Math.floor(rng() * 32 ** 6);
  let body = '';
  for (let rest = value, index = 0; index < 6; index++, rest = Math.floor(rest / 32)) {
    body = CROCKFORD.charAt(rest % 32) + body;
  }
  const checksum = String(98 - ((value * 100) % 97)).padStart(2, '0');
  return `0${body}${checksum}`;
}

// -------------------------------------------------------------------------------------------------
// Vocabulary: the fields, their words and their venues

interface Topic {
  key: string;
  /** First year the field appears (the Belt and Road Initiative was announced in late 2013). */
  since: number;
  /** Share of papers once established, and the years a new field takes to get there. */
  weight: number;
  rampYears: number;
  /** Noun adjuncts that read after "a ... approach", "with ...", "a ... perspective". */
  methods: readonly string[];
  problems: readonly string[];
  /** Noun phrases that read after "for", "in" and "from". */
  contexts: readonly string[];
  evidence: readonly string[];
  /** Most used first: keyword popularity follows the order, so the first ones co-occur a lot. */
  keywords: readonly string[];
  /** VENUES names where the field mostly publishes, most used first. */
  venues: readonly string[];
  /** Journals for references outside the corpus. */
  externalVenues: readonly string[];
  /** Fields it cites, borrows keywords from and publishes with now and then. */
  related: readonly string[];
  /** Countries whose institutions host most of the field's groups; empty means anywhere. */
  countries: readonly string[];
}

const TOPICS: readonly Topic[] = [
  {
    key: 'citation-analysis',
    since: 1990,
    weight: 1,
    rampYears: 1,
    methods: [
      'co-citation',
      'bibliographic coupling',
      'citation-context',
      'main-path',
      'network-centrality',
      'citation-function',
      'graph-based',
    ],
    problems: [
      'research front detection',
      'citation intent classification',
      'knowledge flow tracing',
      'citation recommendation',
      'self-citation measurement',
      'scientific impact forecasting',
      'reference disambiguation',
    ],
    contexts: [
      'large bibliographic databases',
      'the computational linguistics literature',
      'multidisciplinary journals',
      'Chinese-language scholarship',
      'open citation indexes',
      'patent-to-paper citations',
      'early-career researchers',
    ],
    evidence: [
      'a network of 2.1 million citation links',
      'the reference lists of 18,000 papers',
      'three decades of journal articles',
      'an open citation index',
      '3,000 manually annotated citation contexts',
    ],
    keywords: [
      'citation analysis',
      'citation networks',
      'co-citation',
      'bibliographic coupling',
      'citation context',
      'citation intent',
      'knowledge flows',
      'research fronts',
      'main path analysis',
      'reference lists',
      'citation recommendation',
      'self-citation',
    ],
    venues: [
      'Journal of Citation Studies',
      'International Conference on Citation Analysis and Indexing',
      'Citation Network Letters',
    ],
    externalVenues: ['Annals of Documentation', 'Science Mapping Quarterly'],
    related: ['bibliometrics', 'information-retrieval'],
    countries: [],
  },
  {
    key: 'machine-translation',
    since: 1990,
    weight: 1.2,
    rampYears: 1,
    methods: [
      'phrase-based',
      'neural',
      'attention-based',
      'transformer',
      'back-translation',
      'multilingual',
      'example-based',
      'syntax-aware',
    ],
    problems: [
      'word alignment',
      'domain adaptation',
      'low-resource translation',
      'quality estimation',
      'document-level translation',
      'terminology consistency',
      'fast decoding',
      'evaluation metric design',
    ],
    contexts: [
      'low-resource language pairs',
      'patent documents',
      'news commentary',
      'spoken language',
      'biomedical abstracts',
      'Chinese–English translation',
      'user-generated content',
    ],
    evidence: [
      'shared-task news test sets',
      'a 12-million-sentence parallel corpus',
      'six language pairs',
      'judgements from professional translators',
      'a new Chinese–English benchmark',
    ],
    keywords: [
      'machine translation',
      'neural machine translation',
      'statistical machine translation',
      'word alignment',
      'BLEU',
      'parallel corpora',
      'domain adaptation',
      'low-resource languages',
      'attention mechanism',
      'quality estimation',
      'back-translation',
      'multilingual models',
    ],
    venues: [
      'Workshop on Translation Technology',
      'Journal of Machine Translation Research',
      'Transactions on Multilingual Language Processing',
    ],
    externalVenues: ['Computational Linguistics Review', 'Language Resources Quarterly'],
    related: ['information-retrieval'],
    countries: [],
  },
  {
    key: 'graph-neural-networks',
    since: 2009,
    weight: 1.8,
    rampYears: 10,
    methods: [
      'message-passing',
      'graph attention',
      'spectral convolution',
      'graph transformer',
      'contrastive pretraining',
      'neighbourhood sampling',
      'hypergraph',
    ],
    problems: [
      'node classification',
      'link prediction',
      'graph classification',
      'molecular property prediction',
      'over-smoothing',
      'learning under heterophily',
      'graph anomaly detection',
    ],
    contexts: [
      'large sparse graphs',
      'citation networks',
      'knowledge graphs',
      'dynamic graphs',
      'heterogeneous information networks',
      'molecular graphs',
      'social networks',
    ],
    evidence: [
      'three citation-network benchmarks',
      'a graph with 110 million edges',
      'twelve public graph benchmarks',
      'an open graph benchmark suite',
    ],
    keywords: [
      'graph neural networks',
      'deep learning',
      'message passing',
      'graph convolution',
      'node classification',
      'link prediction',
      'graph attention',
      'representation learning',
      'knowledge graphs',
      'over-smoothing',
      'graph transformers',
      'self-supervised learning',
    ],
    venues: [
      'Conference on Learning with Graphs',
      'Journal of Graph Representation Learning',
      'Symposium on Relational Machine Learning',
    ],
    externalVenues: ['Neural Computation Letters', 'Annals of Graph Theory'],
    related: ['protein-folding', 'citation-analysis', 'information-retrieval'],
    countries: [],
  },
  {
    key: 'belt-and-road',
    since: 2014,
    weight: 1,
    rampYears: 4,
    methods: [
      'gravity-model',
      'difference-in-differences',
      'input–output',
      'panel-data',
      'case-study',
      'computable general equilibrium',
      'spatial econometric',
    ],
    problems: [
      'trade facilitation',
      'infrastructure financing',
      'outward direct investment',
      'regional cooperation',
      'port connectivity',
      'debt sustainability',
      'policy coordination',
      'industrial capacity cooperation',
    ],
    contexts: [
      'countries along the route',
      'Central Asian economies',
      'the China–Europe Railway Express',
      'Southeast Asian ports',
      'the China–Pakistan Economic Corridor',
      'East African infrastructure projects',
      'China’s border provinces',
    ],
    evidence: [
      'a panel of 64 countries along the route',
      'customs data for 2010–2022',
      'provincial statistics',
      'interviews with 40 project managers',
      'firm-level investment records',
    ],
    // The seed paper's own keywords are here, so its keyword nodes link to generated papers too.
    keywords: [
      'the Belt and Road Initiative',
      'international regional cooperation',
      'policy innovation',
      'trade facilitation',
      'outward FDI',
      'infrastructure investment',
      'economic corridors',
      'connectivity',
      'secondary core area construction',
      'AIIB',
      'debt sustainability',
      'geopolitical risk',
      'China–Europe Railway Express',
    ],
    venues: [
      'Journal of Belt and Road Studies',
      'Eurasian Economic Cooperation Review',
      'Forum on Regional Development and Connectivity',
    ],
    externalVenues: ['Review of Development Economics Studies', 'Asian Economic Policy Papers'],
    related: [],
    countries: ['CN'],
  },
  {
    key: 'protein-folding',
    since: 1990,
    weight: 0.9,
    rampYears: 1,
    methods: [
      'molecular dynamics',
      'coevolution-based',
      'deep-learning',
      'Monte Carlo',
      'coarse-grained',
      'template-based',
      'energy-landscape',
    ],
    problems: [
      'structure prediction',
      'folding pathway inference',
      'contact map prediction',
      'misfolding detection',
      'loop modelling',
      'stability estimation',
      'side-chain packing',
    ],
    contexts: [
      'small globular proteins',
      'membrane proteins',
      'intrinsically disordered regions',
      'multi-domain proteins',
      'designed mini-proteins',
      'antibody loops',
    ],
    evidence: [
      'blind prediction targets',
      'a benchmark of 500 solved structures',
      'long molecular dynamics trajectories',
      'deep mutational scanning data',
    ],
    keywords: [
      'protein folding',
      'protein structure prediction',
      'molecular dynamics',
      'contact maps',
      'coevolution',
      'energy landscapes',
      'deep learning',
      'misfolding',
      'coarse-grained models',
      'intrinsically disordered proteins',
      'side-chain packing',
      'protein design',
    ],
    venues: [
      'Journal of Computational Protein Science',
      'Biomolecular Modelling Letters',
      'Protein Structure Prediction Symposium',
    ],
    externalVenues: ['Annals of Structural Biology', 'Biophysical Theory Reports'],
    related: ['graph-neural-networks'],
    countries: [],
  },
  {
    key: 'climate-modelling',
    since: 1990,
    weight: 1,
    rampYears: 1,
    methods: [
      'ensemble',
      'statistical downscaling',
      'data assimilation',
      'emulator-based',
      'high-resolution',
      'coupled-model',
      'bias-correction',
    ],
    problems: [
      'precipitation projection',
      'extreme heat attribution',
      'sea-ice forecasting',
      'cloud feedback estimation',
      'monsoon variability',
      'carbon cycle uncertainty',
      'drought risk assessment',
    ],
    contexts: [
      'regional climate projections',
      'the North Atlantic',
      'East Asian monsoon regions',
      'the Arctic',
      'coastal cities',
      'semi-arid croplands',
    ],
    evidence: [
      'a 40-member ensemble',
      'multi-model simulation output',
      'station records from 1950 onwards',
      'reanalysis data',
    ],
    keywords: [
      'climate modelling',
      'climate projections',
      'uncertainty quantification',
      'downscaling',
      'data assimilation',
      'ensemble forecasting',
      'extreme events',
      'sea ice',
      'cloud feedback',
      'earth system models',
      'precipitation',
      'climate attribution',
    ],
    venues: [
      'Journal of Climate Model Development',
      'Earth System Simulation Letters',
      'Workshop on Regional Climate Downscaling',
    ],
    externalVenues: ['Annals of Atmospheric Physics', 'Geophysical Methods Review'],
    related: [],
    countries: ['DE', 'GB', 'US'],
  },
  {
    key: 'information-retrieval',
    since: 1990,
    weight: 1.2,
    rampYears: 1,
    methods: [
      'probabilistic',
      'learning-to-rank',
      'dense-retrieval',
      'query-expansion',
      'language-model',
      'click-model',
      'hybrid lexical–neural',
    ],
    problems: [
      'ad hoc retrieval',
      'query reformulation',
      'passage ranking',
      'retrieval evaluation',
      'federated search',
      'scholarly search',
      'relevance feedback',
    ],
    contexts: [
      'web-scale collections',
      'scholarly literature search',
      'enterprise search',
      'multilingual document collections',
      'conversational search systems',
      'e-commerce catalogues',
    ],
    evidence: [
      'shared-task test collections',
      'a query log of 8 million sessions',
      'a large passage-ranking benchmark',
      'a new scholarly search benchmark',
    ],
    keywords: [
      'information retrieval',
      'ranking',
      'evaluation',
      'learning to rank',
      'query expansion',
      'relevance feedback',
      'dense retrieval',
      'test collections',
      'BM25',
      'search engines',
      'recommender systems',
      'text mining',
    ],
    venues: [
      'Conference on Research in Information Retrieval',
      'Journal of Search and Retrieval',
      'Workshop on Evaluation of Retrieval Systems',
    ],
    externalVenues: ['Information Processing Review', 'Annals of Documentation'],
    related: ['machine-translation', 'citation-analysis'],
    countries: [],
  },
  {
    key: 'bibliometrics',
    since: 1990,
    weight: 0.9,
    rampYears: 1,
    methods: [
      'indicator-based',
      'altmetric',
      'author-disambiguation',
      'science-mapping',
      'field-normalized',
      'collaboration-network',
      'percentile-based',
    ],
    problems: [
      'research evaluation',
      'journal ranking',
      'collaboration measurement',
      'h-index variants',
      'gender gaps in authorship',
      'funding impact assessment',
      'open access effects',
    ],
    contexts: [
      'national research systems',
      'university rankings',
      'the social sciences',
      'Chinese universities',
      'Web of Science records',
      'funded research programmes',
    ],
    evidence: [
      '6,000 Web of Science records',
      'all publications of 60 universities',
      'a decade of indexed journal records',
      'funding acknowledgements in 90,000 papers',
    ],
    keywords: [
      'bibliometrics',
      'scientometrics',
      'research evaluation',
      'h-index',
      'co-authorship networks',
      'journal impact factor',
      'altmetrics',
      'science mapping',
      'open access',
      'author name disambiguation',
      'university rankings',
      'research collaboration',
    ],
    venues: ['Journal of Bibliometric Research', 'Research Evaluation Review', 'Symposium on Research Indicators'],
    externalVenues: ['Science Mapping Quarterly', 'Annals of Documentation'],
    related: ['citation-analysis', 'information-retrieval'],
    countries: [],
  },
];

/** Venues of no one field: every field publishes there now and then. */
const GENERAL_VENUES = ['Open Research Letters'];

/** Every venue: 24 field venues plus the general one. Journals mostly have an ISSN. */
const VENUES: ReadonlyArray<{ name: string; type: 'journal' | 'conference'; issn: boolean }> = [
  { name: 'Journal of Citation Studies', type: 'journal', issn: true },
  { name: 'International Conference on Citation Analysis and Indexing', type: 'conference', issn: false },
  { name: 'Citation Network Letters', type: 'journal', issn: false },
  { name: 'Workshop on Translation Technology', type: 'conference', issn: false },
  { name: 'Journal of Machine Translation Research', type: 'journal', issn: true },
  { name: 'Transactions on Multilingual Language Processing', type: 'journal', issn: true },
  { name: 'Conference on Learning with Graphs', type: 'conference', issn: false },
  { name: 'Journal of Graph Representation Learning', type: 'journal', issn: true },
  { name: 'Symposium on Relational Machine Learning', type: 'conference', issn: false },
  { name: 'Journal of Belt and Road Studies', type: 'journal', issn: true },
  { name: 'Eurasian Economic Cooperation Review', type: 'journal', issn: true },
  { name: 'Forum on Regional Development and Connectivity', type: 'conference', issn: false },
  { name: 'Journal of Computational Protein Science', type: 'journal', issn: true },
  { name: 'Biomolecular Modelling Letters', type: 'journal', issn: false },
  { name: 'Protein Structure Prediction Symposium', type: 'conference', issn: false },
  { name: 'Journal of Climate Model Development', type: 'journal', issn: true },
  { name: 'Earth System Simulation Letters', type: 'journal', issn: true },
  { name: 'Workshop on Regional Climate Downscaling', type: 'conference', issn: false },
  { name: 'Conference on Research in Information Retrieval', type: 'conference', issn: false },
  { name: 'Journal of Search and Retrieval', type: 'journal', issn: true },
  { name: 'Workshop on Evaluation of Retrieval Systems', type: 'conference', issn: false },
  { name: 'Journal of Bibliometric Research', type: 'journal', issn: true },
  { name: 'Research Evaluation Review', type: 'journal', issn: true },
  { name: 'Symposium on Research Indicators', type: 'conference', issn: false },
  { name: 'Open Research Letters', type: 'journal', issn: true },
];

/** Keywords of no one field, used now and then by any paper. */
const GENERAL_KEYWORDS = [
  'open data',
  'reproducibility',
  'network analysis',
  'text mining',
  'policy evaluation',
  'machine learning',
];

const BOOK_PUBLISHERS = [
  'Northbridge University Press',
  'Kingsbridge Academic Publishers',
  'Meridian Scholarly Press',
  'Harbour & Vale',
];

const CLAIMS = [
  'accounts for temporal effects',
  'scales to large collections',
  'needs little labelled data',
  'separates structural from topical signals',
  'is robust to noisy metadata',
  'makes its assumptions explicit',
  'can be computed incrementally',
];

const FINDINGS = [
  'consistent gains over strong baselines',
  'a robust and significant effect',
  'that the benefits grow with the amount of data',
  'clear differences between early and recent periods',
  'that simple baselines remain competitive',
  'large differences across subgroups',
];

/** Invented place names with their country: the institutions are named after them. */
const PLACES: ReadonlyArray<readonly [name: string, country: string]> = [
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

/** Authors per paper, 1 to 6: two to four is the common case. */
const AUTHOR_COUNT_WEIGHTS = [10, 22, 25, 20, 13, 10];

// -------------------------------------------------------------------------------------------------
// The world: institutions, venues, authors and their groups, works outside the corpus

interface Institution {
  name: string;
  ror: string;
  country: string;
  type: string;
}

interface Venue {
  name: string;
  type: 'journal' | 'conference';
  issn: string | null;
}

interface PersonName {
  given: string;
  /** A middle initial, only added to keep two authors from sharing a name. */
  middle: string | null;
  family: string;
}

interface Author {
  name: PersonName;
  orcid: string | null;
  /** Where the author works from a year on; sorted by `since`. The first one has since = 0. */
  affiliations: Array<{ since: number; institution: number }>;
}

/** A research group: authors who mostly publish together, in one field, over some years. */
interface Group {
  topic: number;
  members: number[];
  start: number;
  end: number;
  /** Heavy-tailed: a few groups write most papers. */
  productivity: number;
}

/** A work outside the corpus: a reference to it stays unresolved. */
interface ExternalWork {
  kind: 'book' | 'article';
  authors: PersonName[];
  title: string;
  year: number;
  venue: string;
  doi: string | null;
}

interface World {
  topicIndex: ReadonlyMap<string, number>;
  institutions: Institution[];
  venues: Venue[];
  venueIndex: ReadonlyMap<string, number>;
  authors: Author[];
  groups: Group[];
  /** By topic, most cited first. */
  externalWorks: ExternalWork[][];
}

function indexOf(map: ReadonlyMap<string, number>, key: string): number {
  const index = map.get(key);
  if (index === undefined) throw new Error(`unknown key "${key}"`);
  return index;
}

function topicAt(index: number): Topic {
  return at(TOPICS, index);
}

function relatedTopics(world: World, topic: number): number[] {
  return topicAt(topic).related.map((key) => indexOf(world.topicIndex, key));
}

function buildInstitutions(rng: Rng): Institution[] {
  const rors = new Set<string>();
  return PLACES.map(([place, country]) => {
    const pattern = pickWeighted(rng, INSTITUTION_PATTERNS, (p) => p.weight);
    let ror = fakeRor(rng);
    while (rors.has(ror)) ror = fakeRor(rng);
    rors.add(ror);
    return { name: pattern.name(place), ror, country, type: pattern.type };
  });
}

function buildVenues(rng: Rng): Venue[] {
  return VENUES.map((venue) => ({ name: venue.name, type: venue.type, issn: venue.issn ? fakeIssn(rng) : null }));
}

function fullName(name: PersonName): string {
  return name.middle === null ? `${name.given} ${name.family}` : `${name.given} ${name.middle}. ${name.family}`;
}

function drawName(rng: Rng, country: string): PersonName {
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

function buildAuthorsAndGroups(rng: Rng, institutions: readonly Institution[]): { authors: Author[]; groups: Group[] } {
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

function institutionInYear(author: Author, year: number): number {
  let current = at(author.affiliations, 0).institution;
  for (const affiliation of author.affiliations) if (affiliation.since <= year) current = affiliation.institution;
  return current;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "a" or "an" before a word, by its sound for the words used here. */
function article(word: string): string {
  return /^[aeiou]/i.test(word) && !/^(uni|use|usu|eu|one)/i.test(word) ? 'an' : 'a';
}

interface TitleWords {
  method: string;
  problem: string;
  context: string;
}

const TITLE_TEMPLATES: ReadonlyArray<(words: TitleWords) => string> = [
  ({ method, problem, context }) => `${article(method)} ${method} approach to ${problem} for ${context}`,
  ({ method, problem, context }) => `${method} methods for ${problem}: evidence from ${context}`,
  ({ problem, context }) => `Rethinking ${problem} in ${context}`,
  ({ method, problem }) => `Revisiting ${problem} with ${method} methods`,
  ({ method, problem, context }) => `${problem} in ${context}: ${article(method)} ${method} perspective`,
  ({ method, problem, context }) => `What ${method} analysis reveals about ${problem} in ${context}`,
];

const BOOK_TITLE_TEMPLATES: ReadonlyArray<(words: TitleWords) => string> = [
  ({ problem }) => `Foundations of ${problem}`,
  ({ problem }) => `${problem}: theory and practice`,
  ({ problem }) => `Handbook of ${problem}`,
  ({ method, context }) => `${method} methods for ${context}`,
];

function drawTitleWords(rng: Rng, topic: Topic): TitleWords {
  return { method: pick(rng, topic.methods), problem: pick(rng, topic.problems), context: pick(rng, topic.contexts) };
}

function drawTitle(rng: Rng, topic: Topic, templates: ReadonlyArray<(words: TitleWords) => string>): string {
  return titleFrom(rng, drawTitleWords(rng, topic), templates);
}

function titleFrom(rng: Rng, words: TitleWords, templates: ReadonlyArray<(words: TitleWords) => string>): string {
  return capitalize(pick(rng, templates)(words));
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

function buildWorld(rng: Rng): World {
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

// -------------------------------------------------------------------------------------------------
// Papers: when, in which field, by whom, where, about what

interface PlannedPaper {
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

/** Two or three sentences on the title's own method, problem and context. */
function drawAbstract(rng: Rng, topic: Topic, { method, problem, context }: TitleWords): string {
  const opening = pick(rng, [
    `${capitalize(problem)} remains a central question for ${context}.`,
    `We study ${problem} in ${context}.`,
    `This paper examines ${problem} for ${context}.`,
  ]);
  const proposal = `We propose ${article(method)} ${method} framework that ${pick(rng, CLAIMS)}.`;
  const result = pick(rng, [
    `Evidence from ${pick(rng, topic.evidence)} shows ${pick(rng, FINDINGS)}.`,
    `Using ${pick(rng, topic.evidence)}, we find ${pick(rng, FINDINGS)}.`,
  ]);
  return (chance(rng, 0.6) ? [opening, proposal, result] : [opening, result]).join(' ');
}

function planPapers(rng: Rng, world: World, count: number): PlannedPaper[] {
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

// -------------------------------------------------------------------------------------------------
// Citations: who cites whom

type PlannedReference =
  | { kind: 'paper'; paper: number; database: string }
  | { kind: 'external'; work: ExternalWork }
  | { kind: 'seed' };

/** Reference-list length: log-normal around 18, kept within 5–40. */
function drawReferenceCount(rng: Rng): number {
  return Math.max(5, Math.min(40, Math.round(Math.exp(Math.log(18) + 0.45 * normal(rng)))));
}

/** How close two fields are, [citing][cited]: own field 1, a related one 0.1, any other 0.002. */
function affinityMatrix(world: World): number[][] {
  return TOPICS.map((_, citing) =>
    TOPICS.map((__, cited) => (citing === cited ? 1 : relatedTopics(world, citing).includes(cited) ? 0.1 : 0.002)),
  );
}

/**
 * Up to `count` distinct indices, each draw proportional to the remaining weights. Keeps a running
 * total, so a draw is one pass over the weights. Zeroes the weights it draws.
 */
function drawDistinct(rng: Rng, weights: number[], count: number): number[] {
  let total = 0;
  for (const weight of weights) total += weight;
  const drawn: number[] = [];
  while (drawn.length < count && total > 1e-12) {
    let remaining = rng() * total;
    let chosen = -1;
    for (let index = 0; index < weights.length; index++) {
      const weight = weights[index] ?? 0;
      if (weight <= 0) continue;
      chosen = index;
      remaining -= weight;
      if (remaining < 0) break;
    }
    if (chosen < 0) break;
    total -= weights[chosen] ?? 0;
    weights[chosen] = 0;
    drawn.push(chosen);
  }
  return drawn;
}

/** ~15 recent papers, Belt and Road ones first, that will cite the seed paper. */
function chooseSeedCiters(rng: Rng, world: World, papers: readonly PlannedPaper[]): Set<number> {
  const bri = indexOf(world.topicIndex, 'belt-and-road');
  const eligible = papers.flatMap((paper, index) => (paper.year >= SEED_CITERS_FROM_YEAR ? [index] : []));
  const chosen = new Set<number>();
  while (chosen.size < Math.min(SEED_CITERS, eligible.length)) {
    chosen.add(
      pickWeighted(rng, eligible, (index) => (chosen.has(index) ? 0 : at(papers, index).topic === bri ? 1 : 0.002)),
    );
  }
  return chosen;
}

/** Where a reference to a corpus paper was indexed: by its venue, or as the preprint it also was. */
function databaseOf(rng: Rng, world: World, paper: PlannedPaper): string {
  if (paper.year >= 1995 && chance(rng, 0.12)) return DATABASES.preprints;
  return at(world.venues, paper.venue).type === 'conference' ? DATABASES.proceedings : DATABASES.journals;
}

/** Works outside the corpus, published by `year`, mostly of the paper's field, classics more often. */
function drawExternal(rng: Rng, world: World, paper: PlannedPaper, used: Set<ExternalWork>): ExternalWork | null {
  const related = relatedTopics(world, paper.topic);
  const topic = related.length > 0 && chance(rng, 0.15) ? pick(rng, related) : paper.topic;
  const works = at(world.externalWorks, topic);
  const weights = works.map((work, rank) => (work.year <= paper.year && !used.has(work) ? zipf(rank) : 0));
  if (!weights.some((weight) => weight > 0)) return null;
  const work = at(works, pickIndexWeighted(rng, weights));
  used.add(work);
  return work;
}

function planReferences(rng: Rng, world: World, papers: readonly PlannedPaper[]): PlannedReference[][] {
  const citedCount = papers.map(() => 0);
  // Intrinsic appeal (log-normal): without it the oldest papers would take every top spot, since
  // preferential attachment alone rewards being early.
  const fitness = papers.map(() => Math.exp(0.5 * normal(rng)));
  const affinity = affinityMatrix(world);
  const seedCiters = chooseSeedCiters(rng, world, papers);
  const earlierSeedCiters: number[] = [];
  return papers.map((paper, index) => {
    const wanted = drawReferenceCount(rng) - (seedCiters.has(index) ? 1 : 0);
    let wantedExternal = 0;
    for (let slot = 0; slot < wanted; slot++) if (chance(rng, 0.07)) wantedExternal++;

    // Preferential attachment: weight ∝ (citations so far + 1), times the paper's appeal, field
    // affinity, an ageing factor (recent work is cited more) and a self-citation boost for the
    // paper's own group. Candidates are the papers before this one: never later years, never itself.
    const closenessTo = at(affinity, paper.topic);
    const weights: number[] = [];
    let reachable = 0; // how many papers this one could plausibly cite, by field closeness
    for (let candidate = 0; candidate < index; candidate++) {
      const other = at(papers, candidate);
      const closeness = at(closenessTo, other.topic);
      const ageing = Math.exp(-(paper.year - other.year) / 6);
      const ownGroup = other.group === paper.group ? 3 : 1;
      weights.push((at(citedCount, candidate) + 1) * at(fitness, candidate) * closeness * ageing * ownGroup);
      reachable += closeness;
    }

    const cited: number[] = [];
    // Papers citing the seed often cite each other too: the seed's citing papers form a cluster.
    if (seedCiters.has(index) && earlierSeedCiters.length > 0 && chance(rng, 0.6)) {
      const other = pick(rng, earlierSeedCiters);
      cited.push(other);
      weights[other] = 0;
    }
    // Early papers in a young field find little to cite in the corpus: the rest goes outside it.
    const inCorpus = Math.min(wanted - wantedExternal, Math.floor(reachable));
    cited.push(...drawDistinct(rng, weights, inCorpus - cited.length));

    const references: PlannedReference[] = cited.map((target) => ({
      kind: 'paper',
      paper: target,
      database: databaseOf(rng, world, at(papers, target)),
    }));
    const usedExternal = new Set<ExternalWork>();
    while (references.length < wanted) {
      const work = drawExternal(rng, world, paper, usedExternal);
      if (!work) break;
      references.push({ kind: 'external', work });
    }
    const ordered = shuffled(rng, references);
    if (seedCiters.has(index)) {
      ordered.splice(intBetween(rng, 0, ordered.length), 0, { kind: 'seed' });
      earlierSeedCiters.push(index);
    }
    for (const target of cited) citedCount[target] = at(citedCount, target) + 1;
    return ordered;
  });
}

// -------------------------------------------------------------------------------------------------
// Records

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

function workRecord(
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

/**
 * The demo corpus: `papers` works (default 1500) in publication order, the same for the same
 * options. It does not include the seed paper itself (`seedPaper`), which about 15 of them cite.
 */
export function generateDemoCorpus(options: { papers?: number; seed?: number } = {}): WorkRecord[] {
  const count = options.papers ?? DEFAULT_PAPERS;
  const seed = options.seed ?? DEFAULT_SEED;
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`papers must be a whole number ≥ 0, got ${count}`);
  if (!Number.isFinite(seed)) throw new RangeError(`seed must be a finite number, got ${seed}`);
  const rng = mulberry32(seed);
  const world = buildWorld(rng);
  const papers = planPapers(rng, world, count);
  const references = planReferences(rng, world, papers);
  return papers.map((paper, index) => workRecord(rng, world, papers, paper, at(references, index)));
}
