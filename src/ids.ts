/**
 * External identifiers: one grammar for every namespace, shared by the importers (normalizing what a
 * source wrote) and the API (`paper(externalId:)`, `ExternalId.url`).
 *
 * `key` is what lookups compare: `namespace:value` with the value normalized the way the namespace
 * is case-insensitive (DOIs and RORs lower-case, OpenAlex ids upper-case ...). `value` is kept as the
 * source wrote it, minus any URL prefix, so the API can show it unchanged.
 */
export interface ExternalIdRef {
  key: string;
  namespace: string;
  value: string;
}

interface Namespace {
  /** Normalizes a bare value for the lookup key. */
  normalize: (value: string) => string;
  /** A resolvable URL for the value, or null when the namespace has none. */
  url: (value: string) => string | null;
}

const asIs = (value: string) => value;
const lower = (value: string) => value.toLowerCase();
const upper = (value: string) => value.toUpperCase();

export const NAMESPACES: Record<string, Namespace> = {
  doi: { normalize: lower, url: (v) => `https://doi.org/${v}` },
  openalex: { normalize: upper, url: (v) => `https://openalex.org/${v}` },
  acl: { normalize: upper, url: (v) => `https://aclanthology.org/${v}` },
  orcid: { normalize: upper, url: (v) => `https://orcid.org/${v}` },
  ror: { normalize: lower, url: (v) => `https://ror.org/${v}` },
  mag: { normalize: asIs, url: () => null },
  pmid: { normalize: asIs, url: (v) => `https://pubmed.ncbi.nlm.nih.gov/${v}` },
  pmcid: { normalize: upper, url: (v) => `https://www.ncbi.nlm.nih.gov/pmc/articles/${v}` },
  arxiv: { normalize: lower, url: (v) => `https://arxiv.org/abs/${v}` },
  s2: { normalize: lower, url: (v) => `https://www.semanticscholar.org/paper/${v}` },
  /** Semantic Scholar's corpus id: the primary key of its bulk datasets (`s2corpus:14636783`). */
  s2corpus: { normalize: asIs, url: (v) => `https://api.semanticscholar.org/CorpusId:${v}` },
  wos: { normalize: upper, url: () => null },
  cnki: { normalize: asIs, url: () => null },
  issn: { normalize: upper, url: (v) => `https://portal.issn.org/resource/ISSN/${v}` },
  /** A source's own id that is a URL of no namespace we know: kept whole so it still resolves. */
  url: { normalize: asIs, url: (v) => v },
  /**
   * A work a source gives no identifier for (many BibTeX and RIS files): its normalized title, year and
   * first author's family name, so the same work from two such files is one paper.
   */
  work: { normalize: lower, url: () => null },
  /** Demo corpus ids (`demo:P000123`). */
  demo: { normalize: upper, url: () => null },
};

/** URL prefixes that identify a namespace, most specific first. */
const URL_PATTERNS: Array<[RegExp, string]> = [
  [/^https?:\/\/(?:dx\.)?doi\.org\/(.+)$/i, 'doi'],
  [
    /^https?:\/\/(?:api\.)?openalex\.org\/(?:works\/|authors\/|institutions\/|sources\/)?([WAISPCT]\d+)\/?$/i,
    'openalex',
  ],
  [/^https?:\/\/(?:www\.)?aclanthology\.org\/([^/?#]+?)(?:\.pdf)?\/?$/i, 'acl'],
  [/^https?:\/\/orcid\.org\/([\dX-]+)\/?$/i, 'orcid'],
  [/^https?:\/\/ror\.org\/([a-z0-9]+)\/?$/i, 'ror'],
  [/^https?:\/\/arxiv\.org\/abs\/(.+?)\/?$/i, 'arxiv'],
  [/^https?:\/\/pubmed\.ncbi\.nlm\.nih\.gov\/(\d+)\/?$/i, 'pmid'],
  [/^https?:\/\/www\.semanticscholar\.org\/paper\/(?:[^/]+\/)?([0-9a-f]{40})\/?$/i, 's2'],
];

export function makeExternalId(namespace: string, value: string): ExternalIdRef | null {
  const ns = NAMESPACES[namespace];
  const trimmed = value.trim();
  if (!ns || trimmed === '') return null;
  return { key: `${namespace}:${ns.normalize(trimmed)}`, namespace, value: trimmed };
}

/** A URL path part with its %-escapes decoded; null when an escape is not UTF-8 (`%E0%A4%A`). */
function decodedUrlPart(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

/**
 * Reads an identifier as a user or a source writes it: `namespace:value`, a URL form
 * (`https://doi.org/...`, `https://aclanthology.org/P08-1001`), or a bare DOI. Null when it is none
 * of these.
 */
export function parseExternalId(input: string): ExternalIdRef | null {
  const text = input.trim();
  if (/^https?:\/\//i.test(text)) {
    for (const [pattern, namespace] of URL_PATTERNS) {
      const match = pattern.exec(text);
      if (!match?.[1]) continue;
      const value = decodedUrlPart(match[1]);
      return value === null ? null : makeExternalId(namespace, value);
    }
    return makeExternalId('url', text);
  }
  if (/^10\.\d{4,9}\//.test(text)) return makeExternalId('doi', text);
  const colon = text.indexOf(':');
  if (colon > 0) {
    const namespace = text.slice(0, colon).toLowerCase();
    if (namespace in NAMESPACES) return makeExternalId(namespace, text.slice(colon + 1));
  }
  return null;
}

/** A bare DOI from any of its written forms (`https://doi.org/10.x/y`, `doi:10.x/y`, `10.x/y`). */
export function bareDoi(input: string | null | undefined): string | null {
  if (!input) return null;
  const ref = parseExternalId(input);
  return ref?.namespace === 'doi' ? ref.value : null;
}

export function externalIdUrl(namespace: string, value: string): string | null {
  return NAMESPACES[namespace]?.url(value) ?? null;
}

/** Folds Unicode forms, case and whitespace: how names and terms are compared. */
export function normalizeText(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** The identity of a thing that has a name but no identifier (an AAN author, an unnamed venue). */
export function nameKey(name: string): string {
  return `name:${normalizeText(name)}`;
}
