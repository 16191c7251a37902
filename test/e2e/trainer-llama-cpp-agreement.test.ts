import { join } from 'node:path';
import { getLlama, type LlamaModel, type Token } from 'node-llama-cpp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LlamaCppExampleTokenizer } from '../../src/engines/trainer/data/llama-cpp-example-tokenizer.js';
import { writeLoraAdapter } from '../../src/engines/trainer/export/write-lora-adapter.js';
import { ComputeMemory } from '../../src/engines/trainer/kernels/compute-memory.js';
import { loadLlamaGguf } from '../../src/engines/trainer/model/load-llama-gguf.js';
import type { TrainingBatch } from '../../src/engines/trainer/model/training-batch.js';
import { TrainingSession } from '../../src/engines/trainer/training-session.js';
import { importStories260k } from '../fixtures/trainer/stories260k-gguf.js';
import { temporaryDirectory } from '../support/temporary-directory.js';

/** One sequence as a 1-row batch with loss on every position. */
function sequenceBatch(tokens: readonly number[]): TrainingBatch {
  const length = tokens.length - 1;
  return {
    rows: 1,
    length,
    tokens: Int32Array.from(tokens.slice(0, -1)),
    targets: Int32Array.from(tokens.slice(1)),
    weights: new Float32Array(length).fill(1),
    positions: Int32Array.from({ length }, (_, index) => index),
    segmentStarts: new Int32Array(length),
    realTokens: length,
  };
}

/** llama.cpp's logits after each token; F32 KV cache and no flash attention (it rounds via F16). */
async function llamaCppLogits(
  model: LlamaModel,
  tokens: readonly number[],
  vocab: number,
  adapter?: string,
): Promise<Float32Array[]> {
  const context = await model.createContext({
    contextSize: 256,
    threads: 1,
    flashAttention: false,
    experimentalKvCacheKeyType: 'F32',
    experimentalKvCacheValueType: 'F32',
    ...(adapter ? { lora: { adapters: [{ filePath: adapter, scale: 1 }] } } : {}),
  });
  try {
    const sequence = context.getSequence();
    const outputs = await sequence.controlledEvaluate(
      tokens.map((token) => [token as Token, { generateNext: { logits: true } }]),
    );
    return outputs.map((output) => {
      const logits = new Float32Array(vocab);
      for (const [token, value] of output?.next?.logits ?? []) logits[token] = value;
      return logits;
    });
  } finally {
    await context.dispose();
  }
}

function largestDifference(ours: Float32Array, vocab: number, theirs: Float32Array[]): number {
  let largest = 0;
  theirs.forEach((row, position) => {
    for (let id = 0; id < vocab; id++) {
      largest = Math.max(
        largest,
        Math.abs((row[id] as number) - (ours[position * vocab + id] as number)),
      );
    }
  });
  return largest;
}

describe('trainer forward pass against llama.cpp on stories260K', () => {
  const folder = temporaryDirectory('tunegate-trainer-agreement-');
  let modelPath = '';
  let model: LlamaModel;
  let tokens: number[] = [];

  beforeAll(async () => {
    modelPath = await importStories260k(folder.path);
    const llama = await getLlama({ gpu: false, build: 'never' });
    model = await llama.loadModel({ modelPath });
    const tokenizer = await LlamaCppExampleTokenizer.load(modelPath);
    tokens = tokenizer.tokenize({
      kind: 'text',
      text: 'Once upon a time, Lily found a red ball in the park. She was happy.',
    }).tokens;
    await tokenizer.dispose();
  });
  afterAll(async () => {
    await model?.dispose();
    folder.remove();
  });

  it('gives the same logits as llama.cpp for the base model', async () => {
    const memory = new ComputeMemory();
    const { weights } = await loadLlamaGguf(memory, modelPath);
    const session = new TrainingSession(
      memory,
      weights,
      { rows: 1, length: tokens.length - 1 },
      { type: 'full' },
      settings,
    );
    session.graph.forward(sequenceBatch(tokens), { train: false, allRows: true });
    const theirs = await llamaCppLogits(model, tokens.slice(0, -1), weights.hyper.vocabSize);
    const difference = largestDifference(
      session.graph.logits.data,
      weights.hyper.vocabSize,
      theirs,
    );
    // Measured 1.4e-5 on logits up to ~20 in magnitude (float32 summation order only).
    expect(difference).toBeLessThan(1e-4);
  });

  it('gives the same logits as llama.cpp with the adapter it wrote loaded at run time', async () => {
    const memory = new ComputeMemory();
    const { weights } = await loadLlamaGguf(memory, modelPath);
    const method = {
      type: 'lora' as const,
      rank: 4,
      alpha: 8,
      dropout: 0,
      targetModules: ['attn_q', 'attn_v', 'ffn_down', 'output'] as const,
    };
    const session = new TrainingSession(
      memory,
      weights,
      { rows: 1, length: tokens.length - 1 },
      { ...method, targetModules: [...method.targetModules] },
      settings,
    );
    const batch = sequenceBatch(tokens);
    const first = session.trainStep(batch, 1e-2, 1);
    for (let step = 0; step < 4; step++) session.trainStep(batch, 1e-2, 1);
    session.graph.forward(batch, { train: false, allRows: true });
    const adapterPath = join(folder.path, 'adapter.lora.gguf');
    await writeLoraAdapter(adapterPath, session.adapters, {
      name: 'agreement',
      alpha: method.alpha,
    });
    const base = await llamaCppLogits(model, tokens.slice(0, -1), weights.hyper.vocabSize);
    const adapted = await llamaCppLogits(
      model,
      tokens.slice(0, -1),
      weights.hyper.vocabSize,
      adapterPath,
    );
    const ours = session.graph.logits.data;
    const vocab = weights.hyper.vocabSize;
    // The adapter must matter, or agreement would prove nothing: it moved the logits by 14.
    expect(largestDifference(ours, vocab, base)).toBeGreaterThan(0.5);
    // Measured 1.6e-5 (llama.cpp adds scale·B·(A·x) as separate float32 products).
    expect(largestDifference(ours, vocab, adapted)).toBeLessThan(1e-4);
    expect(first.loss).toBeGreaterThan(0);
  });
});

const settings = { beta1: 0.9, beta2: 0.999, epsilon: 1e-8, weightDecay: 0, seed: 1 };
