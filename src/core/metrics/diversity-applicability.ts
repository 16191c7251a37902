import { modalAgreement } from './modal-agreement.js';
import { normalizeOutput } from './normalize-output.js';
import { tokenizeWords } from './tokenize-words.js';

/**
 * Answers are short when the median answered output has at most this many words
 * (`tokenizeWords`): a label, a number, a name. Their n-grams say nothing about creativity.
 */
export const SHORT_ANSWER_WORDS = 3;

/** Whether distinct-n and self-BLEU of a group mean variety, and what to show instead. */
export interface DiversityApplicability {
  /** False for label outputs and short answers: read agreement, not diversity. */
  applies: boolean;
  /** Why not, for people: `label outputs`, `short answers (median 1 word)`; null when it applies. */
  reason: string | null;
  /** Median words per answered output (every repeat); null with no answers. */
  medianWords: number | null;
  /**
   * Across inputs, the first answered repeat of each case: distinct normalised answers and the
   * share of the most common one (1 = the same answer to every input); null with no answers.
   */
  answers: { inputs: number; distinct: number; modalShare: number } | null;
}

export interface DiversityApplicabilityOptions {
  /** The task's outputs are labels (`output.kind: label`). */
  labelOutputs?: boolean;
  /** Compare JSON answers canonically when counting distinct ones. */
  json?: boolean;
}

/** Decides from one group's answered outputs, by case (see `SHORT_ANSWER_WORDS`). */
export function diversityApplicability(
  byCase: ReadonlyMap<string, readonly string[]>,
  options: DiversityApplicabilityOptions = {},
): DiversityApplicability {
  const words: number[] = [];
  const firsts: string[] = [];
  for (const outputs of byCase.values()) {
    const first = outputs[0];
    if (first !== undefined) firsts.push(first);
    for (const output of outputs) words.push(tokenizeWords(output).length);
  }
  const medianWords = median(words);
  const agreement = modalAgreement(firsts, { json: options.json ?? false });
  const answers =
    agreement === undefined
      ? null
      : {
          inputs: firsts.length,
          distinct: distinctCount(firsts, options.json ?? false),
          modalShare: agreement,
        };
  let reason: string | null = null;
  if (options.labelOutputs) reason = 'label outputs';
  else if (medianWords !== null && medianWords <= SHORT_ANSWER_WORDS) {
    reason = `short answers (median ${medianWords} word${medianWords === 1 ? '' : 's'})`;
  }
  return { applies: reason === null, reason, medianWords, answers };
}

/** Under modalAgreement's normalisation, so distinct and modal share count the same answers. */
function distinctCount(outputs: readonly string[], json: boolean): number {
  return new Set(outputs.map((output) => normalizeOutput(output, { json }))).size;
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** The answer spread across inputs, for people: `2 distinct answers over 4 inputs, the most common 50%`. */
export function describeAnswers(applicability: DiversityApplicability): string {
  const answers = applicability.answers;
  if (!answers) return 'no answers';
  const distinct = `${answers.distinct} distinct answer${answers.distinct === 1 ? '' : 's'}`;
  return `${distinct} over ${answers.inputs} input${answers.inputs === 1 ? '' : 's'}, the most common ${(answers.modalShare * 100).toFixed(0)}%`;
}
