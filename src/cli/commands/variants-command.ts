import type { Command } from 'commander';
import { appendVariants } from '../../core/prompt-lab/append-variants.js';
import { proposeVariants } from '../../core/prompt-lab/propose-variants.js';
import { proposeRewrites } from '../../core/prompt-lab/rewrite-instruction.js';
import {
  type VariantAxis,
  type VariantProposal,
  variantAxes,
} from '../../core/prompt-lab/variant-proposal.js';
import type { LoadedTask } from '../../core/task/loaded-task.js';
import { loadCases, resolveDataPath } from '../../core/task/read-data-file.js';
import { createLanguageModel } from '../../providers/create-language-model.js';
import { TunegateError } from '../../spec/tunegate-error.js';
import { collectList, positiveInteger } from '../argument-parsers.js';
import type { CliIo } from '../cli-io.js';
import type { CommandContext } from '../command-context.js';
import { exitCodes } from '../exit-codes.js';
import { formatTable } from '../format-table.js';
import { loadTaskFrom } from '../task-location.js';

interface VariantsOptions {
  task: string;
  axis: string[];
  model?: string;
  rewrites: number;
  rewrite: boolean;
  accept: string[];
  acceptAll: boolean;
  json: boolean;
}

export function registerVariantsCommand(program: Command, context: CommandContext): void {
  program
    .command('variants')
    .description(
      'propose prompt variants along the axes (wording, few-shot, system, sampling); accepted ones are added to the task file',
    )
    .option('--task <file>', 'task file or folder', 'tunegate.yaml')
    .option('--axis <axes>', `only these axes (${variantAxes.join(', ')})`, collectList, [])
    .option('--model <ref>', 'model that rewrites the instruction (default: lab.model in the task)')
    .option('--rewrites <n>', 'how many rewrites to ask the model for', positiveInteger, 3)
    .option('--no-rewrite', 'only the built-in alternatives; call no model')
    .option(
      '--accept <names>',
      'add these proposals to the task file (comma-separated)',
      collectList,
      [],
    )
    .option('--accept-all', 'add every proposal to the task file', false)
    .option('--json', 'machine-readable output', false)
    .action(async (options: VariantsOptions) => {
      context.result.code = await variantsCommand(context.io, options);
    });
}

async function variantsCommand(io: CliIo, options: VariantsOptions): Promise<number> {
  const axes = options.axis.map((axis) => {
    if (!(variantAxes as readonly string[]).includes(axis)) {
      throw new TunegateError(
        'INVALID_ARGUMENT',
        `unknown axis "${axis}" (axes: ${variantAxes.join(', ')})`,
      );
    }
    return axis as VariantAxis;
  });
  const task = await loadTaskFrom(io, options.task);
  const config = task.config;
  const wanted = axes.length > 0 ? axes : variantAxes;
  const proposals = proposeVariants(config, {
    axes: wanted,
    ...(config.data.fewShot ? { fewShotPoolSize: await poolSize(task) } : {}),
    completionModels: config.models.some((model) => model.ref.startsWith('local:')),
  });
  const rejected: { reason: string; text: string }[] = [];
  const reference = options.model ?? config.lab?.model;
  if (options.rewrite && reference && wanted.includes('wording')) {
    const modelConfig = config.models.find(
      (model) => (model.name ?? model.ref) === reference || model.ref === reference,
    ) ?? { ref: reference };
    const model = createLanguageModel(modelConfig, { env: io.env, baseDirectory: task.directory });
    const rewrites = await proposeRewrites(
      {
        ...config,
        variants: [...config.variants, ...proposals.map((proposal) => proposal.variant)],
      },
      model,
      { count: options.rewrites, ...(io.signal ? { signal: io.signal } : {}) },
    );
    proposals.push(...rewrites.proposals);
    rejected.push(...rewrites.rejected);
  }
  const accepted = options.acceptAll
    ? proposals
    : options.accept.map((name) => {
        const found = proposals.find((proposal) => proposal.variant.name === name);
        if (!found) {
          throw new TunegateError(
            'INVALID_ARGUMENT',
            `no proposal named "${name}" (proposed: ${proposals.map((p) => p.variant.name).join(', ') || 'none'})`,
          );
        }
        return found;
      });
  if (accepted.length > 0) {
    await appendVariants(
      task.file,
      accepted.map((proposal) => ({
        variant: proposal.variant,
        comment: `proposed by tunegate variants (${proposal.axis} axis, ${proposal.source}): ${proposal.rationale}`,
      })),
    );
  }
  if (options.json) {
    io.stdout(
      `${JSON.stringify({ proposals, rejected, accepted: accepted.map((p) => p.variant.name) }, null, 2)}\n`,
    );
    return exitCodes.ok;
  }
  printProposals(io, proposals);
  for (const item of rejected) io.stdout(`rejected a rewrite (${item.reason})\n`);
  if (!reference && options.rewrite && wanted.includes('wording')) {
    io.stdout(
      '\nno rewriting model: set lab.model in the task or pass --model to add LLM rewrites\n',
    );
  }
  if (accepted.length > 0) {
    io.stdout(
      `\nadded ${accepted.length} variant${accepted.length === 1 ? '' : 's'} to ${task.file}: ${accepted.map((p) => p.variant.name).join(', ')}\nevaluate them with  tunegate eval --variant ${accepted.map((p) => p.variant.name).join(',')}\n`,
    );
  } else if (proposals.length > 0) {
    io.stdout('\nadd some to the task file with  --accept NAME[,NAME]  (or --accept-all)\n');
  }
  return exitCodes.ok;
}

function printProposals(io: CliIo, proposals: readonly VariantProposal[]): void {
  if (proposals.length === 0) {
    io.stdout('no new candidates: the task already has every built-in alternative\n');
    return;
  }
  io.stdout(
    `${formatTable(
      ['name', 'axis', 'source', 'lint', 'what it changes'],
      proposals.map((proposal) => {
        const errors = proposal.findings.filter((finding) => finding.severity === 'error').length;
        const warnings = proposal.findings.length - errors;
        return [
          proposal.variant.name,
          proposal.axis,
          proposal.source,
          errors + warnings === 0
            ? 'ok'
            : `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`,
          proposal.rationale,
        ];
      }),
    )}\n`,
  );
  for (const proposal of proposals) {
    if (proposal.source === 'built-in' || !proposal.variant.instruction) continue;
    io.stdout(`\n${proposal.variant.name}:\n${indent(proposal.variant.instruction)}\n`);
  }
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
}

async function poolSize(task: LoadedTask): Promise<number> {
  const pool = task.config.data.fewShot;
  if (!pool) return 0;
  return (await loadCases(resolveDataPath(task, pool))).cases.length;
}
