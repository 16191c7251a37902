import {
  type DiversityApplicability,
  diversityApplicability,
} from '../metrics/diversity-applicability.js';
import { acrossInputDiversity, withinInputDiversity } from '../metrics/diversity-report.js';
import { modalAgreement } from '../metrics/modal-agreement.js';
import { passHatK } from '../metrics/pass-at-k.js';
import { wilsonInterval } from '../metrics/wilson-interval.js';
import type { EvidenceStore, GroupKey } from './evidence-store.js';

/** Consistency and diversity of one group's answered outputs. */
export interface QualityFigures {
  /** Mean modal agreement over cases with at least 2 answered repeats; null when none. */
  consistency: number | null;
  /** Wilson interval over the pooled repeats (each repeat agrees with its case's mode or not). */
  consistencyLower: number | null;
  consistencyUpper: number | null;
  /** Mean pass^r: the chance that every repeat of a case passes. */
  passAllRepeats: number | null;
  casesCounted: number;
  /** Distinct-2 across inputs (the first answered repeat of each case): the diversity tunegate gates on. */
  diversity: number | null;
  /** Distinct-2 within inputs, across their repeats. */
  diversityWithin: number | null;
  /** Self-BLEU across inputs (higher = less diverse). */
  selfBleuAcross: number | null;
  /** Whether the diversity figures mean variety (not for labels or short answers). */
  diversityApplicability: DiversityApplicability;
}

export interface GroupQualityResult {
  quality: QualityFigures;
  /** The first failing answered output of each case that failed, for naming hard cases. */
  failingOutputs: Map<string, string>;
}

/** Streams one group's outputs (one group is held in memory, never the run). */
export function measureGroupQuality(
  store: EvidenceStore,
  group: GroupKey,
  options: { jsonOutputs?: boolean; labelOutputs?: boolean } = {},
): GroupQualityResult {
  const json = options.jsonOutputs ?? false;
  const byCase = new Map<string, string[]>();
  const passes = new Map<string, number>();
  const failingOutputs = new Map<string, string>();
  for (const cell of store.iterateGroupOutputs(group)) {
    if (cell.output === null) continue;
    let outputs = byCase.get(cell.caseId);
    if (!outputs) {
      outputs = [];
      byCase.set(cell.caseId, outputs);
    }
    outputs.push(cell.output);
    if (cell.passed) passes.set(cell.caseId, (passes.get(cell.caseId) ?? 0) + 1);
    else if (!failingOutputs.has(cell.caseId)) failingOutputs.set(cell.caseId, cell.output);
  }
  let agreementSum = 0;
  let passAllSum = 0;
  let counted = 0;
  let modalRepeats = 0;
  let pooledRepeats = 0;
  for (const [caseId, outputs] of byCase) {
    if (outputs.length < 2) continue;
    const agreement = modalAgreement(outputs, { json }) ?? 0;
    agreementSum += agreement;
    modalRepeats += Math.round(agreement * outputs.length);
    pooledRepeats += outputs.length;
    passAllSum += passHatK(outputs.length, passes.get(caseId) ?? 0, outputs.length);
    counted++;
  }
  const interval = counted > 0 ? wilsonInterval(modalRepeats, pooledRepeats) : undefined;
  const across = acrossInputDiversity(byCase);
  const within = withinInputDiversity(byCase);
  return {
    quality: {
      consistency: counted > 0 ? agreementSum / counted : null,
      consistencyLower: interval?.lower ?? null,
      consistencyUpper: interval?.upper ?? null,
      passAllRepeats: counted > 0 ? passAllSum / counted : null,
      casesCounted: counted,
      diversity: across.outputCount >= 2 ? across.distinct2 : null,
      diversityWithin: within.distinct2 ?? null,
      selfBleuAcross: across.selfBleu?.value ?? null,
      diversityApplicability: diversityApplicability(byCase, {
        labelOutputs: options.labelOutputs ?? false,
        json,
      }),
    },
    failingOutputs,
  };
}
