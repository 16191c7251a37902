import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gguf as parseGguf } from '@huggingface/gguf';
import { getLlama, type Token } from 'node-llama-cpp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { convertLlama2cToGguf } from '../../src/engines/llama-cpp/llama2c/convert-llama2c-to-gguf.js';
import { listCachedModels, resolveLocalModel } from '../../src/engines/llama-cpp/model-cache.js';
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
      if (bos === null) return;
      const generated: Token[] = [];
      for await (const token of context.getSequence().evaluate([bos], { temperature: 0 })) {
        generated.push(token);
        if (generated.length >= 40) break;
      }
      const text = model.detokenize(generated);
      expect(text).toMatch(
        /^Once upon a time, there was a little girl named Lily\. She loved to play/,
      );
    } finally {
      await context.dispose();
      await model.dispose();
    }
  });

  it('gives clear errors for a truncated checkpoint, a foreign tokenizer and a non-GGUF file', async () => {
    const truncated = join(models.path, 'cut.bin');
    writeFileSync(truncated, readFileSync(source().checkpointPath).subarray(0, 500_000));
    await expect(
      convertLlama2cToGguf({
        ...source(),
        checkpointPath: truncated,
        outputPath: join(models.path, 'x.gguf'),
        name: 'x',
      }),
    ).rejects.toThrow(
      `${truncated}: not a usable llama2.c checkpoint: file is truncated: its header (dim 64, hidden 172, 5 layers, 8 heads, 4 kv heads, vocab 512, seq 512) needs 1056540 bytes, the file has 500000`,
    );

    // The first 100 tokens of tok512 make a well-formed tokenizer of the wrong size.
    const full = readFileSync(source().tokenizerPath);
    let end = 4;
    for (let token = 0; token < 100; token++) end += 8 + full.readInt32LE(end + 4);
    const foreign = join(models.path, 'tok100.bin');
    writeFileSync(foreign, full.subarray(0, end));
    await expect(
      convertLlama2cToGguf({
        ...source(),
        tokenizerPath: foreign,
        outputPath: join(models.path, 'x.gguf'),
        name: 'x',
      }),
    ).rejects.toThrow(
      `${foreign}: tokenizer has 100 tokens but the checkpoint's vocabulary has 512`,
    );
    expect(existsSync(join(models.path, 'x.gguf'))).toBe(false);

    // A llama2.c checkpoint renamed to .gguf is caught by the GGUF magic check.
    const env = { TUNEGATE_MODELS_DIR: models.path };
    writeFileSync(join(models.path, 'renamed.gguf'), readFileSync(source().checkpointPath));
    expect(resolveLocalModel('renamed', { env })).toBe(join(models.path, 'renamed.gguf'));
    const [listed] = await listCachedModels(env);
    expect(listed?.gguf).toEqual({
      error: `${join(models.path, 'renamed.gguf')}: not a GGUF file: it starts with bytes 40 00 00 00, expected "GGUF" (47 47 55 46)`,
    });
  });
});
