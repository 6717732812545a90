/**
 * The top of the paper page, laid out like CNKI's node page: title, authors with their affiliations
 * on this paper (numbered as the page numbers them), venue and year, abstract, keywords, identifiers.
 */
import { href } from '../../router';
import type { PaperDetails } from './types';

/** Institutions of the byline, each once, numbered in order of first appearance. */
function affiliations(authors: PaperDetails['authors']) {
  const numbers = new Map<string, number>();
  const institutions: { id: string; name: string }[] = [];
  for (const authorship of authors) {
    for (const institution of authorship.institutions) {
      if (numbers.has(institution.id)) continue;
      institutions.push(institution);
      numbers.set(institution.id, institutions.length);
    }
  }
  return { numbers, institutions };
}

function Byline({ authors }: { authors: PaperDetails['authors'] }) {
  if (authors.length === 0) return null;
  const { numbers, institutions } = affiliations(authors);
  const numbered = institutions.length > 1;
  return (
    <>
      <p class="byline">
        {authors.map((authorship, index) => (
          <span key={authorship.position}>
            {index > 0 && ', '}
            <a href={href.author(authorship.author.id)}>{authorship.author.name}</a>
            {numbered && authorship.institutions.length > 0 && (
              <sup>{authorship.institutions.map((institution) => numbers.get(institution.id)).join(',')}</sup>
            )}
          </span>
        ))}
      </p>
      {institutions.length > 0 && (
        <ol class={numbered ? 'affiliations numbered' : 'affiliations'}>
          {institutions.map((institution) => (
            <li key={institution.id}>
              <a href={href.institution(institution.id)}>{institution.name}</a>
            </li>
          ))}
        </ol>
      )}
    </>
  );
}

function Publication({ paper }: { paper: PaperDetails }) {
  const parts = [
    paper.venue && <a href={href.venue(paper.venue.id)}>{paper.venue.name}</a>,
    (paper.publicationDate ?? paper.year)?.toString(),
    paper.type,
  ].filter(Boolean);
  if (parts.length === 0) return null;
  return (
    <p class="publication">
      {parts.map((part, index) => (
        <span key={index}>
          {index > 0 && ' · '}
          {part}
        </span>
      ))}
    </p>
  );
}

export function PaperHead({ paper }: { paper: PaperDetails }) {
  return (
    <header class="paper-head">
      <h1>{paper.title}</h1>
      <Byline authors={paper.authors} />
      <Publication paper={paper} />
      <p class="counts">
        <a href="#references-heading">{paper.referenceCount} references</a> ·{' '}
        <a href="#cited-by-heading">cited by {paper.citationCount}</a> ·{' '}
        <a href={href.path(paper.id, '')}>Find a citation path from here</a>
      </p>
      {paper.abstract && (
        <section class="abstract" aria-labelledby="abstract-heading">
          <h2 id="abstract-heading">Abstract</h2>
          <p>{paper.abstract}</p>
        </section>
      )}
      {paper.keywords.length > 0 && (
        <p class="keywords">
          <span class="label">Keywords: </span>
          {paper.keywords.map((keyword, index) => (
            <span key={keyword.id}>
              {index > 0 && '; '}
              <a href={href.keyword(keyword.term)}>{keyword.term}</a>
            </span>
          ))}
        </p>
      )}
      {paper.externalIds.length > 0 && (
        <p class="identifiers">
          <span class="label">Identifiers: </span>
          {paper.externalIds.map((externalId, index) => {
            const text = `${externalId.namespace}:${externalId.value}`;
            return (
              <span key={text}>
                {index > 0 && ', '}
                {externalId.url ? <a href={externalId.url}>{text}</a> : text}
              </span>
            );
          })}
        </p>
      )}
    </header>
  );
}
