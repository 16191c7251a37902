import { describe, expect, it } from 'vitest';
import { parseTrainingLine } from './read-training-file.js';

describe('parseTrainingLine', () => {
  it('reads chat examples with OpenAI per-message weights', () => {
    const line = JSON.stringify({
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: 'Hello', weight: 0 },
        { role: 'user', content: 'Again' },
        { role: 'assistant', content: 'Hi again' },
      ],
    });
    expect(parseTrainingLine(line, 'f.jsonl', 1)).toEqual({
      kind: 'chat',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: 'Hello', weight: 0 },
        { role: 'user', content: 'Again' },
        { role: 'assistant', content: 'Hi again' },
      ],
    });
  });

  it('reads prompt/completion and text examples', () => {
    expect(parseTrainingLine('{"prompt":"a","completion":" b"}', 'f', 2)).toEqual({
      kind: 'completion',
      prompt: 'a',
      completion: ' b',
    });
    expect(parseTrainingLine('{"text":"story"}', 'f', 3)).toEqual({ kind: 'text', text: 'story' });
  });

  it('returns problems with file and line for bad lines', () => {
    expect(parseTrainingLine('{oops', 'f.jsonl', 4)).toMatchObject({
      code: 'invalid_json',
      file: 'f.jsonl',
      line: 4,
    });
    expect(parseTrainingLine('{"messages":[{"role":"user","content":"q"}]}', 'f', 5)).toMatchObject(
      { code: 'no_trained_message' },
    );
    expect(
      parseTrainingLine('{"messages":[{"role":"assistant","content":"a","weight":2}]}', 'f', 6),
    ).toMatchObject({ code: 'invalid_chat', path: ['messages', 0, 'weight'] });
    expect(parseTrainingLine('{"input":"x"}', 'f', 7)).toMatchObject({ code: 'unknown_format' });
  });
});
