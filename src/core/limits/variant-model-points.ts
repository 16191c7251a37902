import type { EvidenceStore } from './evidence-store.js';
import type { Iteration } from './iteration.js';
import { measureGroupQuality, type QualityFigures } from './measure-group-quality.js';

/** One variant on one model, as last evaluated: its pass rate, consistency and diversity. */
export interface VariantModelPoint {
  variant: string;
  model: string;
  /** The iteration it comes from: the latest run with this pair, its best sampling point. */
  iteration: number;
  label: string;
  passRate: number;
  lower: number;
  upper: number;
  quality: QualityFigures;
}

export function variantModelPoints(
  store: EvidenceStore,
  iterations: readonly Iteration[],
  options: { jsonOutputs?: boolean; labelOutputs?: boolean } = {},
): VariantModelPoint[] {
  const latest = new Map<string, Iteration>();
  for (const iteration of iterations) {
    const key = JSON.stringify([iteration.variant, iteration.model]);
    const held = latest.get(key);
    // Iterations come in history order: a later run replaces, a better point in the same run wins.
    if (
      !held ||
      held.runId !== iteration.runId ||
      iteration.passRate > held.passRate ||
      (iteration.passRate === held.passRate && iteration.lower > held.lower)
    ) {
      latest.set(key, iteration);
    }
  }
  return [...latest.values()]
    .sort((a, b) => a.index - b.index)
    .map((iteration) => ({
      variant: iteration.variant,
      model: iteration.model,
      iteration: iteration.index,
      label: iteration.label,
      passRate: iteration.passRate,
      lower: iteration.lower,
      upper: iteration.upper,
      quality: measureGroupQuality(store, iteration, options).quality,
    }));
}
