import type { SamplingOptions } from '../../spec/sampling-options.js';
import type { VariantConfig } from '../task/task-schema.js';

/** What a writer tries in the playground: wordings × models on a few chosen cases. */
export interface PlaygroundRequest {
  /** Full variant configs; names must be unique within the request. */
  variants: VariantConfig[];
  /** Task model names or `provider:model` references. */
  models: string[];
  /** Eval case ids, in the order to show them. */
  caseIds: string[];
  repeats: number;
  /** One sampling point for every cell; unset axes come from the task's first grid point. */
  sampling?: SamplingOptions;
}

/** Consistency and diversity of one (variant, model) group so far. */
export interface PlaygroundQuality {
  variant: string;
  model: string;
  answered: number;
  /** Mean modal agreement over cases with at least 2 answered repeats; null before that. */
  agreement: number | null;
  /** Mean pass^r over the same cases. */
  passAllRepeats: number | null;
  /** Distinct-2 across the repeats of each case, averaged; null before 2 repeats. */
  diversityWithin: number | null;
  /** Distinct-2 across cases (first answer of each). */
  diversityAcross: number | null;
}
