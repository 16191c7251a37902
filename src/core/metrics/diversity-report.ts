import { compressionRatio } from './compression-ratio.js';
import { distinctNOfLevel } from './distinct-n.js';
import { ngramDiversityOfCorpus } from './ngram-diversity.js';
import { buildNgramLevels, buildTokenCorpus } from './ngram-levels.js';
import {
  SELF_BLEU_DEFAULT_CAP,
  type SelfBleuOptions,
  type SelfBleuResult,
  selfBleu,
  selfBleuOfLevels,
} from './self-bleu.js';

export interface DiversityOptions {
  selfBleu?: SelfBleuOptions;
}

/** Every text diversity metric of one set of outputs (see each metric's file for its rule). */
export interface DiversityReport {
  outputCount: number;
  distinct1: number;
  distinct2: number;
  distinct3: number;
  distinct4: number;
  /** `undefined` with fewer than 2 outputs. */
  selfBleu: SelfBleuResult | undefined;
  /** `undefined` when the outputs join to no bytes. */
  compressionRatio: number | undefined;
  ngramDiversity: number;
}

/** Means of per-input metrics over the inputs that had at least 2 outputs. */
export interface WithinInputDiversity {
  inputsCounted: number;
  /** Each mean is `undefined` when no input was counted (or, for self-BLEU and compression, none had a value). */
  distinct1: number | undefined;
  distinct2: number | undefined;
  distinct3: number | undefined;
  distinct4: number | undefined;
  selfBleu: number | undefined;
  compressionRatio: number | undefined;
  ngramDiversity: number | undefined;
}

/** The outputs are tokenised once and shared by distinct-n, self-BLEU and n-gram diversity. */
export function diversityReport(
  outputs: readonly string[],
  options: DiversityOptions = {},
): DiversityReport {
  const corpus = buildTokenCorpus(outputs);
  const maxN = options.selfBleu?.maxN ?? 3;
  const levels = buildNgramLevels(corpus, Math.max(4, maxN));
  const distinct = levels.slice(0, 4).map(distinctNOfLevel);
  const cap = options.selfBleu?.cap ?? SELF_BLEU_DEFAULT_CAP;
  let bleu: SelfBleuResult | undefined;
  if (outputs.length >= 2 && outputs.length <= cap) {
    const value = selfBleuOfLevels(levels.slice(0, maxN));
    bleu = { value, sampleSize: outputs.length, total: outputs.length };
  } else {
    // Below 2 outputs this is undefined; above the cap it draws (and tokenises) its sample.
    bleu = selfBleu(outputs, options.selfBleu ?? {});
  }
  return {
    outputCount: outputs.length,
    distinct1: distinct[0] ?? 0,
    distinct2: distinct[1] ?? 0,
    distinct3: distinct[2] ?? 0,
    distinct4: distinct[3] ?? 0,
    selfBleu: bleu,
    compressionRatio: compressionRatio(outputs),
    ngramDiversity: ngramDiversityOfCorpus(corpus),
  };
}

/**
 * Diversity within each input (across its repeats), averaged over inputs. Inputs with fewer
 * than 2 outputs say nothing about variation between repeats and are skipped;
 * `inputsCounted` says how many were used.
 */
export function withinInputDiversity(
  groups: ReadonlyMap<string, readonly string[]>,
  options: DiversityOptions = {},
): WithinInputDiversity {
  const reports = [...groups.values()]
    .filter((outputs) => outputs.length >= 2)
    .map((outputs) => diversityReport(outputs, options));
  return {
    inputsCounted: reports.length,
    distinct1: mean(reports.map((report) => report.distinct1)),
    distinct2: mean(reports.map((report) => report.distinct2)),
    distinct3: mean(reports.map((report) => report.distinct3)),
    distinct4: mean(reports.map((report) => report.distinct4)),
    selfBleu: mean(reports.map((report) => report.selfBleu?.value)),
    compressionRatio: mean(reports.map((report) => report.compressionRatio)),
    ngramDiversity: mean(reports.map((report) => report.ngramDiversity)),
  };
}

/**
 * Diversity across inputs: one output per input, the FIRST repeat of each (map order), so
 * that repeats do not inflate the redundancy between inputs; inputs with no output are
 * skipped. Then the set metrics of `diversityReport`.
 */
export function acrossInputDiversity(
  groups: ReadonlyMap<string, readonly string[]>,
  options: DiversityOptions = {},
): DiversityReport {
  const firsts: string[] = [];
  for (const outputs of groups.values()) {
    const first = outputs[0];
    if (first !== undefined) firsts.push(first);
  }
  return diversityReport(firsts, options);
}

function mean(values: readonly (number | undefined)[]): number | undefined {
  let sum = 0;
  let count = 0;
  for (const value of values) {
    if (value === undefined) continue;
    sum += value;
    count += 1;
  }
  return count === 0 ? undefined : sum / count;
}
