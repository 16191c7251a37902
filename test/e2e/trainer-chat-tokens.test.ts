import { getLlama, type LlamaModel, type Token } from 'node-llama-cpp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LlamaCppExampleTokenizer } from '../../src/engines/trainer/data/llama-cpp-example-tokenizer.js';
import type { TokenizedExample } from '../../src/engines/trainer/data/training-example.js';
import { importStories260k } from '../fixtures/trainer/stories260k-gguf.js';
import { temporaryDirectory } from '../support/temporary-directory.js';

/** The trained tokens as text, one entry per contiguous trained span. */
function trainedSpans(model: LlamaModel, example: TokenizedExample): string[] {
  const spans: string[] = [];
  let current: number[] = [];
  example.tokens.forEach((token, index) => {
    if (example.trained[index]) current.push(token);
    else if (current.length > 0) {
      spans.push(model.detokenize(current as Token[], true));
      current = [];
    }
  });
  if (current.length > 0) spans.push(model.detokenize(current as Token[], true));
  return spans;
}

describe('example tokenization with the model tokenizer (stories260K, fallback chat format)', () => {
  const folder = temporaryDirectory('tunegate-trainer-tokens-');
  let model: LlamaModel;
  let tokenizer: LlamaCppExampleTokenizer;
  beforeAll(async () => {
    const modelPath = await importStories260k(folder.path);
    model = await (await getLlama({ gpu: false, build: 'never' })).loadModel({ modelPath });
    tokenizer = await LlamaCppExampleTokenizer.load(modelPath);
  });
  afterAll(async () => {
    await tokenizer?.dispose();
    await model?.dispose();
    folder.remove();
  });

  it('trains only assistant turns with weight 1, and the end token after the last one', () => {
    const example = tokenizer.tokenize({
      kind: 'chat',
      messages: [
        { role: 'system', content: 'Be kind.' },
        { role: 'user', content: 'Who is Lily?' },
        { role: 'assistant', content: 'A girl.', weight: 0 },
        { role: 'user', content: 'And Tom?' },
        { role: 'assistant', content: 'A boy.' },
      ],
    });
    expect(trainedSpans(model, example)).toEqual(['A boy.</s>']);
    // The whole conversation is rendered as the local engine renders it, weight-0 turn included.
    const text = model.detokenize(example.tokens as Token[], true);
    expect(text).toContain('### User\nWho is Lily?');
    expect(text).toContain('### Assistant\nA girl.');
  });

  it('trains every weighted assistant turn of a conversation', () => {
    const example = tokenizer.tokenize({
      kind: 'chat',
      messages: [
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: 'Hello.' },
        { role: 'user', content: 'Bye' },
        { role: 'assistant', content: 'Bye now.' },
      ],
    });
    // A middle turn trains through the tokens the next header shares with its empty rendering
    // ("### " here), so the model learns to close its turn and the stop trigger fires.
    expect(trainedSpans(model, example)).toEqual(['Hello.\n\n### ', 'Bye now.</s>']);
  });

  it('trains the completion and the end token, not the prompt, as the completion engine tokenizes it', () => {
    const example = tokenizer.tokenize({
      kind: 'completion',
      prompt: 'Tom saw a cat.\nTag:',
      completion: ' Tom | cat',
    });
    expect(example.tokens[0]).toBe(model.tokens.bos);
    expect(example.tokens.slice(1, -1)).toEqual(model.tokenize('Tom saw a cat.\nTag: Tom | cat'));
    expect(trainedSpans(model, example).map((span) => span.trim())).toEqual(['Tom | cat</s>']);
  });
});
