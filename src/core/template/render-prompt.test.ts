import { describe, expect, it } from 'vitest';
import { TunegateError } from '../../spec/tunegate-error.js';
import type { EvalCase } from '../task/eval-case.js';
import {
  type TaskInput,
  taskSchema,
  type VariantConfig,
  variantSchema,
} from '../task/task-schema.js';
import { createPromptRenderer } from './render-prompt.js';

const instruction = 'Classify the sentiment as positive or negative.';

function makeTask(overrides: Partial<TaskInput> = {}) {
  return taskSchema.parse({
    name: 'sentiment',
    instruction,
    input: 'Review: {{text}}',
    output: { kind: 'label', labels: ['positive', 'negative'], field: 'label' },
    checks: [{ type: 'label' }],
    data: { eval: 'eval.jsonl' },
    models: ['openai:gpt-4o-mini'],
    variants: [{ name: 'base' }],
    ...overrides,
  });
}

const variant = (input: Record<string, unknown>): VariantConfig =>
  variantSchema.parse({ name: 'v', ...input });

const row = (id: string, fields: Record<string, unknown>, line = 1): EvalCase => ({
  id,
  fields,
  source: { file: 'pool.jsonl', line },
});

const pool = [
  row('e1', { text: 'Great film', label: 'positive' }),
  row('e2', { text: 'Dull plot', label: 'negative' }),
  row('e3', { text: 'Loved it', label: 'positive' }),
];
const evalCase = row('c1', { text: 'Boring and slow', label: 'negative' });
const fixedTwo = { k: 2, selection: 'fixed' };

describe('createPromptRenderer: chat', () => {
  it('renders zero-shot as one user message: instruction, blank line, input', () => {
    const render = createPromptRenderer(makeTask(), variant({}), pool);
    expect(render(evalCase)).toEqual({
      mode: 'chat',
      messages: [{ role: 'user', content: `${instruction}\n\nReview: Boring and slow` }],
    });
  });

  it('puts few-shot examples as alternating turns after the system message', () => {
    const render = createPromptRenderer(
      makeTask(),
      variant({ system: 'You are terse.', fewShot: fixedTwo }),
      pool,
    );
    expect(render(evalCase)).toEqual({
      mode: 'chat',
      messages: [
        { role: 'system', content: 'You are terse.' },
        { role: 'user', content: 'Review: Great film' },
        { role: 'assistant', content: 'positive' },
        { role: 'user', content: 'Review: Dull plot' },
        { role: 'assistant', content: 'negative' },
        { role: 'user', content: `${instruction}\n\nReview: Boring and slow` },
      ],
    });
  });

  it('puts inline examples in an Examples block between instruction and input', () => {
    const render = createPromptRenderer(
      makeTask(),
      variant({ fewShot: { ...fixedTwo, format: 'inline' } }),
      pool,
    );
    expect(render(evalCase)).toEqual({
      mode: 'chat',
      messages: [
        {
          role: 'user',
          content:
            `${instruction}\n\n` +
            'Examples:\nInput: Review: Great film\nOutput: positive\n\n' +
            'Input: Review: Dull plot\nOutput: negative\n\n' +
            'Review: Boring and slow',
        },
      ],
    });
  });

  it('fills a custom template with the named slots and case fields', () => {
    const render = createPromptRenderer(
      makeTask(),
      variant({
        instruction: 'Is this review positive or negative?',
        template: '{{instruction}}\n---\n{{examples}}\n---\n{{input}} (raw: {{text}})',
        fewShot: { k: 1, selection: 'fixed', format: 'inline' },
      }),
      pool,
    );
    expect(render(evalCase)).toEqual({
      mode: 'chat',
      messages: [
        {
          role: 'user',
          content:
            'Is this review positive or negative?\n---\n' +
            'Examples:\nInput: Review: Great film\nOutput: positive\n---\n' +
            'Review: Boring and slow (raw: Boring and slow)',
        },
      ],
    });
  });

  it('fills {{examples}} with an empty string in messages format', () => {
    const render = createPromptRenderer(
      makeTask(),
      variant({ template: '[{{examples}}]{{input}}', fewShot: { k: 1 } }),
      pool,
    );
    const prompt = render(evalCase);
    expect(prompt.mode === 'chat' && prompt.messages.at(-1)?.content).toBe(
      '[]Review: Boring and slow',
    );
  });

  it('never uses the case itself as an example', () => {
    const render = createPromptRenderer(makeTask(), variant({ fewShot: fixedTwo }), pool);
    const prompt = render(row('e1', { text: 'Great film', label: 'positive' }));
    expect(prompt.mode === 'chat' && prompt.messages.map((message) => message.content)).toEqual([
      'Review: Dull plot',
      'negative',
      'Review: Loved it',
      'positive',
      `${instruction}\n\nReview: Great film`,
    ]);
  });

  it('JSON-stringifies a structured expected output', () => {
    const task = makeTask({
      input: '{{text}}',
      output: { kind: 'json', schema: { type: 'object' }, field: 'expected' },
    });
    const jsonPool = [row('j1', { text: 'Ada, 36', expected: { name: 'Ada', age: 36 } })];
    const render = createPromptRenderer(task, variant({ fewShot: { k: 1 } }), jsonPool);
    const prompt = render(row('c', { text: 'Bob, 40' }));
    expect(prompt.mode === 'chat' && prompt.messages[1]?.content).toBe('{"name":"Ada","age":36}');
  });
});

describe('createPromptRenderer: completion', () => {
  it('renders system, instruction, Input/Output pairs and the open Output', () => {
    const render = createPromptRenderer(
      makeTask(),
      variant({ mode: 'completion', system: 'You are terse.', fewShot: fixedTwo }),
      pool,
    );
    expect(render(evalCase)).toEqual({
      mode: 'completion',
      text:
        `You are terse.\n\n${instruction}\n\n` +
        'Input: Review: Great film\nOutput: positive\n\n' +
        'Input: Review: Dull plot\nOutput: negative\n\n' +
        'Input: Review: Boring and slow\nOutput:',
    });
  });

  it('renders zero-shot without a system text', () => {
    const render = createPromptRenderer(makeTask(), variant({ mode: 'completion' }), pool);
    expect(render(evalCase)).toEqual({
      mode: 'completion',
      text: `${instruction}\n\nInput: Review: Boring and slow\nOutput:`,
    });
  });

  it('uses a custom template after the system text', () => {
    const render = createPromptRenderer(
      makeTask(),
      variant({
        mode: 'completion',
        system: 'S',
        template: '{{instruction}}\n{{examples}}\nQ: {{text}}\nA:',
        fewShot: { k: 1 },
      }),
      pool,
    );
    expect(render(evalCase)).toEqual({
      mode: 'completion',
      text: `S\n\n${instruction}\nInput: Review: Great film\nOutput: positive\nQ: Boring and slow\nA:`,
    });
  });
});

describe('createPromptRenderer: problems', () => {
  it('reports pool rows without the expected field as INVALID_DATA with file and line', () => {
    const broken = [...pool, row('e4', { text: 'No label here' }, 7)];
    try {
      createPromptRenderer(makeTask(), variant({ fewShot: fixedTwo }), broken);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(TunegateError);
      const problem = (error as TunegateError).problems[0];
      expect((error as TunegateError).code).toBe('INVALID_DATA');
      expect(problem).toMatchObject({ file: 'pool.jsonl', line: 7, path: ['label'] });
      expect(problem?.message).toContain('e4');
    }
  });

  it('ignores the pool when the variant is zero-shot', () => {
    const broken = [row('e4', {})];
    expect(() => createPromptRenderer(makeTask(), variant({}), broken)).not.toThrow();
  });

  it('throws INVALID_TASK when the case lacks an input field', () => {
    const render = createPromptRenderer(makeTask(), variant({}), pool);
    expect(() => render(row('c', { body: 'x' }))).toThrow(/"text"/);
  });
});
