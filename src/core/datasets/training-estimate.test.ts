import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { temporaryDirectory } from '../../../test/support/temporary-directory.js';
import type { TrainingTokenCounter } from '../../spec/training-token-counter.js';
import { loadTask } from '../task/load-task.js';
import { createTokenCounter } from './token-counter.js';
import { estimateTraining } from './training-estimate.js';

let folder: { path: string; remove: () => void };
beforeEach(() => {
  folder = temporaryDirectory();
});
afterEach(() => folder.remove());

const jsonl = (rows: object[]) => `${rows.map((row) => JSON.stringify(row)).join('\n')}\n`;

describe('estimateTraining', () => {
  it('counts the upload rows with each model’s tiktoken encoding, cut at its example limit', async () => {
    const long = ' a'.repeat(20_000);
    const file = join(folder.path, 'chat.jsonl');
    writeFileSync(
      file,
      jsonl([
        {
          messages: [
            { role: 'user', content: 'What is 2 + 2?' },
            { role: 'assistant', content: '4' },
          ],
        },
        {
          messages: [
            { role: 'user', content: long },
            { role: 'assistant', content: 'ok' },
          ],
        },
      ]),
    );
    const [mini, turbo] = await estimateTraining(file, {
      models: ['openai:gpt-4o-mini', 'openai:gpt-3.5-turbo'],
    });
    // OpenAI's recipe: 3 to prime the reply, 4 a message, plus each message's text.
    const row = async (encoding: 'o200k_base' | 'cl100k_base', user: string, answer: string) => {
      const counter = await createTokenCounter(encoding);
      return 3 + 4 + counter.count(user) + 4 + counter.count(answer);
    };
    const miniTokens =
      (await row('o200k_base', 'What is 2 + 2?', '4')) + (await row('o200k_base', long, 'ok'));
    // gpt-3.5-turbo trains on at most 16,385 tokens an example; the long one is over it.
    const longTurbo = await row('cl100k_base', long, 'ok');
    expect(longTurbo).toBeGreaterThan(16_385);
    const turboTokens = (await row('cl100k_base', 'What is 2 + 2?', '4')) + 16_385;
    // Two examples: 100 passes would need 50 epochs, the rule's ceiling is 25.
    expect(mini).toMatchObject({
      engine: 'openai',
      examples: 2,
      tokensPerEpoch: miniTokens,
      epochs: 25,
      epochSource: 'the auto-epoch rule for 2 examples',
      trainingTokens: miniTokens * 25,
      truncatedExamples: 0,
      cost: (miniTokens * 25 * 3) / 1_000_000,
    });
    expect(mini?.tokenizer).toContain('o200k_base');
    expect(turbo).toMatchObject({
      tokensPerEpoch: turboTokens,
      truncatedExamples: 1,
      exampleLimit: 16_385,
    });
    expect(turbo?.tokenizer).toContain('cl100k_base');
  });

  it('counts eval rows as the task’s short-prompt chat rows, over the task’s epochs', async () => {
    writeFileSync(
      join(folder.path, 'eval.jsonl'),
      jsonl([{ id: 'e1', input: 'x', expected: 'y' }]),
    );
    writeFileSync(
      join(folder.path, 'train.jsonl'),
      jsonl([
        { id: 't1', input: 'the sky is green', expected: 'false' },
        { id: 't2', input: 'water is wet', expected: 'true' },
      ]),
    );
    writeFileSync(
      join(folder.path, 'tunegate.yaml'),
      [
        'name: facts',
        'instruction: Say whether the statement is true. Answer true or false.',
        'input: "Statement: {{input}}"',
        'output: { kind: text }',
        'checks: [{ type: equals }]',
        'data: { eval: eval.jsonl, train: train.jsonl }',
        'models: [ { ref: "openai:gpt-4o-mini", name: mini } ]',
        'variants: [ { name: plain } ]',
        'lab: { finetune: { model: mini, epochs: 2 } }',
      ].join('\n'),
    );
    const task = await loadTask(join(folder.path, 'tunegate.yaml'));
    const estimates = await estimateTraining(join(folder.path, 'train.jsonl'), { task });
    // The task's finetune model comes first; the instruction is not part of the rows.
    const [first] = estimates;
    const counter = await createTokenCounter('o200k_base');
    const row = (input: string, answer: string) =>
      3 + 4 + counter.count(`Statement: ${input}`) + 4 + counter.count(answer);
    const perEpoch = row('the sky is green', 'false') + row('water is wet', 'true');
    expect(first).toMatchObject({
      model: 'openai:gpt-4o-mini',
      tokensPerEpoch: perEpoch,
      epochs: 2,
      epochSource: 'lab.finetune.epochs',
      trainingTokens: perEpoch * 2,
    });
    const given = await estimateTraining(join(folder.path, 'train.jsonl'), {
      task,
      models: ['openai:gpt-4o-mini'],
      epochs: { epochs: 7, source: '--epochs' },
    });
    expect(given[0]?.trainingTokens).toBe(perEpoch * 7);
    expect(given[0]?.epochSource).toBe('--epochs');
  });

  it('uses the source’s tokenizer where it has one, and says when it failed', async () => {
    const file = join(folder.path, 'pairs.jsonl');
    writeFileSync(
      file,
      jsonl([
        { prompt: 'abcdef', completion: 'x' },
        { prompt: 'abc', completion: 'y' },
      ]),
    );
    let disposed = 0;
    const characters: TrainingTokenCounter = {
      tokenizer: 'characters',
      exact: true,
      exampleLimit: 5,
      count: (line) =>
        (JSON.parse(line) as { messages: { content: string }[] }).messages
          .map((m) => m.content)
          .join('').length,
      dispose: async () => {
        disposed++;
      },
    };
    const estimates = await estimateTraining(file, {
      models: ['local:tiny', 'local:missing', 'openai:gpt-4o-mini'],
      counters: async (ref) => {
        if (ref === 'local:missing') throw new Error('no GGUF model file');
        return ref === 'local:tiny' ? characters : undefined;
      },
    });
    const [tiny, missing, mini] = estimates;
    // The pairs upload as chat rows: 7 characters cut to 5, plus 4.
    expect(tiny).toMatchObject({
      tokensPerEpoch: 9,
      truncatedExamples: 1,
      tokenizer: 'characters',
      cost: 0,
    });
    expect(disposed).toBe(1);
    expect(missing?.tokenizer).toContain('its tokenizer did not load: no GGUF model file');
    expect(missing?.exact).toBe(false);
    expect(mini?.tokenizer).toContain('o200k_base');
  });
});
