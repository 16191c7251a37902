import type { LimitsAnalysis } from './analyze-limits.js';

const percent = (value: number) => `${(value * 100).toFixed(1)}%`;

/**
 * Plain-words power lines for `limits` and `ready`: how many eval cases would tell the best
 * prompt from the runner-up, and the best from the pass-rate target, at the observed spread.
 */
export function describePower(analysis: LimitsAnalysis, target: number): string[] {
  const lines: string[] = [];
  const best = analysis.best;
  if (!best) return lines;
  const separation = describeSeparation(analysis);
  if (separation) lines.push(separation);
  const power = analysis.targetPower;
  if (power) {
    lines.push(
      power.cases === null
        ? `the best sits exactly at the ${percent(target)} target: no number of cases would decide it`
        : `about ${power.cases} eval cases would show the ${percent(target)} target ${power.direction} with confidence (80% power; ${best.answeredCases} now)`,
    );
  }
  for (const group of analysis.incomplete) {
    const reason = group.reasons[0];
    lines.push(
      `incomplete, not counted: ${group.iteration.label} (iteration ${group.iteration.index}): ${(group.iteration.failedShare * 100).toFixed(0)}% of calls failed${reason ? `, commonest: ${reason.message}` : ''}; fix: ${group.fix}`,
    );
  }
  return lines;
}

/** Best against runner-up over the paired cases, and the cases that would separate them. */
export function describeSeparation(analysis: LimitsAnalysis): string | undefined {
  const separation = analysis.separation;
  if (separation) {
    const { comparison, casesNeeded, runnerUp } = separation;
    const test = `${comparison.method} p = ${comparison.p.toPrecision(2)}, paired over ${comparison.pairing}`;
    const verdict =
      comparison.p < 0.05
        ? `the best is ahead of the runner-up ${runnerUp.label} (${test})`
        : `the best is not yet separable from the runner-up ${runnerUp.label} (${test})`;
    const needed =
      casesNeeded === null
        ? 'they answered every case alike: no number of cases would separate them'
        : `about ${casesNeeded} eval cases would separate them at this difference (${percent(Math.abs(comparison.meanDifference))}, 80% power)`;
    return `${verdict}; ${needed}`;
  }
  return undefined;
}
