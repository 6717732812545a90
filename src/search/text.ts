/**
 * The text the search index holds for CJK (Chinese, Japanese, Korean) scripts, which have no
 * spaces between words. FTS5's unicode61 tokenizer would read a whole run of ideographs as ONE
 * token, so "黄芪多糖复合酶提取" could only be found whole. Each CJK run is therefore indexed as its
 * overlapping character bigrams followed by its last character on its own:
 *
 *   黄芪多糖 -> 黄芪 芪多 多糖 糖
 *
 * A query run of n >= 2 characters is the phrase of its n-1 bigrams (consecutive bigrams overlap,
 * so the phrase matches exactly where the run is a substring: no false positives, none missed); a
 * two-character query is one bigram token; a single character is the prefix query `"糖" *`, which
 * matches every bigram starting with it and the run's final character. So every length works with
 * one index, ranked by bm25 like any other word. A trigram index (migration 0001's paper_fts) needs
 * three characters; bigrams plus the final unigram need none of that and replace it (0004).
 * Latin words around the runs are left as they are, so mixed titles ("基于BERT的机器翻译") are
 * searchable by either part.
 */
const CJK_CHAR = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Hangul}\\u3005\\u3006\\u30FC';
/** A maximal run of CJK characters. */
export const CJK_RUN = new RegExp(`[${CJK_CHAR}]+`, 'gu');

/** The tokens that stand for one CJK run: bigrams, then the last character (see above). */
export function cjkTokens(run: string): string[] {
  const chars = [...run];
  const tokens: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) tokens.push(chars[i]! + chars[i + 1]!);
  if (chars.length > 0) tokens.push(chars[chars.length - 1]!);
  return tokens;
}

/** The indexed form of a text: CJK runs replaced by their tokens, everything else unchanged. */
export function indexedText(text: string | null | undefined): string {
  if (!text) return '';
  return text.replace(CJK_RUN, (run) => ` ${cjkTokens(run).join(' ')} `);
}
