import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { type Problem, TunegateError } from '../../spec/index.js';
import { loadTask } from './load-task.js';

const exampleDirectory = resolve(
  dirname(fileURLToPath(import.meta.url)),
  '../../../examples/moon-jump',
);

// Line numbers in the tests below are counted on this text (line 1 is `name: demo`).
const validTask = [
  'name: demo', // 1
  'instruction: Say whether the review is positive.', // 2
  'output:', // 3
  '  kind: label', // 4
  '  labels: [positive, negative]', // 5
  'checks:', // 6
  '  - type: label', // 7
  'data:', // 8
  '  eval: eval.jsonl', // 9
  'models:', // 10
  '  - openai:gpt-4o-mini', // 11
  'variants:', // 12
  '  - name: plain', // 13
  'sampling:', // 14
  '  temperature: [0, 0.7]', // 15
];

const directories: string[] = [];

afterEach(async () => {
  await Promise.all(
    directories.splice(0).map((path) => rm(path, { recursive: true, force: true })),
  );
});

async function writeTask(
  lines: string[],
  files: Record<string, string> = { 'eval.jsonl': '{"id":"a","input":"x"}\n' },
): Promise<string> {
  const directory = await mkdtemp(join(tmpdir(), 'tunegate-load-task-'));
  directories.push(directory);
  for (const [name, content] of Object.entries(files))
    await writeFile(join(directory, name), content);
  const file = join(directory, 'tunegate.yaml');
  await writeFile(file, `${lines.join('\n')}\n`);
  return file;
}

function withLine(lineNumber: number, text: string): string[] {
  const lines = [...validTask];
  lines[lineNumber - 1] = text;
  return lines;
}

async function problemsOf(file: string): Promise<{ code: string; problems: Problem[] }> {
  try {
    await loadTask(file);
  } catch (error) {
    if (error instanceof TunegateError) return { code: error.code, problems: error.problems };
    throw error;
  }
  throw new Error('expected loadTask to fail');
}

describe('loadTask', () => {
  it('loads the bundled moon-jump example', async () => {
    const file = join(exampleDirectory, 'tunegate.yaml');
    const task = await loadTask(file);
    expect(task.config.name).toBe('moon-jump');
    expect(task.config.output).toEqual({
      kind: 'label',
      labels: ['correct', 'incorrect'],
      field: 'expected',
    });
    expect(task.config.variants.map((variant) => variant.name)).toEqual([
      'baseline',
      'strong-verb',
      'few-shot-fixed',
      'few-shot-nearest-system',
    ]);
    expect(task.config.repeats).toBe(3);
    expect(task.file).toBe(file);
    expect(task.directory).toBe(exampleDirectory);
    const expectedHash = createHash('sha256')
      .update(await readFile(file))
      .digest('hex');
    expect(task.hash).toBe(expectedHash);
    expect(task.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('accepts the folder that holds tunegate.yaml', async () => {
    const task = await loadTask(exampleDirectory);
    expect(task.file).toBe(join(exampleDirectory, 'tunegate.yaml'));
  });

  it('applies schema defaults to a minimal valid task', async () => {
    const task = await loadTask(await writeTask(validTask));
    expect(task.config.repeats).toBe(1);
    expect(task.config.input).toBe('{{input}}');
    expect(task.config.models).toEqual([{ ref: 'openai:gpt-4o-mini' }]);
    expect(task.config.sampling.temperature).toEqual([0, 0.7]);
  });

  it('reports a misspelt field with its line, path and a suggestion', async () => {
    const file = await writeTask(withLine(15, '  temprature: 0.5'));
    const { code, problems } = await problemsOf(file);
    expect(code).toBe('INVALID_TASK');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({
      file,
      line: 15,
      path: ['sampling', 'temprature'],
      message: 'unknown field "temprature" (did you mean "temperature"?)',
    });
  });

  it('reports a wrong enum value with the allowed values', async () => {
    const lines = [...validTask.slice(0, 13), '    mode: chatt', ...validTask.slice(13)];
    const { problems } = await problemsOf(await writeTask(lines));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ line: 14, path: ['variants', 0, 'mode'] });
    expect(problems[0]?.message).toBe('expected one of chat, completion, got "chatt"');
  });

  it('reports a wrong discriminator value on its own line', async () => {
    const { problems } = await problemsOf(await writeTask(withLine(4, '  kind: labels')));
    expect(problems[0]).toMatchObject({ line: 4, path: ['output', 'kind'] });
    expect(problems[0]?.message).toBe('expected one of text, label, json, got "labels"');
  });

  it('points a missing field at its nearest existing parent', async () => {
    const lines = [
      ...validTask.slice(0, 13),
      '    fewShot: { selection: fixed }',
      ...validTask.slice(13),
    ];
    const { problems } = await problemsOf(await writeTask(lines));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ line: 14, path: ['variants', 0, 'fewShot', 'k'] });
    expect(problems[0]?.message).toContain('missing required field "k"');
  });

  it('reports every schema problem at once, sorted by line', async () => {
    const lines = withLine(1, 'name: Not Valid');
    lines[14] = '  temperature: [0, 3]';
    const { problems } = await problemsOf(await writeTask(lines));
    expect(problems.map((problem) => [problem.line, problem.path])).toEqual([
      [1, ['name']],
      [15, ['sampling', 'temperature', 1]],
    ]);
    expect(problems[1]?.message).toBe('must be at most 2, got 3');
  });

  it('explains union and type mistakes through the branch that fits the value', async () => {
    const lines = [
      ...validTask.slice(0, 10),
      '  - ref: openai:gpt-4o-mini', // 11
      '    mode: chatt', // 12
      ...validTask.slice(11),
      'repeats: three', // 17
    ];
    const { problems } = await problemsOf(await writeTask(lines));
    expect(problems.map((problem) => [problem.line, problem.path, problem.message])).toEqual([
      [12, ['models', 0, 'mode'], 'expected one of chat, completion, got "chatt"'],
      [17, ['repeats'], 'expected a number, got "three"'],
    ]);
  });

  it('reports a YAML syntax error with its line', async () => {
    const file = await writeTask(withLine(4, '  kind: @label'));
    const { code, problems } = await problemsOf(file);
    expect(code).toBe('INVALID_TASK');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: 'yaml_syntax', file, line: 4, path: [] });
    expect(problems[0]?.message).toMatch(/^YAML syntax error: .+ \(column 9\)$/);
  });

  it('collapses the cascade of errors after one syntax mistake', async () => {
    const { problems } = await problemsOf(
      await writeTask(withLine(5, '  labels: [positive, negative]]')),
    );
    expect(problems.map((problem) => problem.line)).toEqual([5]);
  });

  it('reports a duplicate key as a YAML error on the second key', async () => {
    const { problems } = await problemsOf(await writeTask([...validTask, 'name: again']));
    expect(problems[0]).toMatchObject({ code: 'yaml_syntax', line: 16 });
  });

  it('reports missing data files at the line that names them', async () => {
    const lines = [...validTask.slice(0, 9), '  fewShot: pool.jsonl', ...validTask.slice(9)];
    const { problems } = await problemsOf(await writeTask(lines, {}));
    expect(problems.map((problem) => [problem.line, problem.path, problem.code])).toEqual([
      [9, ['data', 'eval'], 'file_not_found'],
      [10, ['data', 'fewShot'], 'file_not_found'],
    ]);
    expect(problems[0]?.message).toContain('eval.jsonl');
  });

  it('reports duplicate variant and model names', async () => {
    const lines = [
      ...validTask.slice(0, 11),
      '  - openai:gpt-4o-mini', // 12
      ...validTask.slice(11, 13),
      '  - name: plain', // 15
      ...validTask.slice(13),
    ];
    const { problems } = await problemsOf(await writeTask(lines));
    expect(problems.map((problem) => [problem.line, problem.path])).toEqual([
      [12, ['models', 1]],
      [15, ['variants', 1, 'name']],
    ]);
    expect(problems[1]?.message).toContain('duplicate variant name "plain"');
  });

  it('reports a label check on a text task and few-shot without a pool', async () => {
    const lines = withLine(4, '  kind: text').filter((line) => !line.includes('labels:'));
    const withFewShot = [...lines.slice(0, 12), '    fewShot: { k: 2 }', ...lines.slice(12)];
    const { problems } = await problemsOf(await writeTask(withFewShot));
    expect(problems.map((problem) => [problem.code, problem.line, problem.path])).toEqual([
      ['label_check_without_labels', 6, ['checks', 0, 'type']],
      ['few_shot_without_pool', 13, ['variants', 0, 'fewShot']],
    ]);
  });

  it('throws FILE_NOT_FOUND naming a missing task file', async () => {
    const missing = join(tmpdir(), 'tunegate-no-such-task', 'tunegate.yaml');
    const error = await loadTask(missing).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TunegateError);
    expect((error as TunegateError).code).toBe('FILE_NOT_FOUND');
    expect((error as TunegateError).message).toContain(missing);
  });

  it('reports an empty task file', async () => {
    const { problems } = await problemsOf(await writeTask(['# nothing here']));
    expect(problems).toEqual([
      expect.objectContaining({ code: 'empty_task', line: 1, message: 'the task file is empty' }),
    ]);
  });
});
