/**
 * The seed paper: the facts shown on the CNKI "knowledge network node" page CiteQL started from
 * (`seed-node-page.txt` beside the design notes). Facts only: the abstract prose is not copied.
 *
 * The page groups the reference list under "Springer Journals Database" and says "Total: 27
 * articles", but it lists only four entries; these are those four. Each keeps the entry verbatim as
 * `rawText` (the text after "[n] ") and the parts read from it: the leading person names, the title
 * and the journal. The page gives no year, venue or DOI for the seed paper and no year or DOI for
 * its references, so those stay null and the references stay unresolved (target null).
 */
import { type ExternalIdRef, makeExternalId } from '../ids';
import type { ReferenceRecord, WorkRecord } from '../ingest/record';

function demoId(value: string): ExternalIdRef {
  const ref = makeExternalId('demo', value);
  if (!ref) throw new Error(`not a demo id: ${value}`);
  return ref;
}

const SOURCE_DATABASE = 'Springer Journals Database';

/**
 * One entry as the page prints it: `PERSON;PERSON;INSTITUTION;, Title, Journal,`. The persons are
 * the leading name-like segments; the institutions after them (Laboratory, CAS, University,
 * School ...) are not authors.
 */
function pageReference(rawText: string, persons: readonly string[], title: string, venue: string): ReferenceRecord {
  return {
    rawText,
    sourceDatabase: SOURCE_DATABASE,
    target: null,
    title,
    authors: persons.join('; '),
    year: null,
    venue,
    doi: null,
    volume: null,
    firstPage: null,
  };
}

export const seedPaper: WorkRecord = {
  ids: [demoId('SEED-BRI')],
  title: 'Research on the advancing path and policy innovation of the “Belt and Road” Initiative',
  abstract: null,
  year: null,
  publicationDate: null,
  doi: null,
  type: null,
  language: null,
  venue: null,
  authors: [
    {
      rawName: 'LIU Guobin',
      name: 'LIU Guobin',
      orcid: null,
      ids: [],
      institutions: [
        {
          name: 'College of Biological and Agricultural Engineering of Jilin University',
          ror: null,
          country: 'CN',
          type: null,
          ids: [],
        },
      ],
    },
  ],
  keywords: [
    'the building of the “Belt and Road”',
    'international regional cooperation',
    'policy innovation',
    'secondary core area construction',
  ],
  references: [
    pageReference(
      'LIU Weidong;Key Laboratory of Regional Sustainable Development Modeling, CAS;Institute of Geographic Sciences and Natural Resources Research, CAS;, Scientific understanding of the Belt and Road Initiative of China and related research themes, Progress in Geography,',
      ['LIU Weidong'],
      'Scientific understanding of the Belt and Road Initiative of China and related research themes',
      'Progress in Geography',
    ),
    pageReference(
      'HE Mao-chun;ZHANG Ji-bing;ZHANG Ya-peng;TIAN Bin;Center of Research in Economic Diplomacy, Tsinghua University;, Strategy of “One Belt and One Road” Confronted with Barriers and Countermeasures, Journal of Xinjiang Normal University(Edition of Philosophy and Social Sciences),',
      ['HE Mao-chun', 'ZHANG Ji-bing', 'ZHANG Ya-peng', 'TIAN Bin'],
      'Strategy of “One Belt and One Road” Confronted with Barriers and Countermeasures',
      'Journal of Xinjiang Normal University(Edition of Philosophy and Social Sciences)',
    ),
    // Printed with no institution; "LIU Guo-bin" is likely the seed's own author, kept as printed.
    pageReference(
      "LIU Guo-bin;, On AIIB's Role of Financial Support in the Belt and Road Initiative, Northeast Asia Forum,",
      ['LIU Guo-bin'],
      "On AIIB's Role of Financial Support in the Belt and Road Initiative",
      'Northeast Asia Forum',
    ),
    pageReference(
      'Ling Lanlan;Tao Shigui;Business School,Nanjing Normal University;, A Review of "The Belt and Road" Strategy, Reformation & Strategy,',
      ['Ling Lanlan', 'Tao Shigui'],
      'A Review of "The Belt and Road" Strategy',
      'Reformation & Strategy',
    ),
  ],
};
