import type { Problem } from '../../spec/index.js';

/** One parsed row of a data file before it becomes a case, or the problem that stopped it. */
export type DataRow =
  | { kind: 'row'; line: number; value: unknown }
  | { kind: 'problem'; line: number; problem: Problem };
