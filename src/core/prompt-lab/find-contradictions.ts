import type { OutputSpec } from '../task/task-schema.js';

export interface Contradiction {
  first: string;
  second: string;
  why: string;
}

const brevity =
  /\b(?:one[- ]word|single word|only the (?:answer|label|number|word|category)|nothing else|no explanations?|without (?:any )?explanations?|(?:do not|don't|never) explain|briefly|be brief|concise(?:ly)?|short answer|in one sentence)\b/i;

const verbosity =
  /\b(?:explain(?: your| the| why| how)?|in detail|detailed|step[- ]by[- ]step|show your (?:work|reasoning)|elaborate|justify|give reasons|think aloud|your reasoning)\b/gi;

/** Negated within the two words before ("never explain", "do not explain it"). */
const negatedBefore = /\b(?:not|never|no|without|n't|nor)\s+(?:\w+\s+)?$/i;

const lowerCase = /\blower[- ]?case\b/i;
const upperCase = /\b(?:upper[- ]?case|all caps|capital letters)\b/i;

const lengthConstraint =
  /\b(at most|no more than|up to|under|fewer than|less than|maximum of|at least|no fewer than|no less than|more than|minimum of|exactly|in)\s+(\d+)\s+(words?|sentences?|paragraphs?|lines?|characters?|bullet points?|bullets?)\b/gi;

interface Bounds {
  min: number;
  max: number;
  exact: number[];
  phrases: string[];
}

/** Instructions that ask for two things that cannot both hold. */
export function findContradictions(text: string, output: OutputSpec): Contradiction[] {
  const found: Contradiction[] = [];
  const wordy = unnegated(text, verbosity);
  const terse = brevity.exec(text)?.[0];
  if (wordy && terse) {
    found.push({
      first: terse,
      second: wordy,
      why: 'the answer cannot be short and explained at length at once',
    });
  } else if (wordy && output.kind === 'label') {
    found.push({
      first: `output kind label (${output.labels.join(', ')})`,
      second: wordy,
      why: 'a label check fails on any answer that carries an explanation',
    });
  } else if (wordy && output.kind === 'json') {
    found.push({
      first: 'output kind json',
      second: wordy,
      why: 'prose around the JSON breaks the json checks; put any reasoning in a JSON field',
    });
  }
  const lower = lowerCase.exec(text)?.[0];
  const upper = upperCase.exec(text)?.[0];
  if (lower && upper) {
    found.push({ first: lower, second: upper, why: 'the answer cannot be in both cases' });
  }
  found.push(...lengthConflicts(text));
  return found;
}

function unnegated(text: string, pattern: RegExp): string | undefined {
  for (const match of text.matchAll(pattern)) {
    const before = text.slice(Math.max(0, match.index - 24), match.index);
    if (!negatedBefore.test(before)) return match[0];
  }
  return undefined;
}

function lengthConflicts(text: string): Contradiction[] {
  const byUnit = new Map<string, Bounds>();
  for (const match of text.matchAll(lengthConstraint)) {
    const [phrase, rawQualifier, rawCount, rawUnit] = match as unknown as [
      string,
      string,
      string,
      string,
    ];
    const qualifier = rawQualifier.toLowerCase();
    const count = Number(rawCount);
    const unit = rawUnit
      .toLowerCase()
      .replace(/^bullet points?$/, 'bullet')
      .replace(/s$/, '');
    const bounds = byUnit.get(unit) ?? { min: 0, max: Infinity, exact: [], phrases: [] };
    bounds.phrases.push(phrase);
    if (['at most', 'no more than', 'up to', 'maximum of'].includes(qualifier)) {
      bounds.max = Math.min(bounds.max, count);
    } else if (['under', 'fewer than', 'less than'].includes(qualifier)) {
      bounds.max = Math.min(bounds.max, count - 1);
    } else if (['at least', 'no fewer than', 'no less than', 'minimum of'].includes(qualifier)) {
      bounds.min = Math.max(bounds.min, count);
    } else if (qualifier === 'more than') bounds.min = Math.max(bounds.min, count + 1);
    else bounds.exact.push(count);
    byUnit.set(unit, bounds);
  }
  const found: Contradiction[] = [];
  for (const [unit, bounds] of byUnit) {
    const exact = [...new Set(bounds.exact)];
    const impossible =
      bounds.min > bounds.max ||
      exact.length > 1 ||
      exact.some((count) => count < bounds.min || count > bounds.max);
    if (!impossible) continue;
    found.push({
      first: bounds.phrases[0] as string,
      second: bounds.phrases.slice(1).join('", "') || (bounds.phrases[0] as string),
      why: `no ${unit} count satisfies all of these limits`,
    });
  }
  return found;
}
