/** Titles and abstracts, worded from a field's methods, problems and contexts. */
import { chance, pick, type Rng } from './random';
import type { Topic } from './topics';

const CLAIMS = [
  'accounts for temporal effects',
  'scales to large collections',
  'needs little labelled data',
  'separates structural from topical signals',
  'is robust to noisy metadata',
  'makes its assumptions explicit',
  'can be computed incrementally',
];

const FINDINGS = [
  'consistent gains over strong baselines',
  'a robust and significant effect',
  'that the benefits grow with the amount of data',
  'clear differences between early and recent periods',
  'that simple baselines remain competitive',
  'large differences across subgroups',
];

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "a" or "an" before a word, by its sound for the words used here. */
function article(word: string): string {
  return /^[aeiou]/i.test(word) && !/^(uni|use|usu|eu|one)/i.test(word) ? 'an' : 'a';
}

interface TitleWords {
  method: string;
  problem: string;
  context: string;
}

export const TITLE_TEMPLATES: ReadonlyArray<(words: TitleWords) => string> = [
  ({ method, problem, context }) => `${article(method)} ${method} approach to ${problem} for ${context}`,
  ({ method, problem, context }) => `${method} methods for ${problem}: evidence from ${context}`,
  ({ problem, context }) => `Rethinking ${problem} in ${context}`,
  ({ method, problem }) => `Revisiting ${problem} with ${method} methods`,
  ({ method, problem, context }) => `${problem} in ${context}: ${article(method)} ${method} perspective`,
  ({ method, problem, context }) => `What ${method} analysis reveals about ${problem} in ${context}`,
];

export const BOOK_TITLE_TEMPLATES: ReadonlyArray<(words: TitleWords) => string> = [
  ({ problem }) => `Foundations of ${problem}`,
  ({ problem }) => `${problem}: theory and practice`,
  ({ problem }) => `Handbook of ${problem}`,
  ({ method, context }) => `${method} methods for ${context}`,
];

export function drawTitleWords(rng: Rng, topic: Topic): TitleWords {
  return { method: pick(rng, topic.methods), problem: pick(rng, topic.problems), context: pick(rng, topic.contexts) };
}

export function drawTitle(rng: Rng, topic: Topic, templates: ReadonlyArray<(words: TitleWords) => string>): string {
  return titleFrom(rng, drawTitleWords(rng, topic), templates);
}

export function titleFrom(
  rng: Rng,
  words: TitleWords,
  templates: ReadonlyArray<(words: TitleWords) => string>,
): string {
  return capitalize(pick(rng, templates)(words));
}

/** Two or three sentences on the title's own method, problem and context. */
export function drawAbstract(rng: Rng, topic: Topic, { method, problem, context }: TitleWords): string {
  const opening = pick(rng, [
    `${capitalize(problem)} remains a central question for ${context}.`,
    `We study ${problem} in ${context}.`,
    `This paper examines ${problem} for ${context}.`,
  ]);
  const proposal = `We propose ${article(method)} ${method} framework that ${pick(rng, CLAIMS)}.`;
  const result = pick(rng, [
    `Evidence from ${pick(rng, topic.evidence)} shows ${pick(rng, FINDINGS)}.`,
    `Using ${pick(rng, topic.evidence)}, we find ${pick(rng, FINDINGS)}.`,
  ]);
  return (chance(rng, 0.6) ? [opening, proposal, result] : [opening, result]).join(' ');
}
