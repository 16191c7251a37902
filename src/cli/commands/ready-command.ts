import { type Command, InvalidArgumentError } from 'commander';
import { describeTrainingTokens } from '../../core/datasets/training-token-count.js';
import { assessReadiness, type Readiness } from '../../core/readiness/assess-readiness.js';
import type { Verdict } from '../../core/readiness/gate-result.js';
import { localTrainingTokenCounters } from '../../engines/trainer/data/llama-cpp-training-token-counter.js';
import type { CliIo } from '../cli-io.js';
import type { CommandContext } from '../command-context.js';
import { exitCodes } from '../exit-codes.js';
import { formatDollars } from '../format-table.js';
import { loadTaskFrom, openStore } from '../task-location.js';

/** `ready --exit-code`: one code per verdict, for CI. Documented in the README; never renumber. */
export const readyExitCodes: Record<Verdict, number> = {
  finetune: 0,
  'keep-prompting': 10,
  'not-ready': 11,
};

export interface AssessArguments {
  task: string | undefined;
  store: string | undefined;
  delta?: number | undefined;
  window?: number | undefined;
}

/** Loads the task, opens its store and assesses readiness; shared by `ready` and `report`. */
export async function assessFromArguments(io: CliIo, args: AssessArguments): Promise<Readiness> {
  const task = await loadTaskFrom(io, args.task);
  const store = openStore(io, task.file, args.store);
  try {
    return await assessReadiness(task, store, {
      delta: args.delta,
      window: args.window,
      counters: localTrainingTokenCounters({ cwd: task.directory, env: io.env }),
    });
  } finally {
    store.close();
  }
}

export const fraction = (value: string): number => {
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed < 0 || parsed > 1) {
    throw new InvalidArgumentError('expected a number from 0 to 1');
  }
  return parsed;
};

export function registerReadyCommand(program: Command, context: CommandContext): void {
  program
    .command('ready')
    .description(
      'the five gates with their evidence, the economics, and the verdict: keep-prompting, not-ready or finetune',
    )
    .option('--task <file>', 'task file or folder', 'tunegate.yaml')
    .option('--store <file>', 'SQLite store (default: .tunegate/tunegate.db beside the task)')
    .option('--json', 'machine-readable output', false)
    .option(
      '--exit-code',
      'exit 0 for finetune, 10 for keep-prompting, 11 for not-ready (for CI)',
      false,
    )
    .action(async (options: { task: string; store?: string; json: boolean; exitCode: boolean }) => {
      const { io } = context;
      const readiness = await assessFromArguments(io, { task: options.task, store: options.store });
      if (options.json) {
        const { verdict, verdictReason, nextActions, gates, economics } = readiness;
        io.stdout(
          `${JSON.stringify({ task: readiness.task, verdict, verdictReason, nextActions, gates, economics }, null, 2)}\n`,
        );
      } else printReadiness(io, readiness);
      context.result.code = options.exitCode ? readyExitCodes[readiness.verdict] : exitCodes.ok;
    });
}

export function printReadiness(io: CliIo, readiness: Readiness): void {
  const out = (line = '') => io.stdout(`${line}\n`);
  out(
    `tunegate ready: ${readiness.task.name} (${readiness.evalCases} eval cases, ${readiness.limits.iterations.length} iterations)`,
  );
  for (const gate of readiness.gates) {
    out();
    out(`${gate.pass ? 'PASS' : 'FAIL'}  gate ${gate.number}: ${gate.title}`);
    out(`      ${gate.summary}`);
    for (const line of gate.evidence) out(`      - ${line}`);
    for (const action of gate.next) out(`      next: ${action}`);
  }
  const economics = readiness.economics;
  out();
  out(`economics: ${economics.summary}`);
  if (economics.bestPrompt) {
    const best = economics.bestPrompt;
    out(
      `  best prompt  ${best.inputTokensPerCall.toFixed(0)} in / ${best.outputTokensPerCall.toFixed(0)} out tokens a call, ${formatDollars(best.costPerCall)} a call (${best.label})`,
    );
  }
  if (economics.finetuned) {
    const tuned = economics.finetuned;
    out(
      `  finetuned    ${tuned.inputTokensPerCall.toFixed(0)} in / ${tuned.outputTokensPerCall.toFixed(0)} out tokens a call, ${formatDollars(tuned.costPerCall)} a call (${tuned.baseRef}; ${tuned.method})`,
    );
  }
  if (economics.training) {
    const training = economics.training;
    out(
      `  training     ${describeTrainingTokens(training)} = ${formatDollars(training.cost)} (${training.method})`,
    );
  }
  for (const row of economics.prices) {
    const price = (value: number | null) => (value === null ? '?' : `$${value}`);
    out(
      `  price        ${row.model}: ${price(row.input)} in, ${price(row.output)} out, ${price(row.training)} training per 1M tokens; finetuned ${price(row.finetunedInput)} in, ${price(row.finetunedOutput)} out`,
    );
  }
  out();
  out(`verdict: ${readiness.verdict}: ${readiness.verdictReason}`);
  for (const action of readiness.nextActions) out(`  - ${action}`);
}
