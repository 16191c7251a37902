import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { chooseEpochs } from '../../src/core/datasets/epoch-rule.js';
import type { ExportResult } from '../../src/core/datasets/export-dataset.js';
import { validateAgainstOpenApi } from '../support/openapi-validator.js';
import { temporaryDirectory } from '../support/temporary-directory.js';
import { json, requiredEnvironmentPath, runData } from './data-harness.js';

const fixtures = resolve(import.meta.dirname, '../fixtures/datasets');
type Row = Record<string, unknown>;
type Message = { role: string; content: unknown; weight?: number; train?: boolean };

const readRows = (file: string): Row[] =>
  readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Row);

/** Together's documented conversational rules (docs.together.ai, data preparation). */
function togetherProblems(row: Row): string[] {
  const messages = row.messages as Message[];
  const problems: string[] = [];
  if (Object.keys(row).join() !== 'messages') problems.push(`keys ${Object.keys(row)}`);
  const turns = messages[0]?.role === 'system' ? messages.slice(1) : messages;
  turns.forEach((message, index) => {
    if (message.role !== (index % 2 === 0 ? 'user' : 'assistant'))
      problems.push(`turn ${index} is ${message.role}`);
  });
  for (const message of messages) {
    if (typeof message.content !== 'string') problems.push('content is not text');
    if (message.weight !== undefined && message.weight !== 0 && message.weight !== 1)
      problems.push('weight not 0/1');
  }
  // Once any message has a weight, Together trains on every message not weighted 0.
  if (messages.some((message) => message.weight !== undefined)) {
    for (const message of messages)
      if (message.role !== 'assistant' && message.weight !== 0)
        problems.push(`${message.role} not masked`);
  }
  return problems;
}

/** Fireworks' documented supervised rows: system (first only), user, assistant; text content. */
function fireworksProblems(row: Row): string[] {
  const messages = row.messages as Message[];
  const problems: string[] = [];
  if (Object.keys(row).join() !== 'messages') problems.push(`keys ${Object.keys(row)}`);
  messages.forEach((message, index) => {
    if (!['system', 'user', 'assistant'].includes(message.role))
      problems.push(`role ${message.role}`);
    if (message.role === 'system' && index > 0) problems.push('system not first');
    if (typeof message.content !== 'string') problems.push('content is not text');
    if (Object.keys(message).some((key) => key !== 'role' && key !== 'content'))
      problems.push('extra keys');
  });
  if (!messages.some((message) => message.role === 'assistant')) problems.push('no assistant');
  return problems;
}

describe('tunegate data export', () => {
  let directory: ReturnType<typeof temporaryDirectory>;
  beforeEach(() => {
    directory = temporaryDirectory();
  });
  afterEach(() => directory.remove());

  const exportTo = async (file: string, engine: string, extra: string[] = []) => {
    const outcome = await runData(fixtures, [
      'export',
      file,
      '--to',
      engine,
      '-o',
      directory.path,
      '--json',
      ...extra,
    ]);
    expect(outcome.code).toBe(0);
    const result = json<ExportResult>(outcome);
    return { result, rows: readRows(result.dataFile) };
  };

  it('writes OpenAI rows that validate against the fine-tuning input schemas, from every format', async () => {
    const spec = requiredEnvironmentPath('TUNEGATE_OPENAI_SPEC_2025');
    // The schema does reject a bad row, so passing it means something.
    const bad = { messages: [{ role: 'robot', content: 'x' }] };
    expect(validateAgainstOpenApi('FineTuneChatRequestInput', bad, spec)).not.toEqual([]);
    for (const file of [
      'export-chat.jsonl',
      'export-alpaca.jsonl',
      'export-sharegpt.jsonl',
      'export-legacy.jsonl',
    ]) {
      const { result, rows } = await exportTo(file, 'openai');
      expect(result.skipped).toBe(0);
      for (const row of rows)
        expect(validateAgainstOpenApi('FineTuneChatRequestInput', row, spec)).toEqual([]);
    }
    const { rows } = await exportTo('export-chat.jsonl', 'openai');
    expect(rows[1]).toEqual(readRows(join(fixtures, 'export-chat.jsonl'))[1]);
    expect(rows[2]?.tools).toBeDefined();
    const legacy = await exportTo('export-legacy.jsonl', 'openai');
    expect(legacy.rows[0]).toEqual({
      messages: [
        { role: 'user', content: 'Tweet: I love it' },
        { role: 'assistant', content: 'positive' },
      ],
    });
  });

  it('writes OpenAI preference rows: input validates, each output is an assistant message', async () => {
    const spec = requiredEnvironmentPath('TUNEGATE_OPENAI_SPEC_2025');
    const { result, rows } = await exportTo('export-preference.jsonl', 'openai');
    expect(result.kind).toBe('preference');
    for (const row of rows) {
      expect(validateAgainstOpenApi('FineTunePreferenceRequestInput', row, spec)).toEqual([]);
      expect(Object.keys(row)).toEqual(['input', 'preferred_output', 'non_preferred_output']);
      for (const field of ['preferred_output', 'non_preferred_output']) {
        const outputs = row[field] as unknown[];
        expect(outputs).toHaveLength(1);
        expect(
          validateAgainstOpenApi('ChatCompletionRequestAssistantMessage', outputs[0], spec),
        ).toEqual([]);
      }
    }
  });

  it('writes Together rows by its documented rules, skipping what it cannot take', async () => {
    const { result, rows } = await exportTo('export-chat.jsonl', 'together');
    expect(result.skipReasons).toEqual({
      "tool calls are not part of Together's conversational format": 1,
    });
    expect(rows).toHaveLength(3);
    for (const row of rows) expect(togetherProblems(row)).toEqual([]);
    expect(rows[1]).toEqual({
      messages: [
        { role: 'user', content: "Translate 'cat' to French.", weight: 0 },
        { role: 'assistant', content: 'chien', weight: 0 },
        { role: 'user', content: 'That is dog. Again?', weight: 0 },
        { role: 'assistant', content: 'chat', weight: 1 },
      ],
    });
    expect(rows[2]).toEqual({
      messages: [
        { role: 'user', content: 'Describe a sunset\nin five words.' },
        { role: 'assistant', content: 'Orange light melts into night.' },
      ],
    });
    const preference = await exportTo('export-preference.jsonl', 'together');
    expect(Object.keys(preference.rows[0] ?? {})).toEqual([
      'input',
      'preferred_output',
      'non_preferred_output',
    ]);
  });

  it('writes Fireworks rows by its documented rules', async () => {
    const { result, rows } = await exportTo('export-chat.jsonl', 'fireworks');
    expect(result.skipped).toBe(1);
    for (const row of rows) expect(fireworksProblems(row)).toEqual([]);
    const refused = await runData(fixtures, [
      'export',
      'export-preference.jsonl',
      '--to',
      'fireworks',
      '-o',
      directory.path,
    ]);
    expect(refused.code).toBe(2);
  });

  it('writes axolotl rows, a chat_template config and the exact command', async () => {
    const { result, rows } = await exportTo('export-chat.jsonl', 'axolotl', [
      '--base-model',
      'Qwen/Qwen2.5-1.5B-Instruct',
    ]);
    expect(result.command).toBe('accelerate launch -m axolotl.cli.train config.yml');
    expect(result.epochs).toBe(chooseEpochs(3));
    expect(rows[1]?.messages).toEqual([
      { role: 'user', content: "Translate 'cat' to French." },
      { role: 'assistant', content: 'chien', train: false },
      { role: 'user', content: 'That is dog. Again?' },
      { role: 'assistant', content: 'chat', train: true },
    ]);
    const config = parse(readFileSync(join(directory.path, 'config.yml'), 'utf8'));
    expect(config.base_model).toBe('Qwen/Qwen2.5-1.5B-Instruct');
    expect(config.num_epochs).toBe(result.epochs);
    expect(config.datasets).toEqual([
      {
        path: './train.jsonl',
        ds_type: 'json',
        type: 'chat_template',
        field_messages: 'messages',
        message_property_mappings: { role: 'role', content: 'content' },
        roles_to_train: ['assistant'],
        train_on_eos: 'turn',
        message_field_training: 'train',
      },
    ]);
    expect(readFileSync(join(directory.path, 'train.sh'), 'utf8')).toContain(result.command);
  });

  it('writes TRL conversational rows with a config for trl sft, and preference rows for trl dpo', async () => {
    const { result, rows } = await exportTo('export-chat.jsonl', 'trl');
    expect(result.command).toBe('trl sft --config sft_config.yaml');
    const config = parse(readFileSync(join(directory.path, 'sft_config.yaml'), 'utf8'));
    expect(config.datasets).toEqual([{ path: 'json', data_files: 'train.jsonl', split: 'train' }]);
    expect(config.num_train_epochs).toBe(chooseEpochs(4));
    const messages = (rows[2]?.messages ?? []) as {
      tool_calls?: { function: { arguments: unknown } }[];
    }[];
    const call = messages[1];
    expect(call?.tool_calls?.[0]?.function.arguments).toEqual({ city: 'Oslo' });
    expect(rows[2]?.tools).toBeDefined();
    const preference = await exportTo('export-preference.jsonl', 'trl');
    expect(preference.result.command).toBe('trl dpo --config dpo_config.yaml');
    expect(preference.rows[1]).toEqual({
      prompt: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Is water wet?' },
      ],
      chosen: [{ role: 'assistant', content: 'Yes.' }],
      rejected: [
        {
          role: 'assistant',
          content: 'Water is a substance composed of hydrogen and oxygen that...',
        },
      ],
    });
  });

  it('writes Unsloth rows and a script naming the data, the base model and the epochs', async () => {
    const { result, rows } = await exportTo('export-alpaca.jsonl', 'unsloth');
    expect(result.command).toBe('python train_unsloth.py');
    expect(rows[0]).toEqual({
      messages: [
        { role: 'user', content: 'Give the opposite word.\n\nhot' },
        { role: 'assistant', content: 'cold' },
      ],
    });
    const script = readFileSync(join(directory.path, 'train_unsloth.py'), 'utf8');
    expect(script).toContain('DATA_FILE = "train.jsonl"');
    expect(script).toContain('BASE_MODEL = "unsloth/Qwen2.5-0.5B-Instruct"');
    expect(script).toContain(`num_train_epochs=${chooseEpochs(2)},`);
  });

  it('turns eval cases into chat rows with the task instruction and input template', async () => {
    const { rows } = await exportTo(join(fixtures, 'task-label', 'eval.csv'), 'openai', [
      '--task',
      join(fixtures, 'task-label'),
    ]);
    expect(rows[0]).toEqual({
      messages: [
        {
          role: 'system',
          content:
            'Label the sentiment of the review as positive or negative. Answer with one word.',
        },
        { role: 'user', content: 'Review: the soup was warm and the staff were kind' },
        { role: 'assistant', content: 'positive' },
      ],
    });
  });
});
