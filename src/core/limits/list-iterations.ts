import { isIncomplete } from '../eval/failed-calls.js';
import { samplingLabel } from '../eval/sampling-points.js';
import { casePassRateFromMoments } from '../statistics/case-pass-rate.js';
import type { TaskConfig } from '../task/task-schema.js';
import type { EvidenceStore, GroupTotals } from './evidence-store.js';
import type { Iteration } from './iteration.js';

/**
 * The task's iteration history: every (run, variant, model, sampling point) group of its
 * completed runs, oldest run first. Within a run, groups follow the task's own order of
 * variants and models (a probe's plain variant first), then the sampling point.
 */
export function listIterations(store: EvidenceStore, task: TaskConfig): Iteration[] {
  return orderIterations(store.groupTotals(task.name), task);
}

export function orderIterations(groups: readonly GroupTotals[], task: TaskConfig): Iteration[] {
  const variantOrder = new Map(task.variants.map((variant, index) => [variant.name, index]));
  const modelOrder = new Map(task.models.map((model, index) => [model.name ?? model.ref, index]));
  const runOrder = new Map<string, number>();
  for (const group of groups) {
    if (!runOrder.has(group.runId)) runOrder.set(group.runId, runOrder.size);
  }
  const rank = (order: Map<string, number>, name: string, probe: boolean) =>
    probe ? -1 : (order.get(name) ?? order.size);
  const sorted = [...groups].sort(
    (a, b) =>
      (runOrder.get(a.runId) ?? 0) - (runOrder.get(b.runId) ?? 0) ||
      rank(variantOrder, a.variant, a.runKind === 'probe') -
        rank(variantOrder, b.variant, b.runKind === 'probe') ||
      a.variant.localeCompare(b.variant) ||
      rank(modelOrder, a.model, false) - rank(modelOrder, b.model, false) ||
      a.model.localeCompare(b.model) ||
      a.samplingIndex - b.samplingIndex,
  );
  const maxFailedShare = task.policy.maxFailedShare;
  return sorted.map((group, position) => {
    const interval = casePassRateFromMoments(group.shares);
    const sampling = samplingLabel(group.sampling);
    return {
      ...group,
      index: position + 1,
      passRate: interval.rate,
      lower: interval.lower,
      upper: interval.upper,
      answeredCases: interval.cases,
      designEffect: interval.designEffect,
      failedShare: group.trials === 0 ? 0 : group.errors / group.trials,
      incomplete: isIncomplete(group, maxFailedShare),
      label: `${group.variant} on ${group.model}${sampling === 'default' ? '' : ` (${sampling})`}`,
    };
  });
}

/**
 * The highest pass rate among complete iterations; ties go to the higher lower bound, then to
 * the earlier iteration. An incomplete group (too many failed calls) is never best.
 */
export function bestIteration(iterations: readonly Iteration[]): Iteration | undefined {
  let best: Iteration | undefined;
  for (const iteration of iterations) {
    if (iteration.incomplete) continue;
    if (
      !best ||
      iteration.passRate > best.passRate ||
      (iteration.passRate === best.passRate && iteration.lower > best.lower)
    ) {
      best = iteration;
    }
  }
  return best;
}
