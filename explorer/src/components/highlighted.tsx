/**
 * Text with the searched terms marked: the API puts them between U+E000 and U+E001
 * (src/explorer-documents.ts), which no text holds, so nothing is parsed as HTML.
 */
const OPEN = '\uE000';
const CLOSE = '\uE001';

interface HighlightedProps {
  text: string;
  /** Longer text is cut to about this many characters around the first match. */
  clip?: number;
}

function clipAroundFirstMatch(text: string, clip: number): string {
  if (text.length <= clip) return text;
  const first = Math.max(0, text.indexOf(OPEN));
  let start = Math.max(0, first - Math.floor(clip / 3));
  // Never cut inside a marked term: move the start back before an unclosed mark.
  const lastOpen = text.lastIndexOf(OPEN, start);
  if (lastOpen >= 0 && text.lastIndexOf(CLOSE, start) < lastOpen) start = lastOpen;
  let end = Math.min(text.length, start + clip);
  const nextClose = text.indexOf(CLOSE, end);
  if (text.lastIndexOf(OPEN, end) > text.lastIndexOf(CLOSE, end) && nextClose >= 0) end = nextClose + 1;
  return `${start > 0 ? '…' : ''}${text.slice(start, end)}${end < text.length ? '…' : ''}`;
}

export function Highlighted({ text, clip }: HighlightedProps) {
  const shown = clip === undefined ? text : clipAroundFirstMatch(text, clip);
  // "a\uE000b\uE001c" splits into ["a", "b\uE001c"]: after the first part, each begins marked.
  const [before, ...marked] = shown.split(OPEN);
  return (
    <>
      {before}
      {marked.map((part, index) => {
        const [term, after = ''] = part.split(CLOSE, 2);
        return (
          <span key={index}>
            <mark>{term}</mark>
            {after}
          </span>
        );
      })}
    </>
  );
}
