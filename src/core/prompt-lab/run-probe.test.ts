import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqliteEvalStore } from '../../store/sqlite-eval-store.js';
import { loadTask } from '../task/load-task.js';
import { runProbe } from './run-probe.js';

let directory: string;
beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'tunegate-probe-'));
  writeFileSync(
    join(directory, 'eval.jsonl'),
    ['{"id":"a","input":"one","expected":"x"}', '{"id":"b","input":"two","expected":"y"}'].join(
      '\n',
    ),
  );
  writeFileSync(
    join(directory, 'tunegate.yaml'),
    [
      'name: probe-demo',
      'instruction: Answer with x or y.',
      'output: { kind: label, labels: [x, y] }',
      'checks: [{ type: label }, { type: equals }]',
      'data: { eval: eval.jsonl }',
      'models: [ "double:echo", { ref: "double:echo", name: second } ]',
      'variants:',
      '  - { name: persona, system: "You are terse." }',
      'repeats: 2',
    ].join('\n'),
  );
});
afterEach(() => rmSync(directory, { recursive: true, force: true }));

describe('runProbe', () => {
  it('runs the plain instruction zero-shot on every model and records a probe run', async () => {
    const task = await loadTask(join(directory, 'tunegate.yaml'));
    const store = new SqliteEvalStore(':memory:');
    const result = await runProbe(task, { store });
    expect(result.run.kind).toBe('probe');
    expect(store.getRun(result.run.id)?.kind).toBe('probe');
    const cells = [...store.iterateCells(result.run.id)];
    // 2 models × 2 cases × 2 repeats, all of the synthetic plain variant, not the persona.
    expect(cells).toHaveLength(8);
    expect(new Set(cells.map((cell) => cell.variant))).toEqual(new Set(['plain']));
    expect(new Set(cells.map((cell) => cell.model))).toEqual(new Set(['double:echo', 'second']));
    // The echo double answers with the user message: the instruction, then the input.
    expect(cells[0]?.output).toBe('Answer with x or y.\n\none');
    expect(store.groupTotals('probe-demo').every((group) => group.runKind === 'probe')).toBe(true);
    store.close();
  });
});
