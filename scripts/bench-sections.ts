/**
 * bench/RESULTS.md is written by two scripts: `npm run bench` (the API, needs the AAN data) writes
 * the whole file, `npm run bench:explorer` its own section between these markers. Each keeps the
 * other's part.
 */
const START = '<!-- explorer section: npm run bench:explorer -->';
const END = '<!-- end of explorer section -->';

/** The explorer section of a RESULTS.md, markers included, or '' when it has none. */
export function explorerSection(results: string): string {
  const start = results.indexOf(START);
  const end = results.indexOf(END, start);
  return start >= 0 && end >= 0 ? results.slice(start, end + END.length) : '';
}

/** `results` with its explorer section replaced by `section` (appended when it had none). */
export function withExplorerSection(results: string, section: string): string {
  const old = explorerSection(results);
  const marked = `${START}\n${section.trim()}\n${END}`;
  return old ? results.replace(old, marked) : `${results.trimEnd()}\n\n${marked}\n`;
}
