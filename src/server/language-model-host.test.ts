import { describe, expect, it } from 'vitest';
import { ScriptedDouble } from '../providers/scripted-double.js';
import { createLanguageModelHost } from './language-model-host.js';

const echo = () => new ScriptedDouble({ modelId: 'echo', rules: [], default: '{{input}}' });

describe('createLanguageModelHost', () => {
  it('serves each model under its id and refuses an id given twice', () => {
    const host = createLanguageModelHost(
      [
        { id: 'a', model: echo() },
        { id: 'b', model: echo(), parallelism: 3 },
      ],
      {
        created: 42,
      },
    );
    expect(host.listModels().map((model) => [model.id, model.created, model.parallelism])).toEqual([
      ['a', 42, 1],
      ['b', 42, 3],
    ]);
    expect(host.getModel('c')).toBeUndefined();
    expect(() =>
      createLanguageModelHost([
        { id: 'a', model: echo() },
        { id: 'a', model: echo() },
      ]),
    ).toThrow(/served twice/);
  });

  it("sends a non-streaming model's whole text as one delta", async () => {
    const host = createLanguageModelHost([{ id: 'echo', model: echo() }]);
    const deltas: string[] = [];
    const result = await host.getModel('echo')?.generate({
      prompt: { mode: 'completion', text: 'hello there' },
      sampling: {},
      onTextDelta: (delta) => deltas.push(delta),
    });
    expect(result?.text).toBe('hello there');
    expect(deltas).toEqual(['hello there']);
  });

  it('runs the dispose hook on close', async () => {
    let disposed = 0;
    const host = createLanguageModelHost([], {
      dispose: async () => {
        disposed++;
      },
    });
    await host.close();
    expect(disposed).toBe(1);
  });
});
