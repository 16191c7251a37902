import type { Comparison, ComparisonArm } from '../core/compare/comparison.js';
import { describeSampling } from '../core/eval/describe-sampling.js';
import {
  type DiversityApplicability,
  describeAnswers,
} from '../core/metrics/diversity-applicability.js';
import { sweptAxes } from '../core/sweep/sweep-grid.js';
import type { SweepPoint, SweepResult } from '../core/sweep/sweep-result.js';
import { fixed } from './report-format.js';

const roles = { finetuned: 'finetuned', 'best-prompt': 'best prompt', base: 'base' } as const;

/** A diversity figure, or `n/a` where it does not mean variety (labels, short answers). */
export const diversityFigure = (
  value: number | null,
  applicability: DiversityApplicability | undefined,
  digits = 2,
): string => (applicability?.applies === false ? 'n/a' : fixed(value, digits));

/** The settings an arm ran at, from its stored cells; older comparisons did not record them. */
export const armSettings = (arm: ComparisonArm): string =>
  `${arm.settings ? describeSampling(arm.settings) : 'not recorded'}${arm.rerunReason ? ` (run again: ${arm.rerunReason})` : ''}`;

/** Plain sentences under the comparison table: settings, diversity, warnings (said loudly). */
export function comparisonNotes(comparison: Comparison): { text: string; warnings: string[] } {
  const notes: string[] = [];
  if (comparison.settings) {
    notes.push(
      `Every arm at ${describeSampling(comparison.settings)}, on ${comparison.evalCases} cases × ${comparison.repeats} repeats.`,
    );
  }
  const notApplicable = comparison.arms.filter(
    (arm) => arm.diversity.applicability?.applies === false,
  );
  const reasons = [...new Set(notApplicable.map((arm) => arm.diversity.applicability?.reason))];
  if (reasons.length > 0) {
    const answers = notApplicable
      .map((arm) =>
        arm.diversity.applicability
          ? `${roles[arm.role]} ${describeAnswers(arm.diversity.applicability)}`
          : '',
      )
      .join('; ');
    notes.push(
      `Diversity n/a (${reasons.join('; ')}): distinct-n and self-BLEU do not measure variety here; read agreement. Answers across inputs: ${answers}.`,
    );
  }
  return { text: notes.join(' '), warnings: comparison.warnings ?? [] };
}

/** The sweep's fixed settings and, for labels or short answers, why diversity shows n/a. */
export function sweepNotes(sweep: SweepResult): { text: string; warnings: string[] } {
  const notes: string[] = [];
  if (sweep.settings) {
    notes.push(
      `Every point also at ${describeSampling(sweep.settings, sweptAxes)}; the sweep varies temperature, top-p and the penalties.`,
    );
  }
  const reason = sweep.points.find(
    (point: SweepPoint) => point.diversityApplicability?.applies === false,
  )?.diversityApplicability?.reason;
  if (reason) {
    notes.push(
      `Diversity n/a (${reason}): distinct-n and self-BLEU do not measure variety here; read agreement.`,
    );
  }
  return { text: notes.join(' '), warnings: sweep.warnings ?? [] };
}
