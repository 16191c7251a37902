import type { ReportExtras } from './report-extras.js';

export interface ComparisonSeries {
  arms: { role: string; label: string; passRate: number; lower: number; upper: number }[];
}

export interface SweepSeries {
  /**
   * What `value` is: distinct-2 within inputs, or, for labels and short answers (where
   * distinct-n means nothing), agreement across repeats.
   */
  measure: 'diversity' | 'agreement';
  points: { label: string; passRate: number; lower: number; upper: number; value: number }[];
  /** Points left out: no value (fewer than 2 repeats). */
  missing: string[];
  reference: string;
}

const roles: Record<string, string> = {
  finetuned: 'finetuned',
  'best-prompt': 'best prompt',
  base: 'base',
};

/** The numbers behind the comparison chart (pass rate with intervals per arm). */
export function comparisonSeries(extras: ReportExtras): ComparisonSeries | null {
  const comparison = extras.comparison;
  if (!comparison) return null;
  return {
    arms: comparison.arms.map((arm) => ({
      role: arm.role,
      label: `${roles[arm.role] ?? arm.role}: ${arm.label}`,
      passRate: arm.passRate,
      lower: arm.lower,
      upper: arm.upper,
    })),
  };
}

/** The numbers behind the sweep chart: diversity within inputs (or agreement) against pass rate. */
export function sweepSeries(extras: ReportExtras): SweepSeries | null {
  const sweep = extras.sweep;
  if (!sweep) return null;
  const measure = sweep.points.some((point) => point.diversityApplicability?.applies === false)
    ? 'agreement'
    : 'diversity';
  const points: SweepSeries['points'] = [];
  const missing: string[] = [];
  for (const point of sweep.points) {
    const value = measure === 'agreement' ? point.consistency : point.withinDistinct2;
    if (value === null) missing.push(point.label);
    else
      points.push({
        label: point.label,
        passRate: point.passRate,
        lower: point.lower,
        upper: point.upper,
        value,
      });
  }
  return { measure, points, missing, reference: sweep.points[sweep.reference]?.label ?? '' };
}
