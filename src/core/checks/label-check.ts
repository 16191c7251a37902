import type { LoadedTask } from '../task/loaded-task.js';
import { type Check, type CheckConfigOf, type CheckIdentity, checkResult } from './check.js';
import { checkProblem } from './check-problem.js';
import { normalizeText } from './normalize-text.js';
import { quoteForReason } from './quote-for-reason.js';

/** Passes when the normalised output is one of the task's labels (normalised the same way). */
export function createLabelCheck(
  config: CheckConfigOf<'label'>,
  identity: CheckIdentity,
  task: LoadedTask,
): Check {
  const output = task.config.output;
  if (output.kind !== 'label') {
    throw checkProblem(identity.name, ['type'], 'a label check needs output.kind "label"');
  }
  const labels = new Set(output.labels.map((label) => normalizeText(label, config.normalize)));
  const listed = output.labels.join(', ');
  return {
    ...identity,
    run(text: string) {
      if (labels.has(normalizeText(text, config.normalize))) return checkResult(identity, true);
      const reason = `expected one of: ${listed}; got ${quoteForReason(text)}`;
      return checkResult(identity, false, { reason });
    },
  };
}
