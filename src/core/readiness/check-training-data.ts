import type { Problem } from '../../spec/problem.js';
import { checkDataset } from '../datasets/check-dataset.js';
import { findLeakage } from '../datasets/find-leakage.js';
import type { LoadedTask } from '../task/loaded-task.js';
import { resolveDataPath } from '../task/read-data-file.js';
import { type DatasetReadiness, noTrainingData } from './dataset-readiness.js';

const listedProblems = 20;

/**
 * Gate 5's view of the task's train file, through the dataset workbench: every row valid for
 * its format and passing the task's own checks (judges are skipped), exact and near
 * duplicates removed, and no row repeating (or nearly repeating) an eval case. (The training
 * tokens are the economics' part: `jobTrainingTokens`.)
 */
export async function checkTrainingData(task: LoadedTask): Promise<DatasetReadiness> {
  const config = task.config;
  if (!config.data.train) return noTrainingData();
  const file = resolveDataPath(task, config.data.train);
  const evalFile = resolveDataPath(task, config.data.eval);
  const outputField = config.output.field;
  const { report, plan } = await checkDataset(file, { task, outputField });
  const leakage = await findLeakage(file, evalFile, {
    outputField,
    against: { format: 'eval-cases', outputField },
    againstName: config.data.eval,
  });
  const count = (code: keyof typeof report.counts) => report.counts[code] ?? 0;
  const failingChecks = count('fails_task_checks');
  const duplicates = count('duplicate_row') + count('near_duplicate');
  let clean = 0;
  for (let index = 0; index < plan.drops.length; index++) {
    if (plan.drops[index] === 0 && (leakage.plan.drops[index] ?? 0) === 0) clean++;
  }
  const problems: Problem[] = [
    ...report.problems.filter((problem) => problem.severity === 'error'),
    ...leakage.problems,
    ...report.problems.filter((problem) => problem.severity !== 'error'),
  ].slice(0, listedProblems);
  return {
    file: config.data.train,
    rows: report.rows,
    invalid: Math.max(0, report.rows - report.cleanRows - failingChecks - duplicates),
    failingChecks,
    duplicates,
    leakage: leakage.exact + leakage.near,
    cleanExamples: clean,
    problems,
    method: `the dataset workbench: exact and near-duplicates (estimated similarity ≥ ${report.similarityThreshold}), exact and near copies of eval inputs (≥ ${leakage.similarityThreshold})`,
  };
}
