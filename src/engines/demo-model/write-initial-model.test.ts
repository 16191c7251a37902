import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ggufScalar, readGgufFile } from '../llama-cpp/gguf/gguf-reader.js';
import { ComputeMemory } from '../trainer/kernels/compute-memory.js';
import { loadLlamaGguf } from '../trainer/model/load-llama-gguf.js';
import { type DemoModelShape, demoModelParameterCount } from './demo-model-shape.js';
import { basePieces, pieceTypes } from './piece-vocabulary.js';
import { readPieceVocabulary } from './read-piece-vocabulary.js';
import { writeInitialModel } from './write-initial-model.js';

const shape: DemoModelShape = {
  dim: 8,
  hiddenDim: 16,
  layerCount: 2,
  headCount: 2,
  kvHeadCount: 2,
  contextLength: 32,
};

function vocabulary() {
  const result = basePieces();
  for (let i = 0; i < 41; i++) {
    result.pieces.push(`▁w${i}`);
    result.scores.push(-i);
    result.types.push(pieceTypes.normal);
  }
  return result;
}

function standardDeviation(values: Float32Array): number {
  let sum = 0;
  for (const value of values) sum += value * value;
  return Math.sqrt(sum / values.length);
}

describe('writeInitialModel', () => {
  const folder = mkdtempSync(join(tmpdir(), 'tunegate-initial-model-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('counts parameters: 2 layers × 656 + 2 × 300 × 8 + 8', () => {
    // Per layer: q, k, v, output 4 × 8 × 8; gate, up, down 3 × 8 × 16; two norms 2 × 8.
    expect(demoModelParameterCount(shape, 300)).toBe(6120);
  });

  it('writes a llama GGUF with the vocabulary that the trainer loads', async () => {
    const path = join(folder, 'initial.gguf');
    const pieces = vocabulary();
    const written = await writeInitialModel(path, {
      shape,
      vocabulary: pieces,
      seed: 3,
      name: 'tiny',
      general: { license: 'MIT' },
    });
    expect(written.parameters).toBe(6120);
    expect(written.bytes).toBeGreaterThan(6120 * 4);
    const info = await readGgufFile(path);
    expect(ggufScalar(info, 'general.license')).toBe('MIT');
    expect(ggufScalar(info, 'llama.vocab_size')).toBe(300);
    expect(ggufScalar(info, 'llama.context_length')).toBe(32);
    expect(ggufScalar(info, 'tokenizer.ggml.bos_token_id')).toBe(1);
    expect(readPieceVocabulary(info)).toEqual(pieces);
    expect(info.tensors).toHaveLength(1 + 2 * 9 + 2);
    const memory = new ComputeMemory();
    const { weights } = await loadLlamaGguf(memory, path);
    expect(weights.hyper.vocabSize).toBe(300);
    const layer = weights.layers[0];
    expect([...(layer?.attentionNorm.value.data ?? [])]).toEqual(new Array(8).fill(1));
    const query = layer?.linear.attn_q.weight.data as Float32Array;
    const down = layer?.linear.ffn_down.weight.data as Float32Array;
    // σ 0.02, and 0.02 / √4 = 0.01 for the residual projections (loose: 64 and 128 samples).
    expect(standardDeviation(query)).toBeGreaterThan(0.013);
    expect(standardDeviation(query)).toBeLessThan(0.027);
    expect(standardDeviation(down)).toBeGreaterThan(0.006);
    expect(standardDeviation(down)).toBeLessThan(0.014);
  });
});
