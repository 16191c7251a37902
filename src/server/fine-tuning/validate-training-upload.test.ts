import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { temporaryDirectory } from '../../../test/support/temporary-directory.js';
import { validateTrainingUpload } from './validate-training-upload.js';

let folder: { path: string; remove: () => void };
beforeEach(() => {
  folder = temporaryDirectory('tunegate-upload-');
});
afterEach(() => folder.remove());

function write(lines: string[]): string {
  const path = join(folder.path, 'upload.jsonl');
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

const chat = (index: number) =>
  JSON.stringify({
    messages: [
      { role: 'user', content: `Question number ${index} about item ${index * 7}?` },
      { role: 'assistant', content: `Answer ${index}: item ${index * 7} is ready.` },
    ],
  });

describe('validateTrainingUpload', () => {
  it('accepts chat examples, counting them and keeping warnings', async () => {
    const lines = Array.from({ length: 12 }, (_, index) => chat(index));
    lines.push(chat(3));
    const result = await validateTrainingUpload(write(lines));
    expect(result).toMatchObject({ ok: true, format: 'openai-chat', examples: 13 });
    expect(result.ok && result.warnings).toEqual([
      'only 12 usable examples: start with at least a few hundred; quality tends to rise by a similar step with each doubling of the number of examples [too_few_examples]',
      'line 13: duplicate of line 4 [duplicate_row]',
    ]);
  });

  it('accepts prompt/completion pairs', async () => {
    const lines = Array.from({ length: 10 }, (_, index) =>
      JSON.stringify({ prompt: `Tom saw ${index} cats.\nTag:`, completion: ` Tom | cat ${index}` }),
    );
    expect(await validateTrainingUpload(write(lines))).toMatchObject({
      ok: true,
      format: 'prompt-completion',
      examples: 10,
    });
  });

  it('refuses broken JSON, naming the line', async () => {
    const lines = [chat(1), chat(2), '{"messages": [', chat(4)];
    const result = await validateTrainingUpload(write(lines));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(
      /^Invalid file format: line 3: .*\[invalid_json\]\.$/,
    );
  });

  it('refuses what only the trainer cannot read, naming the line', async () => {
    const tool = JSON.stringify({
      messages: [
        { role: 'user', content: 'Weather?' },
        { role: 'assistant', content: [{ type: 'text', text: 'Sunny.' }] },
      ],
    });
    const result = await validateTrainingUpload(write([chat(1), tool]));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toContain('line 2: ');
  });

  it('refuses formats the trainer does not train on', async () => {
    const lines = [JSON.stringify({ instruction: 'Say hi', input: '', output: 'Hi' })];
    const result = await validateTrainingUpload(write(lines));
    expect(result).toEqual({
      ok: false,
      message:
        'The examples look like the alpaca format; this server trains on chat examples ({"messages": [...]}) or prompt/completion pairs.',
    });
  });
});
