/**
 * Marks the matched terms in a title or abstract, with markers the client chooses.
 *
 * Done here, not with FTS5's highlight(): the index holds CJK text as bigrams (src/search/text.ts),
 * which FTS5 would mark in the indexed form, not in the text the client sees; and the rows are
 * already loaded, so a highlight costs no D1 statement. A word is marked where a token of the text
 * (letters and digits) equals a query word, or starts with it for a prefix, case and diacritics
 * folded as the index folds them; a CJK term is marked wherever it occurs. Words after a NOT are
 * not marked.
 *
 * Escaping: with `escape: HTML` the text between markers is HTML-escaped (& < > " ') and the
 * markers are inserted as given, so `open: "<mark>"` yields safe HTML whatever the paper's text
 * holds; with `escape: NONE` (the default) the text is returned as stored.
 */
import { foldWord, type HighlightTerms } from './query';

export type HighlightEscape = 'NONE' | 'HTML';

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

/** The [start, end) spans of `text` a highlight marks, sorted and merged. */
export function matchedSpans(text: string, terms: HighlightTerms): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  if (terms.words.length > 0) {
    for (const match of text.matchAll(/[\p{L}\p{N}\p{M}]+/gu)) {
      const folded = foldWord(match[0]);
      const hit = terms.words.some((term) => (term.prefix ? folded.startsWith(term.word) : folded === term.word));
      if (hit) spans.push([match.index ?? 0, (match.index ?? 0) + match[0].length]);
    }
  }
  for (const run of terms.cjk) {
    for (let from = text.indexOf(run); from !== -1; from = text.indexOf(run, from + 1)) {
      spans.push([from, from + run.length]);
    }
  }
  spans.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: Array<[number, number]> = [];
  for (const span of spans) {
    const last = merged[merged.length - 1];
    if (last && span[0] <= last[1]) last[1] = Math.max(last[1], span[1]);
    else merged.push([span[0], span[1]]);
  }
  return merged;
}

export function highlightText(
  text: string,
  terms: HighlightTerms,
  marks: { open: string; close: string; escape: HighlightEscape },
): string {
  const escaped = marks.escape === 'HTML' ? escapeHtml : (s: string) => s;
  let out = '';
  let at = 0;
  for (const [start, end] of matchedSpans(text, terms)) {
    out += escaped(text.slice(at, start)) + marks.open + escaped(text.slice(start, end)) + marks.close;
    at = end;
  }
  return out + escaped(text.slice(at));
}
