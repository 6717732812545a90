/** A paper as one line of a list: title (with highlights), first authors, venue, year, citations. */
import { href } from '../router';
import type { PaperItemData } from '../types';
import { Highlighted } from './highlighted';

/** Authors shown before "et al." (a byline can have hundreds). */
const AUTHORS_SHOWN = 3;

interface PaperItemProps {
  paper: PaperItemData;
  /** The search's highlights of title and abstract (src/explorer-documents.ts HIGHLIGHT markers). */
  highlight?: { title: string; abstract: string | null } | null;
}

export function PaperItem({ paper, highlight }: PaperItemProps) {
  const shown = paper.authors.slice(0, AUTHORS_SHOWN);
  return (
    <div class="paper-item">
      <a class="paper-title" href={href.paper(paper.id)}>
        {highlight ? <Highlighted text={highlight.title} /> : paper.title}
      </a>
      <p class="paper-meta">
        {shown.map(({ author }, index) => (
          <span key={author.id}>
            {index > 0 && ', '}
            <a href={href.author(author.id)}>{author.name}</a>
          </span>
        ))}
        {paper.authors.length > AUTHORS_SHOWN && ' et al.'}
        {paper.venue && (
          <>
            {shown.length > 0 && ' · '}
            <a href={href.venue(paper.venue.id)}>{paper.venue.name}</a>
          </>
        )}
        {paper.year !== null && ` · ${paper.year}`}
        {` · ${citations(paper.citationCount)}`}
      </p>
      {highlight?.abstract && (
        <p class="paper-snippet">
          <Highlighted text={highlight.abstract} clip={280} />
        </p>
      )}
    </div>
  );
}

export function citations(count: number): string {
  return count === 1 ? '1 citation' : `${count.toLocaleString('en')} citations`;
}
