import { statSync } from 'node:fs';
import { getLlama, LlamaCompletion, type LlamaContext, type LlamaModel } from 'node-llama-cpp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  collectWords,
  demoWordList,
  generateDemoCorpus,
} from '../../src/engines/demo-model/demo-corpus.js';
import { demoModelPath } from '../../src/engines/demo-model/demo-model-path.js';
import { PieceTokenizer } from '../../src/engines/demo-model/piece-tokenizer.js';
import { readPieceVocabulary } from '../../src/engines/demo-model/read-piece-vocabulary.js';
import { readGgufFile } from '../../src/engines/llama-cpp/gguf/gguf-reader.js';

const modelPath = demoModelPath();

/** The committed model file: `npm run build:demo-model` writes it. */
describe('the demo base model (models/tunegate-demo-stories.gguf)', () => {
  let model: LlamaModel;
  let context: LlamaContext;

  beforeAll(async () => {
    const llama = await getLlama({ gpu: false, build: 'never' });
    model = await llama.loadModel({ modelPath });
    context = await model.createContext({
      contextSize: 256,
      threads: 1,
      experimentalKvCacheKeyType: 'F32',
      experimentalKvCacheValueType: 'F32',
    });
  });
  afterAll(async () => {
    await context?.dispose();
    await model?.dispose();
  });

  async function complete(prompt: string, maxTokens: number): Promise<string> {
    const sequence = context.getSequence();
    const completion = new LlamaCompletion({ contextSequence: sequence });
    try {
      return await completion.generateCompletion(prompt, { temperature: 0, maxTokens });
    } finally {
      completion.dispose();
      sequence.dispose();
    }
  }

  it('is committed and at most 8 MB', () => {
    const bytes = statSync(modelPath).size;
    expect(bytes).toBeGreaterThan(1_000_000);
    expect(bytes).toBeLessThanOrEqual(8_000_000);
  });

  it('writes simple English in the generator\'s words from "Once upon a time"', async () => {
    const text = await complete('Once upon a time', 160);
    const words = text.toLowerCase().match(/[a-z]+/g) ?? [];
    expect(words.length).toBeGreaterThanOrEqual(20);
    const known = demoWordList();
    const share = words.filter((word) => known.has(word)).length / words.length;
    expect(share).toBeGreaterThanOrEqual(0.9);
    // At least one whole sentence: a capital, three or more words, an end mark.
    expect(text).toMatch(/(^|[.!?"] )[A-Z][a-z]*( [A-Za-z',]+){2,}[.!?]/);
  });

  it('follows the Input/Output pattern of a few-shot prompt with a one-word answer', async () => {
    const prompt = [
      'Write the place.',
      'Input: Lily found a red ball in the park and felt happy.',
      'Output: park',
      'Input: Tom took his kite to the beach and was sad.',
      'Output: beach',
      'Input: Mia felt proud when she saw a shiny key by the river.',
      'Output:',
    ].join('\n');
    const text = await complete(prompt, 8);
    const [answer = '', next = ''] = text.split('\n');
    expect(answer.trim()).toMatch(/^[a-z]+$/);
    expect(demoWordList().has(answer.trim())).toBe(true);
    expect(next.startsWith('Input:') || next === '').toBe(true);
  });

  it('tokenizes exactly like the piece tokenizer it was built with', async () => {
    const tokenizer = new PieceTokenizer(readPieceVocabulary(await readGgufFile(modelPath)));
    const texts = generateDemoCorpus({ seed: 77, documents: 40, patternShare: 0.3 });
    for (const text of texts) {
      const ids = [...model.tokenize(text)];
      expect(ids).toEqual(tokenizer.encode(text));
      expect(model.detokenize(model.tokenize(text))).toBe(text);
    }
    expect(collectWords(texts).size).toBeGreaterThan(50);
  });
});
