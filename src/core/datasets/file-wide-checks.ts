import { type DatasetProblem, datasetProblem } from './dataset-problem.js';
import { outputKinds } from './text-shape.js';

/** OpenAI's legacy tool warned below this many examples. */
export const fewExamples = 100;

export function tooFewExamples(count: number, file: string): DatasetProblem[] {
  if (count >= fewExamples) return [];
  const message = `only ${count} usable examples: start with at least a few hundred; quality tends to rise by a similar step with each doubling of the number of examples`;
  return [datasetProblem('too_few_examples', message, { file })];
}

export function belowPolicyMinimum(clean: number, minimum: number, file: string): DatasetProblem[] {
  if (clean >= minimum) return [];
  const message = `${clean} clean examples (after validation and de-duplication), fewer than the policy minimum of ${minimum}`;
  return [datasetProblem('below_policy_minimum', message, { file })];
}

/** Few distinct outputs over many rows: the legacy rule (fewer than a third) for classification. */
export function isClassification(distinct: number, rows: number, overflowed: boolean): boolean {
  return !overflowed && rows >= 10 && distinct >= 2 && distinct * 3 < rows;
}

export function classificationDetected(
  distribution: readonly { label: string; count: number }[],
  rows: number,
  file: string,
): DatasetProblem[] {
  const shown = distribution
    .slice(0, 5)
    .map((entry) => JSON.stringify(entry.label))
    .join(', ');
  const message = `looks like classification: ${distribution.length} distinct outputs over ${rows} rows (${shown}${distribution.length > 5 ? ', …' : ''}); keep labels short and distinct, list them in the instruction, and consider output.kind: label with a label check`;
  return [datasetProblem('classification_detected', message, { file })];
}

/** The rarest label has fewer than 1/ratio of the most common one's rows. */
export function labelImbalance(
  distribution: readonly { label: string; count: number }[],
  file: string,
  ratio = 10,
): DatasetProblem[] {
  const most = distribution[0];
  const least = distribution[distribution.length - 1];
  if (distribution.length < 2 || most === undefined || least === undefined) return [];
  if (most.count < ratio * least.count) return [];
  const rare = distribution
    .filter((entry) => entry.count * ratio <= most.count)
    .slice(-10)
    .map((entry) => `${JSON.stringify(entry.label)} (${entry.count})`)
    .join(', ');
  const message = `label imbalance: ${JSON.stringify(most.label)} has ${most.count} rows, ${JSON.stringify(least.label)} only ${least.count} (${(most.count / least.count).toFixed(1)}×); rare labels: ${rare}`;
  return [datasetProblem('label_imbalance', message, { file })];
}

/** Rows whose output is JSON when most are prose, or prose when most are JSON. */
export function inconsistentOutputFormat(
  kinds: Uint8Array,
  lines: Uint32Array,
  drops: Uint8Array,
  file: string,
): DatasetProblem[] {
  let json = 0;
  let prose = 0;
  for (let index = 0; index < kinds.length; index += 1) {
    if (drops[index] !== 0) continue;
    if (kinds[index] === outputKinds.json) json += 1;
    else if (kinds[index] === outputKinds.prose) prose += 1;
  }
  if (json === 0 || prose === 0) return [];
  const minority = json < prose ? outputKinds.json : outputKinds.prose;
  const [minorityName, majorityName, majorityCount] =
    minority === outputKinds.json ? ['JSON', 'prose', prose] : ['prose', 'JSON', json];
  const share = ((majorityCount / (json + prose)) * 100).toFixed(0);
  const problems: DatasetProblem[] = [];
  for (let index = 0; index < kinds.length; index += 1) {
    if (drops[index] !== 0 || kinds[index] !== minority) continue;
    const message = `the output is ${minorityName} while ${share}% of outputs are ${majorityName}`;
    problems.push(
      datasetProblem('inconsistent_output_format', message, { file, line: lines[index] }),
    );
  }
  return problems;
}

/**
 * Examples far from the typical length: a modified z-score above 3.5 on log(tokens), with
 * the median and median absolute deviation (robust to the outliers themselves).
 */
export function lengthOutliers(
  tokens: Uint32Array,
  lines: Uint32Array,
  drops: Uint8Array,
  file: string,
): DatasetProblem[] {
  const logs: number[] = [];
  for (let index = 0; index < tokens.length; index += 1) {
    if (drops[index] === 0) logs.push(Math.log1p(tokens[index] as number));
  }
  if (logs.length < 20) return [];
  const sorted = Float64Array.from(logs).sort();
  const median = middle(sorted);
  const deviations = sorted.map((value) => Math.abs(value - median)).sort();
  const spread = middle(deviations);
  if (spread === 0) return [];
  const typical = Math.round(Math.expm1(median));
  const problems: DatasetProblem[] = [];
  for (let index = 0; index < tokens.length; index += 1) {
    if (drops[index] !== 0) continue;
    const value = tokens[index] as number;
    const score = (0.6745 * (Math.log1p(value) - median)) / spread;
    if (Math.abs(score) <= 3.5) continue;
    const side = score > 0 ? 'long' : 'short';
    const message = `unusually ${side}: about ${value} tokens where the median example has ${typical}`;
    problems.push(datasetProblem('length_outlier', message, { file, line: lines[index] }));
  }
  return problems;
}

function middle(sorted: Float64Array): number {
  const half = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[half] as number)
    : ((sorted[half - 1] as number) + (sorted[half] as number)) / 2;
}
