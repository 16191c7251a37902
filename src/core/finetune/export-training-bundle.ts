import { mkdtemp, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Problem } from '../../spec/problem.js';
import { TunegateError } from '../../spec/tunegate-error.js';
import { writeFileAtomically } from '../datasets/atomic-file-writer.js';
import { exportDataset } from '../datasets/export-dataset.js';
import { shortPromptSource } from '../datasets/upload-rows.js';
import type { LoadedTask } from '../task/loaded-task.js';
import { resolveDataPath } from '../task/read-data-file.js';
import { checkTrainingFile } from './prepare-training-files.js';

export const bundleTrainers = ['axolotl', 'trl', 'unsloth'] as const;
export type BundleTrainer = (typeof bundleTrainers)[number];

export function isBundleTrainer(value: string): value is BundleTrainer {
  return (bundleTrainers as readonly string[]).includes(value);
}

export interface BundleOptions {
  to: BundleTrainer;
  directory: string;
  train?: string | undefined;
  validation?: string | undefined;
  /** Hugging Face model id to train (default: the trainer's small default). */
  baseModel?: string | undefined;
  epochs?: number | undefined;
  keepInstruction?: boolean | undefined;
  now?: () => Date;
}

export interface TrainingBundle {
  trainer: BundleTrainer;
  directory: string;
  /** Every file written; the README last. */
  files: string[];
  /** The exact command that trains, run from the bundle folder. */
  command: string;
  trainRows: number;
  validationRows: number | null;
  warnings: Problem[];
}

const installs: Record<BundleTrainer, string> = {
  axolotl: 'pip install axolotl accelerate',
  trl: 'pip install trl peft',
  unsloth: 'pip install unsloth',
};

/**
 * `finetune --export`: the same checked data as an upload, written for a team that trains on
 * its own GPUs: `train.jsonl` (and `validation.jsonl`), the trainer's config and `train.sh`
 * from the dataset exporters, and a README with the exact command.
 */
export async function exportTrainingBundle(
  task: LoadedTask,
  options: BundleOptions,
): Promise<TrainingBundle> {
  const trainPath = options.train ?? task.config.data.train;
  if (!trainPath) {
    throw new TunegateError(
      'INVALID_ARGUMENT',
      'no training data: set data.train in the task or pass --train FILE',
    );
  }
  const validationPath = options.validation ?? task.config.data.validation;
  const warnings: Problem[] = [];
  const train = await checkTrainingFile(
    task,
    resolveDataPath(task, trainPath),
    'training',
    warnings,
  );
  const validation = validationPath
    ? await checkTrainingFile(task, resolveDataPath(task, validationPath), 'validation', warnings)
    : undefined;
  const keep = options.keepInstruction ?? false;
  const outputField = task.config.output.field;
  const workspace = await mkdtemp(join(tmpdir(), 'tunegate-bundle-'));
  try {
    const exported = await exportDataset(
      await shortPromptSource(task, train, keep, workspace, 'train'),
      {
        to: options.to,
        directory: options.directory,
        outputField,
        ...(options.baseModel ? { baseModel: options.baseModel } : {}),
        ...(options.epochs ? { epochs: options.epochs } : {}),
        ...(keep ? { task } : {}),
      },
    );
    if (exported.command === undefined) {
      throw new Error(`the ${options.to} exporter wrote no training command`);
    }
    const files = [...exported.files];
    let validationRows: number | null = null;
    if (validation) {
      const separate = join(workspace, 'validation-export');
      const written = await exportDataset(
        await shortPromptSource(task, validation, keep, workspace, 'validation'),
        { to: options.to, directory: separate, outputField, ...(keep ? { task } : {}) },
      );
      const target = join(options.directory, 'validation.jsonl');
      await rename(written.dataFile, target);
      files.splice(1, 0, target);
      validationRows = written.written;
    }
    const readme = join(options.directory, 'README.md');
    await writeFileAtomically(
      readme,
      bundleReadme({
        task: task.config.name,
        trainer: options.to,
        command: exported.command,
        trainRows: exported.written,
        validationRows,
        configFiles: exported.files
          .slice(1)
          .map((file) => file.slice(options.directory.length + 1)),
        keepInstruction: keep,
        epochs: exported.epochs,
        date: (options.now?.() ?? new Date()).toISOString().slice(0, 10),
      }),
    );
    files.push(readme);
    return {
      trainer: options.to,
      directory: options.directory,
      files,
      command: exported.command,
      trainRows: exported.written,
      validationRows,
      warnings,
    };
  } finally {
    await rm(workspace, { recursive: true, force: true });
  }
}

interface ReadmeFacts {
  task: string;
  trainer: BundleTrainer;
  command: string;
  trainRows: number;
  validationRows: number | null;
  configFiles: string[];
  keepInstruction: boolean;
  epochs: number;
  date: string;
}

export function bundleReadme(facts: ReadmeFacts): string {
  const rows = facts.keepInstruction
    ? 'the task instruction as the system message, the case input as the user turn, the answer as the assistant turn'
    : 'the case input as the user turn and the answer as the assistant turn, with no instruction: the short prompt `tunegate compare` evaluates the finetuned model with';
  return `# ${facts.task}: ${facts.trainer} training bundle

Written by \`tunegate finetune --export ${facts.trainer}\` on ${facts.date}, from data that passed
tunegate's dataset checks (format, the task's own checks, duplicates, no overlap with the eval set).

| file | what |
| --- | --- |
| \`train.jsonl\` | ${facts.trainRows} training examples: ${rows} |
${facts.validationRows === null ? '' : `| \`validation.jsonl\` | ${facts.validationRows} validation examples in the same format (not read by the config: add it as your trainer's eval set if you want one) |\n`}${facts.configFiles.map((file) => `| \`${file}\` | ${file === 'train.sh' ? 'the command below, as a script' : `the ${facts.trainer} configuration (${facts.epochs} epochs)`} |`).join('\n')}

## Train

Install the trainer (\`${installs[facts.trainer]}\`) on a machine with a GPU, then run from this folder:

\`\`\`sh
${facts.command}
\`\`\`

## Then

Serve the trained model behind an OpenAI-compatible API, add it to \`models:\` in tunegate.yaml
(for example \`ref: openai-compatible:NAME\` with its \`baseURL\`), and run
\`tunegate compare --finetuned NAME\` to measure it against the best prompt.
`;
}
