import { formatDescriptions } from '../core/datasets/dataset-format.js';
import type { DatasetProblem } from '../core/datasets/dataset-problem.js';
import type { DatasetReport } from '../core/datasets/dataset-report.js';
import type { CliIo } from './cli-io.js';

/** One problem as a report line: `line 12  near_duplicate  message`. */
export function formatProblemLine(problem: DatasetProblem): string {
  const where = (problem.line === undefined ? 'whole file' : `line ${problem.line}`).padEnd(12);
  const path = problem.path.length > 0 ? `${problem.path.join('.')}: ` : '';
  return `  ${where} ${problem.code.padEnd(32)} ${path}${problem.message}`;
}

/** The readable `data check` report: a headline, errors, warnings, counts and what to do. */
export function printDatasetReport(io: CliIo, report: DatasetReport, shownFile: string): void {
  io.stdout(
    `${shownFile}: ${formatDescriptions[report.format]}, ${report.rows} rows, ${report.cleanRows} clean (policy minimum ${report.minimumCleanRows})\n`,
  );
  io.stdout(`${report.errors} errors, ${report.warnings} warnings\n`);
  for (const severity of ['error', 'warning'] as const) {
    const listed = report.problems.filter((problem) => problem.severity === severity);
    if (listed.length === 0) continue;
    io.stdout(`\n${severity === 'error' ? 'errors' : 'warnings'}\n`);
    for (const problem of listed) io.stdout(`${formatProblemLine(problem)}\n`);
  }
  if (report.unlisted > 0) {
    io.stdout(`\n  … and ${report.unlisted} more (raise --max-listed, or use --json)\n`);
  }
  const counts = Object.entries(report.counts);
  if (counts.length > 0) {
    io.stdout(`\nby code: ${counts.map(([code, count]) => `${code} ${count}`).join(' · ')}\n`);
  }
  if (report.labels !== undefined) {
    const top = report.labels.slice(0, 10).map((entry) => `${entry.label} ${entry.count}`);
    const more = report.labels.length > 10 ? ` · … ${report.labels.length - 10} more` : '';
    io.stdout(`labels (${report.labels.length}): ${top.join(' · ')}${more}\n`);
  }
  const fixable = report.problems.some((problem) => problem.fixable) || report.unlisted > 0;
  if (fixable && Object.keys(report.counts).length > 0) {
    io.stdout(`\nfix what can be fixed: tunegate data fix ${shownFile} -o CLEAN_FILE\n`);
  }
  if (report.errors === 0) io.stdout('\nno errors\n');
}
