/**
 * A user's search string -> an FTS5 MATCH expression, never passing user text to FTS5 unquoted.
 *
 * Grammar (what users type into a search box):
 *   words            machine translation     every word must occur (implicit AND)
 *   "phrase"         "machine translation"   the words next to each other, in order
 *   prefix           transl*  "neural mach"* words starting so
 *   AND OR NOT       parsing OR tagging, translation NOT statistical (upper case; lower case are words)
 *   ( )              (parsing OR tagging) AND neural
 * Precedence: NOT binds tightest, then AND (written or implied), then OR, as in FTS5.
 *
 * Every term becomes a double-quoted FTS5 string (quotes doubled), so column filters, `^`, `+`, `:`
 * and the like in user input are plain text, tokenized as the indexed text was. A stray quote runs
 * to the end of the input; anything else the grammar cannot read (a bracket not closed or not
 * opened, an operator without an operand, a query without a word) is a SearchSyntaxError, which the
 * schema answers as BAD_USER_INPUT with the message.
 */
import { CJK_RUN, cjkTokens } from './text';

export class SearchSyntaxError extends Error {
  override name = 'SearchSyntaxError';
}

/** What a highlight marks: words (with prefix flag) and CJK runs (marked as substrings). */
export interface HighlightTerms {
  words: Array<{ word: string; prefix: boolean }>;
  cjk: string[];
}

export interface ParsedSearch {
  /** The FTS5 MATCH expression. */
  match: string;
  /** The terms of the positive side of the query (not those after a NOT). */
  highlight: HighlightTerms;
}

type Token =
  | { kind: 'open' }
  | { kind: 'close' }
  | { kind: 'op'; op: 'AND' | 'OR' | 'NOT' }
  | { kind: 'term'; text: string; prefix: boolean; quoted: boolean };

type Node = { kind: 'term'; text: string; prefix: boolean } | { kind: 'AND' | 'OR' | 'NOT'; left: Node; right: Node };

function lex(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const c = input[i]!;
    if (/\s/u.test(c)) {
      i++;
    } else if (c === '(' || c === ')') {
      tokens.push(c === '(' ? { kind: 'open' } : { kind: 'close' });
      i++;
    } else if (c === '"') {
      const end = input.indexOf('"', i + 1);
      const close = end === -1 ? input.length : end;
      let next = close + 1;
      const prefix = input[next] === '*';
      if (prefix) next++;
      tokens.push({ kind: 'term', text: input.slice(i + 1, close).trim(), prefix, quoted: true });
      i = next;
    } else {
      let j = i;
      while (j < input.length && !/[\s()"]/u.test(input[j]!)) j++;
      const word = input.slice(i, j);
      i = j;
      if (word === 'AND' || word === 'OR' || word === 'NOT') tokens.push({ kind: 'op', op: word });
      else tokens.push({ kind: 'term', text: word.replace(/\*+$/u, ''), prefix: word.endsWith('*'), quoted: false });
    }
  }
  return tokens;
}

class Parser {
  private position = 0;
  constructor(private readonly tokens: Token[]) {}

  parse(): Node | null {
    if (this.tokens.length === 0) return null;
    const node = this.or();
    const rest = this.tokens[this.position];
    if (rest) throw new SearchSyntaxError(rest.kind === 'close' ? 'a ")" has no "(" before it' : 'unexpected input');
    return node;
  }

  private peek(): Token | undefined {
    return this.tokens[this.position];
  }

  private or(): Node | null {
    let left = this.and();
    while (this.peek()?.kind === 'op' && (this.peek() as { op: string }).op === 'OR') {
      this.position++;
      const right = this.and();
      left = combine('OR', left, right);
    }
    return left;
  }

  private and(): Node | null {
    let left = this.primary();
    for (;;) {
      const next = this.peek();
      if (!next || next.kind === 'close') return left;
      if (next.kind === 'op' && next.op === 'OR') return left;
      if (next.kind === 'op' && next.op === 'AND') {
        this.position++;
        if (this.peek()?.kind === 'op' && (this.peek() as { op: string }).op === 'NOT') continue;
        left = combine('AND', left, this.primary());
      } else if (next.kind === 'op' && next.op === 'NOT') {
        this.position++;
        const right = this.primary();
        if (left === null)
          throw new SearchSyntaxError('NOT needs a term before it, as in "translation NOT statistical"');
        left = right === null ? left : { kind: 'NOT', left, right };
      } else {
        left = combine('AND', left, this.primary());
      }
    }
  }

  private primary(): Node | null {
    const token = this.peek();
    if (!token) throw new SearchSyntaxError('the search ends where a term was expected (after an operator?)');
    this.position++;
    if (token.kind === 'open') {
      if (this.peek()?.kind === 'close') throw new SearchSyntaxError('"()" has nothing inside');
      const inner = this.or();
      if (this.peek()?.kind !== 'close') throw new SearchSyntaxError('a "(" is not closed by a ")"');
      this.position++;
      return inner;
    }
    if (token.kind === 'close') throw new SearchSyntaxError('a ")" has no "(" before it');
    if (token.kind === 'op') {
      throw new SearchSyntaxError(
        `${token.op} needs a term on both sides; to search for the word, write it in lower case`,
      );
    }
    return /[\p{L}\p{N}]/u.test(token.text) ? { kind: 'term', text: token.text, prefix: token.prefix } : null;
  }
}

/** A term with no searchable character (punctuation only) drops out of its operator. */
function combine(op: 'AND' | 'OR', left: Node | null, right: Node | null): Node | null {
  if (left === null) return right;
  if (right === null) return left;
  return { kind: op, left, right };
}

/** The FTS5 string of one term: CJK runs as their index tokens (src/search/text.ts), the rest as typed. */
function termExpression(text: string, prefix: boolean): string {
  const pieces: string[] = [];
  let last = 0;
  let endsWithSingleCjk = false;
  for (const match of text.matchAll(CJK_RUN)) {
    const index = match.index ?? 0;
    if (index > last) pieces.push(text.slice(last, index));
    const tokens = cjkTokens(match[0]);
    const followed = /[\p{L}\p{N}]/u.test(text.slice(index + match[0].length));
    // The final character stands alone in the index; it is part of a phrase only when text follows.
    pieces.push((followed || tokens.length === 1 ? tokens : tokens.slice(0, -1)).join(' '));
    endsWithSingleCjk = !followed && tokens.length === 1;
    last = index + match[0].length;
  }
  if (last < text.length) {
    pieces.push(text.slice(last));
    if (/[\p{L}\p{N}]/u.test(text.slice(last))) endsWithSingleCjk = false;
  }
  const quoted = `"${pieces.join(' ').replace(/"/g, '""')}"`;
  return prefix || endsWithSingleCjk ? `${quoted} *` : quoted;
}

function expression(node: Node): string {
  if (node.kind === 'term') return termExpression(node.text, node.prefix);
  return `(${expression(node.left)} ${node.kind} ${expression(node.right)})`;
}

function collectHighlight(node: Node, into: HighlightTerms): void {
  if (node.kind === 'term') {
    let rest = node.text;
    for (const match of node.text.matchAll(CJK_RUN)) into.cjk.push(match[0]);
    rest = rest.replace(CJK_RUN, ' ');
    const words = rest.match(/[\p{L}\p{N}]+/gu) ?? [];
    words.forEach((word, index) => {
      into.words.push({ word: foldWord(word), prefix: node.prefix && index === words.length - 1 });
    });
    return;
  }
  collectHighlight(node.left, into);
  if (node.kind !== 'NOT') collectHighlight(node.right, into);
}

/** Case and diacritics folded, as the index's tokenizer (unicode61 remove_diacritics 2) folds them. */
export function foldWord(word: string): string {
  return word.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

export function parseSearch(input: string): ParsedSearch {
  // Control characters are no part of a word (and a NUL ends an FTS5 string early): spaces.
  const node = new Parser(lex(input.replace(/\p{Cc}/gu, ' '))).parse();
  if (node === null) throw new SearchSyntaxError('the search has no word to look for');
  const highlight: HighlightTerms = { words: [], cjk: [] };
  collectHighlight(node, highlight);
  return { match: expression(node), highlight };
}
