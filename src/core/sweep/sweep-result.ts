import type { SamplingOptions } from '../../spec/sampling-options.js';
import type { DiversityApplicability } from '../metrics/diversity-applicability.js';

/** The four sampling axes a sweep varies. */
export interface SweepAxes {
  temperature: number[];
  topP: number[];
  frequencyPenalty: number[];
  presencePenalty: number[];
}

/** One point of the grid, measured over the eval set. */
export interface SweepPoint {
  samplingIndex: number;
  sampling: SamplingOptions;
  label: string;
  /** Answered trials (failed calls left out) and those that passed. */
  trials: number;
  passed: number;
  /** Answered cases, the unit of the interval; absent in sweeps stored before. */
  cases?: number;
  /** Failed calls, never scored, with the commonest reason; absent in sweeps stored before. */
  errors?: number;
  commonestError?: { code: string | null; message: string; count: number; fix: string } | null;
  /** Too many failed calls: shown, never the sweep's answer. */
  incomplete?: boolean;
  passRate: number;
  lower: number;
  upper: number;
  /** Mean agreement across repeats; null with fewer than 2 repeats. */
  consistency: number | null;
  withinDistinct2: number | null;
  withinSelfBleu: number | null;
  acrossDistinct2: number | null;
  acrossSelfBleu: number | null;
  /**
   * Whether the diversity figures mean variety (not for labels or short answers); absent in
   * sweeps stored before it was measured.
   */
  diversityApplicability?: DiversityApplicability;
  latencyP50: number | null;
  /** US$ per 1,000 calls; null when the price is unknown. */
  costPer1000: number | null;
  /** Against the reference point (the grid's most conservative corner). */
  passRateChange: number;
  withinDistinct2Change: number | null;
}

export interface SweepResult {
  id: string;
  taskName: string;
  createdAt: string;
  runId: string;
  model: string;
  variant: string;
  repeats: number;
  axes: SweepAxes;
  /**
   * Every point's settings outside the swept axes: the task's as its file says it now, then
   * the command line's. Absent in sweeps stored before.
   */
  settings?: SamplingOptions;
  /** Points that ran at other settings, said loudly; empty when all alike. */
  warnings?: string[];
  /** Index in `points` of the reference: lowest temperature, top-p and penalties. */
  reference: number;
  points: SweepPoint[];
  summary: string;
}
