import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { temporaryDirectory } from '../../../test/support/temporary-directory.js';
import type { GenerateRequest, GenerateResult, LanguageModel } from '../../spec/language-model.js';
import type { SamplingOptions } from '../../spec/sampling-options.js';
import { SqliteEvalStore } from '../../store/sqlite-eval-store.js';
import type { CellResult } from '../eval/cell-result.js';
import { loadTask } from '../task/load-task.js';
import type { LoadedTask } from '../task/loaded-task.js';
import type { PlaygroundQuality } from './playground-request.js';
import { runPlayground } from './run-playground.js';

/** Case alpha answers yes, yes, no over its repeats; beta always yes. */
class TableModel implements LanguageModel {
  readonly reference = 'fake:table';
  readonly provider = 'fake';
  readonly modelId = 'table';
  readonly supportsCompletionMode = true;
  readonly samplings: SamplingOptions[] = [];

  async generate(request: GenerateRequest): Promise<GenerateResult> {
    this.samplings.push(request.sampling);
    const prompt =
      request.prompt.mode === 'chat' ? (request.prompt.messages.at(-1)?.content ?? '') : '';
    const text = prompt.includes('alpha') && request.repeat === 2 ? 'no' : 'yes';
    return { text, usage: { inputTokens: 5, outputTokens: 1 }, finishReason: 'stop' };
  }
}

let folder: { path: string; remove: () => void };
let task: LoadedTask;
let store: SqliteEvalStore;

beforeEach(async () => {
  folder = temporaryDirectory('tunegate-playground-');
  writeFileSync(
    join(folder.path, 'eval.jsonl'),
    ['alpha', 'beta', 'gamma']
      .map((id) => JSON.stringify({ id, input: `case ${id}`, expected: 'yes' }))
      .join('\n'),
  );
  writeFileSync(
    join(folder.path, 'tunegate.yaml'),
    [
      'name: play',
      'instruction: Answer yes or no.',
      'output: { kind: label, labels: [yes, no] }',
      'checks: [{ type: equals }]',
      'data: { eval: eval.jsonl }',
      'models: [fake-model-not-used:x]',
      'variants: [{ name: plain }]',
      'sampling: { temperature: [0, 0.7], maxTokens: 10 }',
    ].join('\n'),
  );
  task = await loadTask(join(folder.path, 'tunegate.yaml'));
  store = new SqliteEvalStore(':memory:');
});

afterEach(() => {
  store.close();
  folder.remove();
});

describe('runPlayground', () => {
  it('runs variants × models × chosen cases × repeats, reporting cells and live quality', async () => {
    const model = new TableModel();
    const cells: CellResult[] = [];
    const qualities: PlaygroundQuality[] = [];
    const result = await runPlayground(
      task,
      {
        variants: [
          { name: 'plain', mode: 'chat' },
          { name: 'terse', mode: 'chat', instruction: 'yes or no?' },
        ],
        models: ['fake:table'],
        caseIds: ['beta', 'alpha'],
        repeats: 3,
        sampling: { temperature: 0.3 },
      },
      {
        store,
        createModel: () => model,
        onCell: (cell) => cells.push(cell),
        onQuality: (quality) => qualities.push(quality),
      },
    );
    expect(result.cancelled).toBe(false);
    expect(result.cells).toHaveLength(2 * 1 * 2 * 3);
    expect(cells).toHaveLength(12);
    expect(new Set(cells.map((cell) => cell.caseId))).toEqual(new Set(['alpha', 'beta']));
    // One sampling point: the request's temperature over the task grid's first point.
    expect(
      model.samplings.every(
        (sampling) => sampling.temperature === 0.3 && sampling.maxTokens === 10,
      ),
    ).toBe(true);
    expect(cells.filter((cell) => cell.passed).length).toBe(10);
    const last = (variant: string) =>
      qualities.filter((quality) => quality.variant === variant).at(-1);
    // alpha: yes, yes, no (agreement 2/3, not every repeat passes); beta: yes ×3 (1, all pass).
    for (const variant of ['plain', 'terse']) {
      const quality = last(variant);
      expect(quality?.answered).toBe(6);
      expect(quality?.agreement).toBeCloseTo((2 / 3 + 1) / 2);
      expect(quality?.passAllRepeats).toBeCloseTo(0.5);
    }
  });

  it('refuses unknown cases and duplicate variant names before calling anything', async () => {
    const model = new TableModel();
    const run = (caseIds: string[], names: string[]) =>
      runPlayground(
        task,
        {
          variants: names.map((name) => ({ name, mode: 'chat' as const })),
          models: ['fake:table'],
          caseIds,
          repeats: 1,
        },
        { store, createModel: () => model },
      );
    await expect(run(['delta'], ['plain'])).rejects.toThrow('no eval case "delta"');
    await expect(run(['alpha'], ['a', 'a'])).rejects.toThrow(
      'two playground variants are named "a"',
    );
    expect(model.samplings).toHaveLength(0);
  });
});
