import { writeFile } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { type Command, Option } from 'commander';
import { renderHtmlReport } from '../../report/render-html-report.js';
import { renderJsonReport } from '../../report/render-json-report.js';
import { renderMarkdownReport } from '../../report/render-markdown-report.js';
import type { ReportExtras } from '../../report/report-extras.js';
import { SqliteComparisonStore } from '../../store/sqlite-comparison-store.js';
import type { CliIo } from '../cli-io.js';
import type { CommandContext } from '../command-context.js';
import { exitCodes } from '../exit-codes.js';
import { loadTaskFrom, openStore } from '../task-location.js';
import { assessFromArguments } from './ready-command.js';

export type ReportFormat = 'html' | 'md' | 'json';

export interface ReportArguments {
  task: string | undefined;
  store: string | undefined;
  format: ReportFormat | undefined;
  output: string | undefined;
}

const renderers = { html: renderHtmlReport, md: renderMarkdownReport, json: renderJsonReport };

export function registerReportCommand(program: Command, context: CommandContext): void {
  program
    .command('report')
    .description(
      'a self-contained report: gates, iterations and plateau, pass rates, consistency vs diversity, cost at volume',
    )
    .option('--task <file>', 'task file or folder', 'tunegate.yaml')
    .option('--store <file>', 'SQLite store (default: .tunegate/tunegate.db beside the task)')
    .addOption(
      new Option(
        '--format <format>',
        'html, md or json (default: from the -o extension, else html)',
      ).choices(['html', 'md', 'json']),
    )
    .option('-o, --output <file>', 'write to this file instead of standard output')
    .action(
      async (options: { task: string; store?: string; format?: ReportFormat; output?: string }) => {
        context.result.code = await reportCommand(context.io, {
          task: options.task,
          store: options.store,
          format: options.format,
          output: options.output,
        });
      },
    );
}

export async function reportCommand(io: CliIo, args: ReportArguments): Promise<number> {
  const format = args.format ?? formatFromFile(args.output) ?? 'html';
  const readiness = await assessFromArguments(io, { task: args.task, store: args.store });
  const text = renderers[format](readiness, await latestExtras(io, args));
  if (args.output === undefined) {
    io.stdout(text);
    return exitCodes.ok;
  }
  const file = resolve(io.cwd, args.output);
  await writeFile(file, text);
  io.stderr(
    `wrote the ${format} report to ${file} (${Math.ceil(Buffer.byteLength(text) / 1024)} KB)\n`,
  );
  return exitCodes.ok;
}

/** The latest finetune comparison and sampling sweep of the task, for their report sections. */
async function latestExtras(io: CliIo, args: ReportArguments): Promise<ReportExtras> {
  const task = await loadTaskFrom(io, args.task);
  const store = openStore(io, task.file, args.store);
  try {
    const results = new SqliteComparisonStore(store.database);
    return {
      comparison: results.latestComparison(task.config.name),
      sweep: results.latestSweep(task.config.name),
    };
  } finally {
    store.close();
  }
}

function formatFromFile(file: string | undefined): ReportFormat | undefined {
  const extension = file ? extname(file).toLowerCase() : '';
  if (extension === '.md' || extension === '.markdown') return 'md';
  if (extension === '.json') return 'json';
  if (extension === '.html' || extension === '.htm') return 'html';
  return undefined;
}
