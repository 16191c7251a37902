import { describe, expect, it } from 'vitest';
import {
  countTrainingTokens,
  countUploadTokens,
  describeTrainingTokens,
  uploadLines,
} from './training-token-count.js';

const counter = { tokenizer: 'test words', exact: true, exampleLimit: 100 };

describe('countTrainingTokens', () => {
  it('cuts each example at the limit and multiplies by the epochs asked for', () => {
    const count = countTrainingTokens([40, 100, 101, 250], {
      counter,
      epochs: { epochs: 2, source: 'lab.finetune.epochs' },
    });
    // 40 + 100 + 100 + 100 = 340 an epoch; two examples were over 100.
    expect(count).toEqual({
      examples: 4,
      tokensPerEpoch: 340,
      epochs: 2,
      epochSource: 'lab.finetune.epochs',
      trainingTokens: 680,
      truncatedExamples: 2,
      exampleLimit: 100,
      tokenizer: 'test words',
      exact: true,
    });
  });

  it('takes the auto-epoch rule when no epochs are asked for', () => {
    // 20 examples × 3 epochs = 60 passes < 100: ceil(100 / 20) = 5 epochs.
    const count = countTrainingTokens(new Array(20).fill(10), {
      counter: { ...counter, exampleLimit: undefined },
    });
    expect(count.epochs).toBe(5);
    expect(count.epochSource).toBe('the auto-epoch rule for 20 examples');
    expect(count.trainingTokens).toBe(20 * 10 * 5);
    expect(count.exampleLimit).toBeNull();
  });

  it('counts each non-blank line of an upload file with the counter', () => {
    const content = new TextEncoder().encode('{"text":"aaaa"}\n\n{"text":"bb"}\n');
    expect(uploadLines(content)).toEqual(['{"text":"aaaa"}', '{"text":"bb"}']);
    const lengths = {
      ...counter,
      count: (line: string) => (JSON.parse(line) as { text: string }).text.length,
      dispose: async () => undefined,
    };
    const count = countUploadTokens(content, lengths, { epochs: 3, source: '--epochs' });
    expect([count.examples, count.tokensPerEpoch, count.trainingTokens]).toEqual([2, 6, 18]);
  });

  it('says what it counted, the epochs and their source in one line', () => {
    const count = countTrainingTokens([1500, 2500], {
      counter: { ...counter, exampleLimit: 2000 },
      epochs: { epochs: 4, source: '--epochs' },
    });
    expect(describeTrainingTokens(count)).toBe(
      '3,500 tokens an epoch × 4 epochs (--epochs) = 14,000 tokens, 2 examples counted by test words; 1 example over 2,000 tokens counted up to that limit',
    );
  });
});
