import type { Comparison, ComparisonArm } from './comparison.js';

const percent = (value: number) => `${(value * 100).toFixed(1)}%`;
const fixed = (value: number | null) => (value === null ? '–' : value.toFixed(2));

/** One sentence: is the finetune ahead of the best prompt, and what it does to consistency and diversity. */
export function describeComparison(comparison: Comparison): string {
  const tuned = armOf(comparison, 'finetuned');
  const best = armOf(comparison, 'best-prompt');
  const base = armOf(comparison, 'base');
  if (!tuned || !best) return 'nothing to compare';
  const test = tuned.versusBest;
  let standing: string;
  const how = test
    ? `${test.method ?? 'McNemar'} p = ${test.p.toPrecision(2)}${test.pairing ? `, paired over ${test.pairing}` : ''}`
    : '';
  if (!test) standing = 'no paired cases with the best prompt';
  else if (test.p < 0.05) {
    standing = `${tuned.passRate > best.passRate ? 'ahead of' : 'behind'} the best prompt (${how})`;
  } else {
    standing = `not separable from the best prompt (${how}): add cases`;
  }
  const parts = [
    `finetuned ${percent(tuned.passRate)} against best prompt ${percent(best.passRate)}${base ? ` and base ${percent(base.passRate)}` : ''}: ${standing}`,
    `consistency ${fixed(best.consistency)} → ${fixed(tuned.consistency)}`,
    diversityChange(best, tuned),
  ];
  if ((comparison.warnings ?? []).length > 0) {
    parts.push('BUT the arms did not run alike (see the warnings): do not trust this comparison');
  }
  return parts.join('; ');
}

/** Distinct-2 within inputs, or why it means nothing here (labels, short answers). */
function diversityChange(best: ComparisonArm, tuned: ComparisonArm): string {
  const reason = [best, tuned]
    .map((arm) => arm.diversity.applicability)
    .find((applicability) => applicability?.applies === false)?.reason;
  if (reason) return `diversity n/a (${reason})`;
  return `distinct-2 within inputs ${fixed(best.diversity.withinDistinct2)} → ${fixed(tuned.diversity.withinDistinct2)}`;
}

export function armOf(
  comparison: Comparison,
  role: ComparisonArm['role'],
): ComparisonArm | undefined {
  return comparison.arms.find((arm) => arm.role === role);
}
