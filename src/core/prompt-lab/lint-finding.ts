import type { Problem } from '../../spec/problem.js';

export type LintRule =
  | 'output-format'
  | 'labels-unstated'
  | 'json-keys-unstated'
  | 'examples-missing'
  | 'one-task'
  | 'weak-verb'
  | 'contradiction'
  | 'vague-length';

/** One clarity problem ("could a stranger follow it?"), with the fix in its message. */
export interface LintFinding extends Problem {
  code: LintRule;
  severity: 'error' | 'warning';
  /** The words the finding is about, when it is about specific words. */
  excerpt?: string;
}
