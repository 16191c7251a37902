import { type DatasetProblem, datasetProblem } from './dataset-problem.js';
import { SuffixTracker } from './suffix-tracker.js';

/** What `data fix` does to legacy rows, decided from the whole file. */
export interface LegacyDecisions {
  /** Appended to every non-empty prompt that does not end with it. */
  separator?: string;
  /** Appended to every completion that does not end with it. */
  ending?: string;
  /** Prepend a space to completions that start with no whitespace. */
  leadingSpace: boolean;
}

/** Separators OpenAI's legacy tool suggested, tried in order: the first unused one wins. */
export const separatorOptions = ['\n\n###\n\n', '\n\n===\n\n', '\n\n&&&\n\n', '\n\n@@@\n\n', ' ->'];
export const endingOptions = ['\n', ' END', '###', '***', '+++', '&&&', '$$$', '@@@', '%%%'];

/** Longer prompt + completion (characters) than the legacy tool accepted without a warning. */
export const longExampleCharacters = 10_000;

/**
 * OpenAI's legacy prompt/completion validators, streaming: row by row (long examples, a
 * completion without a leading space), then over the file (a missing or inconsistent prompt
 * separator and completion ending).
 */
export class LegacyFormatChecks {
  readonly #file: string;
  readonly #prompts = new SuffixTracker(separatorOptions);
  readonly #completions = new SuffixTracker(endingOptions);
  #missingSpace = 0;

  constructor(file: string) {
    this.#file = file;
  }

  addRow(prompt: string, completion: string, line: number): DatasetProblem[] {
    const problems: DatasetProblem[] = [];
    const at = { file: this.#file, line };
    if (prompt.length + completion.length > longExampleCharacters) {
      const message = `the example is ${prompt.length + completion.length} characters, over ${longExampleCharacters}: it may be truncated in training`;
      problems.push(datasetProblem('long_example', message, at));
    }
    if (completion !== '' && !/^\s/.test(completion)) {
      this.#missingSpace += 1;
      const message =
        'the completion should start with a space (it tokenises better); fix adds one';
      problems.push(
        datasetProblem('completion_missing_leading_space', message, {
          ...at,
          path: ['completion'],
        }),
      );
    }
    if (prompt !== '') this.#prompts.add(prompt, line);
    this.#completions.add(completion, line);
    return problems;
  }

  finish(): { problems: DatasetProblem[]; decisions: LegacyDecisions } {
    const problems: DatasetProblem[] = [];
    const decisions: LegacyDecisions = { leadingSpace: this.#missingSpace > 0 };
    const separator = this.#decide(this.#prompts, isSeparatorLike, 'prompt', problems);
    if (separator !== undefined) decisions.separator = separator;
    const ending = this.#decide(this.#completions, isEndingLike, 'completion', problems);
    if (ending !== undefined) decisions.ending = ending;
    return { problems, decisions };
  }

  #decide(
    tracker: SuffixTracker,
    isCandidate: (ending: string) => boolean,
    column: 'prompt' | 'completion',
    problems: DatasetProblem[],
  ): string | undefined {
    if (tracker.count === 0 || tracker.commonSuffix !== '') return undefined;
    const what = column === 'prompt' ? 'separator' : 'ending';
    const dominant = tracker.dominantEnding(isCandidate);
    if (dominant !== undefined && dominant.count * 2 >= tracker.count) {
      const code =
        column === 'prompt' ? 'inconsistent_prompt_separator' : 'inconsistent_completion_ending';
      for (const line of tracker.linesWithout(dominant.ending)) {
        const message = `the ${column} does not end with the ${what} ${JSON.stringify(dominant.ending)} that ${dominant.count} of ${tracker.count} ${column}s end with; fix adds it`;
        problems.push(datasetProblem(code, message, { file: this.#file, line, path: [column] }));
      }
      return dominant.ending;
    }
    const chosen =
      tracker.unusedOption() ?? (column === 'prompt' ? separatorOptions[0] : endingOptions[0]);
    const code = column === 'prompt' ? 'missing_prompt_separator' : 'missing_completion_ending';
    const purpose =
      column === 'prompt'
        ? 'a fixed separator at the end of every prompt tells the model where the completion starts'
        : 'a fixed ending on every completion tells the model where to stop (use it as the stop sequence)';
    const message = `the ${column}s share no common ${what}: ${purpose}; fix appends ${JSON.stringify(chosen)}`;
    problems.push(datasetProblem(code, message, { file: this.#file, path: [column] }));
    return chosen;
  }
}

/** Sentence punctuation alone is not a separator; `\n\n###\n\n`, ` ->` or `:` are. */
function isSeparatorLike(ending: string): boolean {
  const trimmed = ending.trim();
  if (ending.includes('\n')) return true;
  return trimmed !== '' && !/^[.?!,;"')\]]+$/.test(trimmed);
}

function isEndingLike(ending: string): boolean {
  return ending !== '' && (ending.includes('\n') || ending.trim() !== '');
}

/** Applies the decisions to one legacy row (used by `data fix`). */
export function applyLegacyDecisions(
  prompt: string,
  completion: string,
  decisions: LegacyDecisions,
): { prompt: string; completion: string } {
  let nextPrompt = prompt;
  let nextCompletion = completion;
  if (decisions.separator !== undefined && prompt !== '' && !prompt.endsWith(decisions.separator)) {
    nextPrompt =
      prompt
        .trimEnd()
        .replace(/[#=&@>|*~-]+$/, '')
        .trimEnd() + decisions.separator;
  }
  if (decisions.leadingSpace && completion !== '' && !/^\s/.test(completion)) {
    nextCompletion = ` ${nextCompletion}`;
  }
  if (decisions.ending !== undefined && !nextCompletion.endsWith(decisions.ending)) {
    nextCompletion = nextCompletion.trimEnd() + decisions.ending;
  }
  return { prompt: nextPrompt, completion: nextCompletion };
}
