/**
 * The whole Javeriana Web of Science set (6,025 tab-delimited records, CITEQL_DATA/wos-javeriana,
 * unpacked here with `tar -xJf`): every record parsed, its fields compared with the file read
 * independently here; then imported with the CLI, and what D1 holds checked: affiliations tied to
 * the authors C1 names, references kept with their parsed parts, resolutions inside the set by rule.
 * Runs in Node (vitest.browser.config.mts): 35 MB is more than the workerd tests can be handed.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wos } from '../../src/ingest/formats/wos';
import type { WorkRecord } from '../../src/ingest/record';
import { DATA, runImport, temporaryDir, withLocalD1 } from './local-d1';

const ARCHIVE = join(DATA, 'wos-javeriana', 'scientopy_javeriana_wos.tar.xz');
if (!existsSync(ARCHIVE)) console.warn(`[citeql] ${ARCHIVE} is absent: skipping the Javeriana tests`);

const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

/** One tab-delimited file as tag -> value rows, read straight from the text. */
function tabRows(text: string): Array<Record<string, string>> {
  const [header = '', ...lines] = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const tags = header.split('\t');
  return lines
    .filter((line) => line.trim() !== '')
    .map((line) => Object.fromEntries(line.split('\t').map((value, index) => [tags[index] ?? '', value.trim()])));
}

describe.skipIf(!existsSync(ARCHIVE))('WoS Javeriana set (6,025 tab-delimited records)', () => {
  let dir = '';
  let d1Dir = '';
  let files: string[] = [];
  const rows: Array<Record<string, string>> = [];
  const works: WorkRecord[] = [];

  beforeAll(() => {
    dir = temporaryDir('citeql-javeriana-');
    d1Dir = temporaryDir('citeql-javeriana-d1-');
    execFileSync('tar', ['-xJf', ARCHIVE, '-C', dir]);
    files = readdirSync(dir)
      .sort()
      .map((name) => join(dir, name));
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      expect(wos.detect(file, text.slice(0, 65536))).toBe(true);
      const parsed = wos.parseText(text);
      expect(parsed.errors).toEqual([]);
      rows.push(...tabRows(text));
      works.push(...parsed.works);
    }
  });
  afterAll(() => {
    for (const path of [dir, d1Dir]) if (path) rmSync(path, { recursive: true, force: true });
  });

  it('parses every record, each field as the file has it', () => {
    expect(works).toHaveLength(6025);
    expect(rows).toHaveLength(6025);
    works.forEach((work, index) => {
      const row = rows[index] ?? {};
      expect(work.ids[0]?.value).toBe(row.UT);
      expect(work.title).toBe(squash(row.TI ?? ''));
      expect(work.abstract).toBe(row.AB ? squash(row.AB) : null);
      expect(work.year).toBe(row.PY ? Number(row.PY) : null);
      expect(work.authors.map((author) => author.name)).toEqual((row.AF || row.AU || '').split('; ').filter(Boolean));
      const keywords = [row.DE, row.ID].flatMap((value) => (value ? value.split('; ') : []));
      expect(work.keywords).toEqual(keywords.map(squash).filter(Boolean));
      const cited = (row.CR ?? '').split('; ').map((entry) => entry.trim());
      expect(work.references.map((reference) => reference.rawText)).toEqual(cited.filter(Boolean));
      // ORCIDs from OI go to the authors OI names; a name listed with two ORCIDs gets none.
      const listed = new Map<string, Set<string>>();
      for (const entry of (row.OI ?? '').split('; ').filter(Boolean)) {
        const [name = '', orcid = ''] = entry.replace(/;$/, '').split('/');
        const key = squash(name).toLowerCase();
        listed.set(key, (listed.get(key) ?? new Set()).add(orcid.toUpperCase()));
      }
      for (const author of work.authors) {
        const orcids = listed.get(squash(author.name).toLowerCase());
        if (orcids) expect(author.orcid).toBe(orcids.size === 1 ? [...orcids][0] : null);
      }
    });
  });

  it('keeps each reference with its parsed parts: first author, year, source, volume, page, DOI', () => {
    // Over 240,000 references: mismatches are collected and asserted once (an expect per part took ~18 s).
    const mismatches: string[] = [];
    const same = (raw: string, part: string, actual: unknown, expected: unknown) => {
      if (!Object.is(actual, expected)) mismatches.push(`${raw}: ${part} ${String(actual)}, not ${String(expected)}`);
    };
    let checked = 0;
    for (const work of works) {
      for (const reference of work.references) {
        const raw = reference.rawText ?? '';
        const parts = raw.split(', ').map((part) => part.trim());
        const volume = parts.find((part) => /^V\d+$/.test(part));
        const page = parts.find((part) => /^P\d+$/.test(part));
        const doi = /, DOI (10\.\d{4,9}\/[^\s,\]]+)$/.exec(raw)?.[1];
        // No brackets, no anonymous author (kept as none), a source after the year.
        const plain =
          !raw.includes('[') &&
          !/^anonymous$/i.test(parts[0] ?? '') &&
          /^\d{4}$/.test(parts[1] ?? '') &&
          !/^(V\d|P\d|DOI )/.test(parts[2] ?? '');
        if (plain) {
          same(raw, 'authors', reference.authors, parts[0]);
          same(raw, 'year', reference.year, Number(parts[1]));
          same(raw, 'venue', reference.venue, parts[2] ?? null);
        }
        if (volume) same(raw, 'volume', reference.volume, volume.slice(1));
        if (page) same(raw, 'firstPage', reference.firstPage, page.slice(1));
        // A trailing "." or ";" ends the entry, not the DOI.
        if (doi) same(raw, 'target', reference.target?.key, `doi:${doi.replace(/[.;]+$/, '').toLowerCase()}`);
        same(raw, 'sourceDatabase', reference.sourceDatabase, 'Web of Science');
        checked++;
      }
    }
    expect(mismatches).toEqual([]);
    expect(checked).toBeGreaterThan(240_000);
  });

  it('imports whole with the CLI: affiliations tied to authors, references resolved inside the set by rule', async () => {
    const run = runImport(d1Dir, ['--fresh', ...files]);
    expect(run.stderr).not.toMatch(/broken|rejected|Error/);
    expect(run.status).toBe(0);
    console.log(`[wos-javeriana] ${run.stdout.trim().split('\n').pop()}`);
    await withLocalD1(d1Dir, async (db) => {
      const count = (sql: string) => db.prepare(sql).first<number>('n');
      const summary = {
        records: works.length,
        papers: await count('SELECT count(*) AS n FROM paper'),
        authors: await count('SELECT count(*) AS n FROM author'),
        institutions: await count('SELECT count(*) AS n FROM institution'),
        authorships: await count('SELECT count(*) AS n FROM authorship'),
        affiliated: await count(
          'SELECT count(*) AS n FROM (SELECT DISTINCT paper_id, position FROM authorship_institution)',
        ),
        references: await count('SELECT count(*) AS n FROM reference'),
        resolved: await count('SELECT count(*) AS n FROM reference WHERE cited_paper_id IS NOT NULL'),
      };
      const byRule = await db
        .prepare('SELECT resolved_by AS rule, count(*) AS n FROM reference WHERE resolved_by IS NOT NULL GROUP BY 1')
        .all<{ rule: string; n: number }>();
      console.log(`[wos-javeriana] ${JSON.stringify(summary)} by rule ${JSON.stringify(byRule.results)}`);
      // Records sharing a DOI (a paper and its erratum-like duplicate) are one paper.
      expect(summary.papers).toBeGreaterThan(6000);
      expect(summary.affiliated ?? 0).toBeGreaterThan((summary.authorships ?? 0) * 0.95);
      expect(byRule.results.find((row) => row.rule === 'doi')?.n).toBeGreaterThan(3000);
      expect(byRule.results.find((row) => row.rule === 'author_year_volume_page')?.n).toBeGreaterThan(100);

      // A bracketed C1 affiliation is the institution of exactly the authors it names, on that paper.
      const sampleRows = rows.slice(0, 300);
      const held = await db
        .prepare(
          `SELECT e.key, ai.position, i.name FROM external_id e
             JOIN authorship_institution ai ON ai.paper_id = e.entity_id
             JOIN institution i ON i.id = ai.institution_id
           WHERE e.key IN (SELECT value FROM json_each(?))`,
        )
        .bind(JSON.stringify(sampleRows.map((row) => `wos:${(row.UT ?? '').toUpperCase()}`)))
        .all<{ key: string; position: number; name: string }>();
      const affiliations = new Set(held.results.map((row) => `${row.key}#${row.position}#${row.name}`));
      let checked = 0;
      for (const row of sampleRows) {
        const byline = (row.AF || row.AU || '').split('; ');
        for (const entry of (row.C1 ?? '').split(/; (?=\[)/)) {
          const match = /^\[([^\]]+)\] ([^,]+),/.exec(entry);
          if (!match) continue;
          for (const name of (match[1] ?? '').split('; ')) {
            // The author's place in the byline (an author row's name is the last paper's spelling).
            const position = byline.indexOf(name) + 1;
            if (position === 0) continue;
            const key = `wos:${(row.UT ?? '').toUpperCase()}#${position}#${match[2]}`;
            expect(affiliations.has(key), key).toBe(true);
            checked++;
          }
        }
      }
      expect(checked).toBeGreaterThan(500);

      // Counts shown to users agree with the edges.
      const wrong = await count(
        `SELECT count(*) AS n FROM paper p WHERE citation_count <>
           (SELECT count(DISTINCT citing_paper_id) FROM reference r WHERE r.cited_paper_id = p.id)`,
      );
      expect(wrong).toBe(0);

      // 20 resolutions to judge by eye (the report lists them): 12 by locator, 8 by DOI.
      const sample = await db
        .prepare(
          `SELECT * FROM (SELECT r.resolved_by, r.raw_text, p.year, p.title,
             (SELECT group_concat(raw_name, '; ') FROM authorship a WHERE a.paper_id = p.id AND a.position <= 3) AS authors
           FROM reference r JOIN paper p ON p.id = r.cited_paper_id WHERE r.resolved_by = 'author_year_volume_page'
           ORDER BY (r.citing_paper_id * 7919 + r.position * 104729) % 1000003 LIMIT 12)
           UNION ALL SELECT * FROM (SELECT r.resolved_by, r.raw_text, p.year, p.title,
             (SELECT group_concat(raw_name, '; ') FROM authorship a WHERE a.paper_id = p.id AND a.position <= 3)
           FROM reference r JOIN paper p ON p.id = r.cited_paper_id WHERE r.resolved_by = 'doi'
           ORDER BY (r.citing_paper_id * 7919 + r.position * 104729) % 1000003 LIMIT 8)`,
        )
        .all<{ resolved_by: string; raw_text: string; year: number; title: string; authors: string }>();
      for (const pair of sample.results) {
        console.log(
          `[resolved ${pair.resolved_by}] ${pair.raw_text}\n    -> ${pair.authors} (${pair.year}) ${pair.title}`,
        );
      }
      expect(sample.results).toHaveLength(20);
    });
    // The same files again: nothing changes.
    const again = runImport(d1Dir, files);
    expect(again.status).toBe(0);
    expect(again.stdout).toMatch(/\(0 new, \d+ updated\)/);
  });
});
