import { describe, expect, it } from 'vitest';
import { TunegateError } from '../../spec/tunegate-error.js';
import type { EvalCase } from '../task/eval-case.js';
import type { LoadedTask } from '../task/loaded-task.js';
import { checkConfigSchema, taskSchema } from '../task/task-schema.js';
import type { CheckConfigOf } from './check.js';
import { createJsonCheck } from './json-check.js';

const evalCase: EvalCase = { id: 'c1', fields: {}, source: { file: 'eval.jsonl', line: 1 } };
const identity = { name: 'json', kind: 'format' } as const;

function loadedTask(output: Record<string, unknown>): LoadedTask {
  const config = taskSchema.parse({
    name: 'extract',
    instruction: 'Return JSON.',
    output,
    checks: [{ type: 'json' }],
    data: { eval: 'eval.jsonl' },
    models: ['openai:gpt-4o-mini'],
    variants: [{ name: 'base' }],
  });
  return { config, file: '/task/tunegate.yaml', directory: '/task', hash: 'h' };
}

const person = {
  type: 'object',
  required: ['name', 'age'],
  properties: { name: { type: 'string' }, age: { type: 'integer' } },
  additionalProperties: false,
};
const textTask = loadedTask({ kind: 'text' });
const make = (input: Record<string, unknown> = {}, task = textTask) =>
  createJsonCheck(
    checkConfigSchema.parse({ type: 'json', ...input }) as CheckConfigOf<'json'>,
    identity,
    task,
  );

describe('json check without a schema', () => {
  it('passes any JSON value', () => {
    expect(make().run('{"a": [1, 2]}', evalCase)).toEqual({
      name: 'json',
      kind: 'format',
      pass: true,
    });
    expect(make().run(' 42 ', evalCase)).toMatchObject({ pass: true });
  });

  it('fails on text and on empty output', async () => {
    expect(make().run('Sure! {"a": 1}', evalCase)).toMatchObject({ pass: false });
    const empty = await make().run('', evalCase);
    expect(empty).toMatchObject({ pass: false });
    expect(empty.reason).toMatch(/^not JSON: /);
  });

  it('accepts a fenced reply but says so', () => {
    for (const reply of ['```json\n{"a": 1}\n```', '  ```\n{"a": 1}```\n', '```JSON\n[1]\n```']) {
      expect(make().run(reply, evalCase)).toEqual({
        name: 'json',
        kind: 'format',
        pass: true,
        reason: 'fenced: the JSON was wrapped in a code fence',
      });
    }
    expect(make().run('```json\n{"a": }\n```', evalCase)).toMatchObject({ pass: false });
  });
});

describe('json check with a schema', () => {
  it('validates against the check schema and lists errors with pointers', async () => {
    const check = make({ schema: person });
    expect(check.run('{"name": "Ada", "age": 36}', evalCase)).toMatchObject({ pass: true });
    const result = await check.run('{"age": 36.5, "nick": "A"}', evalCase);
    expect(result.pass).toBe(false);
    const parts = (result.reason ?? '').split('; ');
    expect(parts).toHaveLength(3);
    expect(parts).toContain("(root): must have required property 'name'");
    expect(parts).toContain('/age: must be integer');
    expect(parts).toContain('(root): must NOT have additional properties (nick)');
  });

  it('shows at most three errors and counts the rest', async () => {
    const schema = { type: 'array', items: { type: 'string' } };
    const result = await make({ schema }).run('[1, 2, 3, 4, 5]', evalCase);
    expect(result.reason).toBe(
      '/0: must be string; /1: must be string; /2: must be string (and 2 more)',
    );
  });

  it('reports fencing alongside schema errors', async () => {
    const result = await make({ schema: person }).run('```json\n{"name": "Ada"}\n```', evalCase);
    expect(result).toMatchObject({
      pass: false,
      reason:
        "fenced: the JSON was wrapped in a code fence; (root): must have required property 'age'",
    });
  });

  it('falls back to the task output schema for json outputs', () => {
    const check = make({}, loadedTask({ kind: 'json', schema: person }));
    expect(check.run('{"name": "Ada", "age": 36}', evalCase)).toMatchObject({ pass: true });
    expect(check.run('{"name": "Ada", "age": "36"}', evalCase)).toMatchObject({
      pass: false,
      reason: '/age: must be integer',
    });
  });

  it('uses JSON Schema 2020-12 keywords', () => {
    const schema = { type: 'array', prefixItems: [{ const: 'id' }], items: { type: 'number' } };
    expect(make({ schema }).run('["id", 1, 2]', evalCase)).toMatchObject({ pass: true });
    expect(make({ schema }).run('["id", "x"]', evalCase)).toMatchObject({ pass: false });
  });

  it('rejects an invalid schema at creation', () => {
    expect(() => make({ schema: { type: 'nope' } })).toThrow(TunegateError);
    expect(() => make({ schema: { type: 'nope' } })).toThrow(/check "json": invalid JSON Schema/);
  });
});
