import type { ReportExtras } from './report-extras.js';

export interface ComparisonSeries {
  arms: { role: string; label: string; passRate: number; lower: number; upper: number }[];
}

export interface SweepSeries {
  points: { label: string; passRate: number; lower: number; upper: number; diversity: number }[];
  /** Points left out: no diversity within inputs (fewer than 2 repeats). */
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

/** The numbers behind the sweep chart: diversity within inputs against pass rate per point. */
export function sweepSeries(extras: ReportExtras): SweepSeries | null {
  const sweep = extras.sweep;
  if (!sweep) return null;
  const points: SweepSeries['points'] = [];
  const missing: string[] = [];
  for (const point of sweep.points) {
    if (point.withinDistinct2 === null) missing.push(point.label);
    else
      points.push({
        label: point.label,
        passRate: point.passRate,
        lower: point.lower,
        upper: point.upper,
        diversity: point.withinDistinct2,
      });
  }
  return { points, missing, reference: sweep.points[sweep.reference]?.label ?? '' };
}
