import {
  type DiversityApplicability,
  diversityApplicability,
} from '../metrics/diversity-applicability.js';
import {
  type DiversityReport,
  diversityReport,
  type WithinInputDiversity,
  withinInputDiversity,
} from '../metrics/diversity-report.js';
import { modalAgreement } from '../metrics/modal-agreement.js';
import { passHatK } from '../metrics/pass-at-k.js';

/** Consistency over repeats of one case at fixed settings, averaged over cases. */
export interface Consistency {
  /** Mean modal agreement over cases with at least 2 answered repeats; null when none. */
  modalAgreement: number | null;
  /** Mean pass^r: the chance that every repeat of a case passes; null when none. */
  passAllRepeats: number | null;
  casesCounted: number;
}

export interface GroupQuality {
  consistency: Consistency;
  /** Diversity across the repeats of each input, averaged over inputs. */
  diversityWithin: WithinInputDiversity;
  /** Diversity across inputs: the first answered repeat of each case. */
  diversityAcross: DiversityReport;
  /** Whether the diversity figures mean variety (not for labels or short answers); printers read it. */
  diversityApplicability: DiversityApplicability;
}

/**
 * Collects one group's answered outputs case by case and measures consistency and diversity.
 * Feed it cells in case order; memory is the group's outputs, released when it is finished.
 */
export class GroupQualityAccumulator {
  readonly #json: boolean;
  readonly #labels: boolean;
  readonly #byCase = new Map<string, string[]>();
  readonly #passes = new Map<string, number>();

  constructor(options: { jsonOutputs?: boolean; labelOutputs?: boolean } = {}) {
    this.#json = options.jsonOutputs ?? false;
    this.#labels = options.labelOutputs ?? false;
  }

  add(caseId: string, output: string, passed: boolean): void {
    let outputs = this.#byCase.get(caseId);
    if (!outputs) {
      outputs = [];
      this.#byCase.set(caseId, outputs);
    }
    outputs.push(output);
    if (passed) this.#passes.set(caseId, (this.#passes.get(caseId) ?? 0) + 1);
  }

  finish(): GroupQuality {
    let agreementSum = 0;
    let passAllSum = 0;
    let counted = 0;
    const firsts: string[] = [];
    for (const [caseId, outputs] of this.#byCase) {
      const first = outputs[0];
      if (first !== undefined) firsts.push(first);
      if (outputs.length < 2) continue;
      agreementSum += modalAgreement(outputs, { json: this.#json }) ?? 0;
      const passes = this.#passes.get(caseId) ?? 0;
      passAllSum += passHatK(outputs.length, passes, outputs.length);
      counted++;
    }
    return {
      consistency: {
        modalAgreement: counted > 0 ? agreementSum / counted : null,
        passAllRepeats: counted > 0 ? passAllSum / counted : null,
        casesCounted: counted,
      },
      diversityWithin: withinInputDiversity(this.#byCase),
      diversityAcross: diversityReport(firsts),
      diversityApplicability: diversityApplicability(this.#byCase, {
        labelOutputs: this.#labels,
        json: this.#json,
      }),
    };
  }
}
