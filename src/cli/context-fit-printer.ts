import type { ContextFitReport } from '../core/eval/measure-context-fit.js';
import type { CliIo } from './cli-io.js';

/**
 * Before a real run: models the check had to skip, and (with --allow-overflow) what does not
 * fit, on stderr. Without the flag a finding refuses the run, and the error lists it instead.
 */
export function warnContextFit(
  io: CliIo,
  report: ContextFitReport,
  allowOverflow: boolean,
  label = '',
): void {
  const prefix = label === '' ? '' : `${label}: `;
  for (const skipped of report.skipped) {
    io.stderr(`${prefix}context check skipped for ${skipped.model}: ${skipped.reason}\n`);
  }
  if (!allowOverflow || report.findings.length === 0) return;
  io.stderr(
    `${prefix}warning: running anyway (--allow-overflow) although prompts or answers do not fit:\n`,
  );
  for (const finding of report.findings) io.stderr(`  ${finding.message}\n`);
}

/** For --dry-run: what was checked, how, and what a real run would refuse. */
export function printContextFit(io: CliIo, report: ContextFitReport, allowOverflow: boolean): void {
  const out = (line = '') => io.stdout(`${line}\n`);
  out('context check:');
  for (const checked of report.checked) {
    out(`  ${checked.model}: the context holds ${checked.contextSize} tokens (${checked.method})`);
  }
  for (const skipped of report.skipped) out(`  ${skipped.model}: skipped, ${skipped.reason}`);
  if (report.findings.length === 0) {
    if (report.checked.length > 0) out('  every prompt and expected answer fits');
    return;
  }
  for (const finding of report.findings) out(`  ${finding.message}`);
  out(
    allowOverflow
      ? 'a real run would start anyway (--allow-overflow), and these calls would fail or be cut'
      : 'a real run would refuse to start (exit 3); pass --allow-overflow to run anyway',
  );
}
