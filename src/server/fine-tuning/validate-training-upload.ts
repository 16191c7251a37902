import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { checkDataset } from '../../core/datasets/check-dataset.js';
import { parseTrainingLine } from '../../engines/trainer/data/read-training-file.js';
import { TunegateError } from '../../spec/tunegate-error.js';

/** Formats the trainer reads and OpenAI's fine-tuning API accepts. */
const acceptedFormats = new Set(['openai-chat', 'prompt-completion']);
const listedProblems = 5;

export type UploadValidation =
  | { ok: true; format: string; examples: number; warnings: string[] }
  | { ok: false; message: string };

interface LineProblem {
  line?: number | undefined;
  code: string;
  message: string;
}

/**
 * Checks an uploaded training file (a `.jsonl` path) twice: the dataset workbench's checks
 * (format rules, duplicates, lengths; only errors refuse the file, warnings are kept), then the
 * trainer's own reader on every line, so a file that uploads is a file the trainer can read.
 * A refusal names the lines at fault.
 */
export async function validateTrainingUpload(path: string): Promise<UploadValidation> {
  let analysis: Awaited<ReturnType<typeof checkDataset>>;
  try {
    analysis = await checkDataset(path, { minimumExamples: 1, maxListedPerCode: listedProblems });
  } catch (error) {
    if (error instanceof TunegateError) return { ok: false, message: error.message };
    throw error;
  }
  const { report } = analysis;
  if (report.container !== 'jsonl') {
    return {
      ok: false,
      message: `The file is a ${report.container === 'csv' ? 'CSV file' : 'JSON array'}; upload JSON Lines, one example per line.`,
    };
  }
  if (!acceptedFormats.has(report.format)) {
    return {
      ok: false,
      message: `The examples look like the ${report.format} format; this server trains on chat examples ({"messages": [...]}) or prompt/completion pairs.`,
    };
  }
  const errors = report.problems.filter((problem) => problem.severity === 'error');
  if (report.errors > 0) return { ok: false, message: describe(errors, report.errors) };
  const trainer = await readWithTrainer(path);
  if (trainer.problems.length > 0) {
    return { ok: false, message: describe(trainer.problems, trainer.problemCount) };
  }
  const warnings = report.problems
    .filter((problem) => problem.severity === 'warning')
    .slice(0, listedProblems)
    .map(formatLineProblem);
  return { ok: true, format: report.format, examples: trainer.examples, warnings };
}

async function readWithTrainer(
  path: string,
): Promise<{ examples: number; problems: LineProblem[]; problemCount: number }> {
  const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
  const problems: LineProblem[] = [];
  let problemCount = 0;
  let examples = 0;
  let number = 0;
  for await (const text of lines) {
    number += 1;
    if (text.trim() === '') continue;
    const parsed = parseTrainingLine(text, path, number);
    if ('kind' in parsed) {
      examples += 1;
      continue;
    }
    problemCount += 1;
    if (problems.length < listedProblems) problems.push(parsed);
  }
  return { examples, problems, problemCount };
}

function describe(problems: readonly LineProblem[], count: number): string {
  const shown = problems.slice(0, listedProblems);
  const more = count > shown.length ? ` (and ${count - shown.length} more)` : '';
  return `Invalid file format: ${shown.map(formatLineProblem).join('; ')}${more}.`;
}

function formatLineProblem(problem: LineProblem): string {
  const where = problem.line === undefined ? '' : `line ${problem.line}: `;
  return `${where}${problem.message} [${problem.code}]`;
}
