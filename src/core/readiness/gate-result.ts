export type GateId = 'baseline' | 'prompting' | 'limits' | 'fit' | 'data';

/** One gate's outcome, its evidence in plain words, and what to do when it fails. */
export interface GateResult {
  number: 1 | 2 | 3 | 4 | 5;
  id: GateId;
  title: string;
  pass: boolean;
  /** One line: why it passed or failed. */
  summary: string;
  evidence: string[];
  /** What to do next, in plain words; empty when the gate passes. */
  next: string[];
}

export type Verdict = 'keep-prompting' | 'not-ready' | 'finetune';

export const verdicts: readonly Verdict[] = ['keep-prompting', 'not-ready', 'finetune'];
