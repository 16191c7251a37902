import { describe, expect, it } from 'vitest';
import { alternates, plainMessages, usesTools } from './engine-exporter.js';
import { toTrainingExample } from './training-example.js';

describe('toTrainingExample', () => {
  it('turns ShareGPT turns into chat messages, tool results into user turns', () => {
    const example = toTrainingExample(
      {
        system: 'Be kind.',
        conversations: [
          { from: 'human', value: 'Hi' },
          { from: 'function_call', value: '{"name": "f"}' },
          { from: 'observation', value: '42' },
          { from: 'gpt', value: 'It is 42.' },
        ],
      },
      { format: 'sharegpt', outputField: undefined },
    );
    expect(example).toEqual({
      kind: 'chat',
      messages: [
        { role: 'system', content: 'Be kind.' },
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: '{"name": "f"}' },
        { role: 'user', content: '42' },
        { role: 'assistant', content: 'It is 42.' },
      ],
    });
  });

  it('turns an eval case without a task into its one input field and its output field', () => {
    expect(
      toTrainingExample(
        { id: 3, text: 'card lost', category: 'lost_card' },
        { format: 'eval-cases', outputField: 'category' },
      ),
    ).toEqual({
      kind: 'chat',
      messages: [
        { role: 'user', content: 'card lost' },
        { role: 'assistant', content: 'lost_card' },
      ],
    });
    expect(
      toTrainingExample({ a: 'x', b: 'y', out: 'z' }, { format: 'eval-cases', outputField: 'out' }),
    ).toMatchObject({
      messages: [
        { role: 'user', content: 'a: x\nb: y' },
        { role: 'assistant', content: 'z' },
      ],
    });
    expect(
      toTrainingExample({ text: 'x' }, { format: 'eval-cases', outputField: 'category' }),
    ).toEqual({ skip: 'no output field "category"' });
  });

  it('strips legacy separators and endings', () => {
    const example = toTrainingExample(
      { prompt: 'Q: 2+2?\n\n###\n\n', completion: ' 4 END' },
      { format: 'prompt-completion', outputField: undefined },
    );
    expect(example).toEqual({
      kind: 'chat',
      messages: [
        { role: 'user', content: 'Q: 2+2?' },
        { role: 'assistant', content: '4' },
      ],
    });
  });
});

describe('exporter helpers', () => {
  it('alternates: optional system, then user / assistant from a user turn', () => {
    const roles = (...names: string[]) => names.map((role) => ({ role }));
    expect(alternates(roles('system', 'user', 'assistant', 'user', 'assistant'))).toBe(true);
    expect(alternates(roles('user', 'user', 'assistant'))).toBe(false);
    expect(alternates(roles('assistant', 'user'))).toBe(false);
    expect(alternates(roles('system'))).toBe(false);
  });

  it('flattens content parts to text and spots tool use', () => {
    const messages = [
      {
        role: 'user',
        content: [
          { type: 'text', text: 'a' },
          { type: 'image_url', image_url: {} },
          { type: 'text', text: 'b' },
        ],
      },
    ];
    expect(plainMessages(messages)).toEqual([{ role: 'user', content: 'a\nb' }]);
    expect(usesTools({ kind: 'chat', messages })).toBe(false);
    expect(usesTools({ kind: 'chat', messages: [{ role: 'tool', content: 'x' }] })).toBe(true);
  });
});
