import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TunegateError } from '../spec/tunegate-error.js';
import { createLanguageModel } from './create-language-model.js';
import { loadScriptedDoubleRules } from './load-scripted-double-rules.js';

const directory = mkdtempSync(path.join(tmpdir(), 'tunegate-double-'));

function writeRules(name: string, content: unknown): string {
  const file = path.join(directory, name);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

function thrown(action: () => unknown): TunegateError {
  try {
    action();
  } catch (error) {
    if (error instanceof TunegateError) return error;
    throw error;
  }
  throw new Error('expected a TunegateError');
}

describe('loadScriptedDoubleRules', () => {
  it('loads a valid file and drives a double through createLanguageModel', async () => {
    writeRules('intents.json', {
      description: 'banking intents',
      rules: [{ match: 'card.*lost', output: 'lost_or_stolen_card' }],
      default: ['balance', 'other'],
      failures: [{ status: 500, every: 1000 }],
    });
    const model = createLanguageModel({ ref: 'double:intents.json' }, { baseDirectory: directory });
    expect(model).toMatchObject({
      provider: 'double',
      modelId: 'intents.json',
      reference: 'double:intents.json',
    });
    const result = await model.generate({
      prompt: { mode: 'chat', messages: [{ role: 'user', content: 'My CARD was lost yesterday' }] },
      sampling: {},
    });
    expect(result.text).toBe('lost_or_stolen_card');
  });

  it('names the file and the field of a bad rule', () => {
    const file = writeRules('bad-output.json', {
      rules: [
        { match: 'a', output: 'b' },
        { match: 'c', output: 7 },
      ],
      default: 'd',
    });
    const error = thrown(() => loadScriptedDoubleRules(file));
    expect(error.code).toBe('INVALID_DATA');
    expect(error.message).toContain(file);
    expect(error.message).toContain('rules.1.output');
    expect(error.problems[0]).toMatchObject({ file, path: ['rules', 1, 'output'] });
  });

  it('reports an invalid regular expression at its field', () => {
    const file = writeRules('bad-pattern.json', {
      rules: [{ match: '([a-z', output: 'x' }],
      default: 'd',
    });
    const error = thrown(() => loadScriptedDoubleRules(file));
    expect(error.problems).toEqual([
      expect.objectContaining({
        file,
        path: ['rules', 0, 'match'],
        message: 'not a valid regular expression',
      }),
    ]);
  });

  it('reports unknown keys and a missing default', () => {
    const file = writeRules('typo.json', { rule: [], default: undefined });
    const error = thrown(() => loadScriptedDoubleRules(file));
    const paths = error.problems.map((problem) => problem.path.join('.'));
    expect(paths).toContain('rules');
    expect(paths).toContain('default');
    expect(error.problems.some((problem) => problem.code === 'unrecognized_keys')).toBe(true);
  });

  it('reports invalid JSON with the file', () => {
    const file = writeRules('broken.json', '{"rules": [');
    const error = thrown(() => loadScriptedDoubleRules(file));
    expect(error.problems[0]).toMatchObject({ code: 'invalid_json', file });
  });

  it('reports a missing file as FILE_NOT_FOUND naming the resolved path', () => {
    const error = thrown(() =>
      createLanguageModel({ ref: 'double:nowhere.json' }, { baseDirectory: directory }),
    );
    expect(error.code).toBe('FILE_NOT_FOUND');
    expect(error.message).toContain(path.join(directory, 'nowhere.json'));
  });
});

describe('double:echo', () => {
  it('answers with the last user message, or the completion text', async () => {
    const model = createLanguageModel({ ref: 'double:echo' });
    const chat = await model.generate({
      prompt: {
        mode: 'chat',
        messages: [
          { role: 'user', content: 'first' },
          { role: 'assistant', content: 'ok' },
          { role: 'user', content: 'second one' },
        ],
      },
      sampling: {},
    });
    expect(chat.text).toBe('second one');
    const completion = await model.generate({
      prompt: { mode: 'completion', text: 'raw text' },
      sampling: {},
    });
    expect(completion.text).toBe('raw text');
  });
});
