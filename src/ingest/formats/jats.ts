/**
 * JATS XML (Crossref's abstracts: `<jats:p>`, `<jats:sec>`, `<jats:title>`, inline `<jats:italic>`)
 * to plain text: one line per paragraph or section title, inline markup dropped, entities decoded, and
 * a leading "Abstract" heading left out (it names the field, it is not part of it).
 */
import { decodeEntities } from './common';

/** Elements that start a new line of the plain text. */
const BLOCK = /^(p|title|sec|abstract|list|list-item|label|caption|disp-quote|def-item|boxed-text)$/i;

export function jatsToText(xml: string | null): string | null {
  if (xml === null) return null;
  const lines: string[] = [];
  let current = '';
  const flush = () => {
    const line = decodeEntities(current).replace(/\s+/g, ' ').trim();
    if (line !== '') lines.push(line);
    current = '';
  };
  // Tags, with or without a namespace prefix (`jats:p`, `p`); text between them is kept.
  for (const part of xml.split(/(<[^>]*>)/)) {
    const tag = /^<\/?\s*(?:[\w-]+:)?([\w-]+)[^>]*>$/.exec(part);
    if (tag) {
      if (BLOCK.test(tag[1] ?? '')) flush();
      else if (/^(break|br)$/i.test(tag[1] ?? '')) current += ' ';
      continue;
    }
    current += part;
  }
  flush();
  if (lines.length > 1 && /^abstract[.:]?$/i.test(lines[0] ?? '')) lines.shift();
  const plain = lines.join('\n');
  return plain === '' ? null : plain;
}
