import type { GateResult, Verdict } from './gate-result.js';
import type { LimitsGateResult } from './limits-gate.js';

export interface VerdictDecision {
  verdict: Verdict;
  reason: string;
  /** The failing gates' next actions, gate by gate. */
  nextActions: string[];
}

/**
 * keep-prompting when a prompt already meets every target or prompting is not finished
 * (gates 1–3); not-ready when prompting is exhausted but the gap or the data is not right for
 * a finetune (gates 4–5); finetune when all five gates pass.
 */
export function decideVerdict(
  gates: readonly GateResult[],
  limits: LimitsGateResult,
): VerdictDecision {
  const failing = gates.filter((gate) => !gate.pass);
  const nextActions = failing.flatMap((gate) =>
    gate.next.map((action) => `gate ${gate.number}: ${action}`),
  );
  const names = (list: readonly GateResult[]) =>
    list.map((gate) => `${gate.number} (${gate.id})`).join(', ');
  if (limits.meetsTargets) {
    return {
      verdict: 'keep-prompting',
      reason: limits.summary,
      nextActions: limits.next.map((action) => `gate 3: ${action}`),
    };
  }
  const prompting = failing.filter((gate) => gate.number <= 3);
  if (prompting.length > 0) {
    return {
      verdict: 'keep-prompting',
      reason: `prompting is not finished: gate${prompting.length === 1 ? '' : 's'} ${names(prompting)} failed`,
      nextActions,
    };
  }
  if (failing.length > 0) {
    return {
      verdict: 'not-ready',
      reason: `prompting has hit its limits, but gate${failing.length === 1 ? '' : 's'} ${names(failing)} failed`,
      nextActions,
    };
  }
  return {
    verdict: 'finetune',
    reason:
      'all five gates pass: prompting has hit its limits, the gap suits a finetune, and the data is ready',
    nextActions: [],
  };
}
