import type { VariantConfig } from '../task/task-schema.js';
import type { LintFinding } from './lint-finding.js';

export type VariantAxis = 'wording' | 'few-shot' | 'system' | 'sampling';

export const variantAxes: readonly VariantAxis[] = ['wording', 'few-shot', 'system', 'sampling'];

/** A candidate variant: what it changes, where it came from, and what lint says about it. */
export interface VariantProposal {
  axis: VariantAxis;
  /** `built-in` for the deterministic alternatives, else the rewriting model's reference. */
  source: string;
  rationale: string;
  variant: VariantConfig;
  findings: LintFinding[];
}
