import { resolve } from 'node:path';
import { writeFileAtomically } from '../core/datasets/atomic-file-writer.js';
import { importFromRun } from '../core/datasets/import-from-run.js';
import { loadCases, resolveDataPath } from '../core/task/read-data-file.js';
import { TunegateError } from '../spec/tunegate-error.js';
import type { CliIo } from './cli-io.js';
import { shownPath } from './data-check-action.js';
import { exitCodes } from './exit-codes.js';
import { loadTaskFrom, openStore } from './task-location.js';

export interface ImportArguments {
  fromRun: string;
  output: string;
  task?: string;
  store?: string;
  as: 'sft' | 'dpo';
  perCase: number;
  system: boolean;
  json: boolean;
}

/**
 * `data import --from-run RUN -o OUT`: passing outputs of a stored run as training rows
 * (or preference pairs), with a lineage file beside them: OUT.lineage.jsonl, line for line.
 */
export async function dataImportAction(io: CliIo, args: ImportArguments): Promise<number> {
  const task = await loadTaskFrom(io, args.task);
  const { cases, problems } = await loadCases(resolveDataPath(task, task.config.data.eval));
  if (problems.length > 0) throw TunegateError.fromProblems('INVALID_DATA', problems);
  const store = openStore(io, task.file, args.store);
  try {
    const summary = importFromRun({
      store,
      runId: args.fromRun,
      task,
      cases,
      as: args.as,
      perCase: args.perCase,
      system: args.system,
    });
    const output = resolve(io.cwd, args.output);
    const lineagePath = `${output}.lineage.jsonl`;
    await writeFileAtomically(
      output,
      summary.rows.map((entry) => `${JSON.stringify(entry.row)}\n`).join(''),
    );
    await writeFileAtomically(
      lineagePath,
      summary.rows
        .map((entry, index) => `${JSON.stringify({ line: index + 1, ...entry.lineage })}\n`)
        .join(''),
    );
    if (args.json) {
      io.stdout(
        `${JSON.stringify({ output, lineage: lineagePath, rows: summary.rows.length, casesWithout: summary.casesWithout, taskChanged: summary.taskChanged }, null, 2)}\n`,
      );
      return exitCodes.ok;
    }
    io.stdout(
      `wrote ${summary.rows.length} ${args.as === 'dpo' ? 'preference pairs' : 'examples'} from run ${summary.run.id} to ${shownPath(io, output)}\n`,
    );
    io.stdout(`lineage: ${shownPath(io, lineagePath)}\n`);
    if (summary.casesWithout > 0) {
      io.stdout(
        `${summary.casesWithout} cases had no ${args.as === 'dpo' ? 'passing and failing pair' : 'passing output'}\n`,
      );
    }
    if (summary.taskChanged)
      io.stderr(
        'note: the task file changed since this run; checks were judged by the older version\n',
      );
    return exitCodes.ok;
  } finally {
    store.close();
  }
}
