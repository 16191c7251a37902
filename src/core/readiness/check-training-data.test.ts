import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadTask } from '../task/load-task.js';
import { checkTrainingData } from './check-training-data.js';

let directory: string;
beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'tunegate-train-'));
});
afterEach(() => rmSync(directory, { recursive: true, force: true }));

const row = (id: string, input: string, expected?: string) =>
  JSON.stringify({ id, input, ...(expected === undefined ? {} : { expected }) });

describe('checkTrainingData', () => {
  it('counts invalid rows, rows failing the checks, duplicates, leakage and clean examples', async () => {
    writeFileSync(
      join(directory, 'eval.jsonl'),
      [row('e1', 'is the sky green', 'no'), row('e2', 'water is wet', 'yes')].join('\n'),
    );
    writeFileSync(
      join(directory, 'train.jsonl'),
      [
        row('t1', 'grass is green', 'yes'),
        row('t2', 'fire is cold', 'no'),
        row('t3', 'ice is cold', 'yes'),
        row('t4', '  GRASS   is green ', 'yes'), // duplicate of t1 after normalising
        row('t5', 'Is the sky green', 'no'), // the eval case e1
        row('t6', 'snow is black', 'maybe'), // not a label
        row('t7', 'rain falls'), // no expected answer
        '{"id": "t8", broken',
      ].join('\n'),
    );
    writeFileSync(
      join(directory, 'tunegate.yaml'),
      [
        'name: facts',
        'instruction: Answer yes or no.',
        'output: { kind: label, labels: [yes, no] }',
        'checks: [{ type: label }, { type: llm-judge, model: "double:echo", rubric: "right?" }]',
        'data: { eval: eval.jsonl, train: train.jsonl }',
        'models: [ "double:echo" ]',
        'variants: [ { name: plain } ]',
      ].join('\n'),
    );
    const task = await loadTask(join(directory, 'tunegate.yaml'));
    const readiness = await checkTrainingData(task);
    expect(readiness).toMatchObject({
      file: 'train.jsonl',
      rows: 8,
      invalid: 2,
      failingChecks: 1,
      duplicates: 1,
      leakage: 1,
      cleanExamples: 3,
    });
    const codes = readiness.problems.map((problem) => problem.code);
    for (const code of ['fails_task_checks', 'leaked_example', 'missing_field', 'invalid_json']) {
      expect(codes).toContain(code);
    }
    expect(readiness.problems.find((p) => p.code === 'leaked_example')?.line).toBe(5);
    expect(readiness.method).toContain('near-duplicates');
  });

  it('reports no data when the task names no train file', async () => {
    writeFileSync(join(directory, 'eval.jsonl'), row('e1', 'x', 'yes'));
    writeFileSync(
      join(directory, 'tunegate.yaml'),
      'name: t\ninstruction: Answer yes or no.\noutput: { kind: label, labels: [yes, no] }\nchecks: [{ type: label }]\ndata: { eval: eval.jsonl }\nmodels: [ "double:echo" ]\nvariants: [ { name: plain } ]\n',
    );
    const readiness = await checkTrainingData(await loadTask(join(directory, 'tunegate.yaml')));
    expect(readiness.file).toBeUndefined();
    expect(readiness.cleanExamples).toBe(0);
  });
});
