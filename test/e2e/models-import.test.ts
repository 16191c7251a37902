import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gguf as parseGguf } from '@huggingface/gguf';
import { getLlama } from 'node-llama-cpp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { convertLlama2cToGguf } from '../../src/engines/llama-cpp/llama2c/convert-llama2c-to-gguf.js';
import { temporaryDirectory } from '../support/temporary-directory.js';

function modelMirror(): string {
  const mirror = process.env.TUNEGATE_MODEL_MIRROR;
  if (!mirror) {
    throw new Error(
      'set TUNEGATE_MODEL_MIRROR to a folder holding stories260K/stories260K.bin and stories260K/tok512.bin',
    );
  }
  return mirror;
}

describe('llama2.c import of stories260K', () => {
  let models: ReturnType<typeof temporaryDirectory>;
  beforeEach(() => {
    models = temporaryDirectory('tunegate-models-');
  });
  afterEach(() => models.remove());

  const source = () => ({
    checkpointPath: join(modelMirror(), 'stories260K', 'stories260K.bin'),
    tokenizerPath: join(modelMirror(), 'stories260K', 'tok512.bin'),
  });

  it('writes a GGUF that @huggingface/gguf parses with the llama metadata and shapes', async () => {
    const outputPath = join(models.path, 'stories260K.gguf');
    const converted = await convertLlama2cToGguf({ ...source(), outputPath, name: 'stories260K' });
    expect(converted.tensorCount).toBe(1 + 5 * 9 + 2);
    expect(readdirSync(models.path)).toEqual(['stories260K.gguf']);

    const parsed = await parseGguf(outputPath, { allowLocalFile: true });
    const metadata = parsed.metadata as Record<string, unknown>;
    expect(metadata['general.architecture']).toBe('llama');
    expect(metadata['general.name']).toBe('stories260K');
    expect(metadata['llama.context_length']).toBe(512);
    expect(metadata['llama.embedding_length']).toBe(64);
    expect(metadata['llama.block_count']).toBe(5);
    expect(metadata['llama.feed_forward_length']).toBe(172);
    expect(metadata['llama.attention.head_count']).toBe(8);
    expect(metadata['llama.attention.head_count_kv']).toBe(4);
    expect(metadata['llama.rope.dimension_count']).toBe(8);
    expect(metadata['llama.attention.layer_norm_rms_epsilon']).toBeCloseTo(1e-5, 10);
    expect(metadata['tokenizer.ggml.model']).toBe('llama');
    const tokens = metadata['tokenizer.ggml.tokens'] as string[];
    const types = metadata['tokenizer.ggml.token_type'] as number[];
    expect(tokens).toHaveLength(512);
    expect(tokens.slice(0, 4)).toEqual(['<unk>', '<s>', '</s>', '<0x00>']);
    expect(tokens[258]).toBe('<0xFF>');
    expect(tokens[259]).toBe('\u2581t');
    expect(tokens[265]).toBe('\u2581the');
    expect(types.slice(0, 4)).toEqual([2, 3, 3, 6]);
    expect(types[258]).toBe(6);
    expect(types[259]).toBe(1);
    expect((metadata['tokenizer.ggml.scores'] as number[])[260]).toBe(-1);
    expect(metadata['tokenizer.ggml.bos_token_id']).toBe(1);
    expect(metadata['tokenizer.ggml.eos_token_id']).toBe(2);
    expect(metadata['tokenizer.ggml.add_bos_token']).toBe(true);

    const shapes = Object.fromEntries(
      parsed.tensorInfos.map((tensor) => [tensor.name, tensor.shape.map(Number)]),
    );
    expect(shapes['token_embd.weight']).toEqual([64, 512]);
    expect(shapes['output.weight']).toEqual([64, 512]);
    expect(shapes['output_norm.weight']).toEqual([64]);
    expect(shapes['blk.4.attn_norm.weight']).toEqual([64]);
    expect(shapes['blk.0.attn_q.weight']).toEqual([64, 64]);
    expect(shapes['blk.0.attn_k.weight']).toEqual([64, 32]);
    expect(shapes['blk.0.attn_v.weight']).toEqual([64, 32]);
    expect(shapes['blk.0.attn_output.weight']).toEqual([64, 64]);
    expect(shapes['blk.2.ffn_gate.weight']).toEqual([64, 172]);
    expect(shapes['blk.2.ffn_up.weight']).toEqual([64, 172]);
    expect(shapes['blk.2.ffn_down.weight']).toEqual([172, 64]);
    expect(parsed.tensorInfos.every((tensor) => tensor.dtype === 0)).toBe(true);
  });

  it('generates the known greedy story from BOS in node-llama-cpp', async () => {
    const outputPath = join(models.path, 'stories260K.gguf');
    await convertLlama2cToGguf({ ...source(), outputPath, name: 'stories260K' });
    expect(existsSync(outputPath)).toBe(true);
    const llama = await getLlama({ gpu: false, build: 'never' });
    const model = await llama.loadModel({ modelPath: outputPath });
    const context = await model.createContext({
      contextSize: 256,
      threads: 1,
      experimentalKvCacheKeyType: 'F32',
      experimentalKvCacheValueType: 'F32',
    });
    try {
      const bos = model.tokens.bos;
      expect(bos).toBe(1);
      const generated: number[] = [];
      for await (const token of context.getSequence().evaluate([bos as number], { temperature: 0 })) {
        generated.push(token);
        if (generated.length >= 40) break;
      }
      const text = model.detokenize(generated as never);
      expect(text).toMatch(/^Once upon a time, there was a little girl named Lily\. She loved to play/);
    } finally {
      await context.dispose();
      await model.dispose();
    }
  });
});
