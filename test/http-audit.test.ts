/**
 * GraphQL over HTTP conformance: graphql-http's server audits against the Worker's own fetch, with
 * every limit on (the Worker as deployed; without CF-Connecting-IP, so not rate limited).
 */
import { type AuditResult, serverAudits } from 'graphql-http';
import { describe, expect, it } from 'vitest';
import { exports } from './helpers';

const audits = serverAudits({
  url: 'http://citeql.test/graphql',
  fetchFn: (input: RequestInfo | URL, init?: RequestInit) => exports.default.fetch(input, init),
});
const levels = ['MUST', 'SHOULD', 'MAY'] as const;
/** Today's scores, to keep: every audit passes at every level. */
const expected = { MUST: 13, SHOULD: 23, MAY: 25 };

describe('graphql-http server audits', () => {
  const results: AuditResult[] = [];

  for (const audit of audits) {
    it(audit.name, async () => {
      const result = await audit.fn();
      results.push(result);
      if (result.status !== 'ok') {
        const body = await result.response.text().catch(() => '(unreadable body)');
        throw new Error(`${result.status}: ${result.reason}\n${result.response.status} ${body}`);
      }
    });
  }

  // Runs after the audits above (tests of a file run in order).
  it(`scores MUST ${expected.MUST}/${expected.MUST}, SHOULD ${expected.SHOULD}/${expected.SHOULD}, MAY ${expected.MAY}/${expected.MAY}`, () => {
    const count = (level: string, ok: boolean) =>
      results.filter((result) => result.name.startsWith(level) && (!ok || result.status === 'ok')).length;
    const total = Object.fromEntries(levels.map((level) => [level, count(level, false)]));
    const passed = Object.fromEntries(levels.map((level) => [level, count(level, true)]));
    console.log(
      `graphql-http audits: ${levels.map((level) => `${level} ${passed[level]}/${total[level]}`).join(', ')}`,
    );
    expect(total).toEqual(expected);
    expect(passed).toEqual(expected);
  });
});
