import { getLlama, LlamaCompletion, type LlamaModel } from 'node-llama-cpp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trainModel } from '../../src/engines/trainer/train-model.js';
import type { TrainingEvent } from '../../src/engines/trainer/training-events.js';
import { importStories260k } from '../fixtures/trainer/stories260k-gguf.js';
import {
  type TagCase,
  tagFormat,
  writeTagDataset,
} from '../fixtures/trainer/tag-format-dataset.js';
import { temporaryDirectory } from '../support/temporary-directory.js';

/** Share of held-out prompts whose greedy answer (first line) has the strict format. */
async function formatCompliance(model: LlamaModel, cases: readonly TagCase[], adapter?: string) {
  const context = await model.createContext({
    contextSize: 256,
    threads: 1,
    ...(adapter ? { lora: { adapters: [{ filePath: adapter, scale: 1 }] } } : {}),
  });
  let compliant = 0;
  let exact = 0;
  try {
    for (const item of cases) {
      const sequence = context.getSequence();
      const completion = new LlamaCompletion({ contextSequence: sequence });
      const text = await completion.generateCompletion(item.prompt, {
        maxTokens: 12,
        temperature: 0,
        customStopTriggers: ['\n'],
      });
      const answer = text.split('\n')[0] ?? '';
      if (tagFormat.test(answer)) compliant++;
      if (answer.trim() === `${item.name} | ${item.thing}`) exact++;
      completion.dispose();
      sequence.dispose();
    }
  } finally {
    await context.dispose();
  }
  return { compliance: compliant / cases.length, exact: exact / cases.length };
}

describe('LoRA finetuning of stories260K on a strict output format', () => {
  const folder = temporaryDirectory('tunegate-trainer-learns-');
  let modelPath = '';
  let model: LlamaModel;
  beforeAll(async () => {
    modelPath = await importStories260k(folder.path);
    model = await (await getLlama({ gpu: false, build: 'never' })).loadModel({ modelPath });
  });
  afterAll(async () => {
    await model?.dispose();
    folder.remove();
  });

  it('raises format compliance on held-out prompts and lowers validation loss', async () => {
    const { trainFile, validationFile, heldOut } = writeTagDataset(folder.path);
    const events: TrainingEvent[] = [];
    const result = await trainModel(
      {
        modelPath,
        trainFile,
        validationFile,
        outputDirectory: folder.path,
        outputName: 'tag',
        // The classifier is a target: stories260K never learned to emit </s>, and block-only
        // LoRA plateaus at a validation loss of 1.27 because that one token stays out of reach.
        method: {
          type: 'lora',
          rank: 8,
          alpha: 16,
          targetModules: [
            'attn_q',
            'attn_k',
            'attn_v',
            'attn_output',
            'ffn_gate',
            'ffn_up',
            'ffn_down',
            'output',
          ],
        },
        epochs: 5,
        learningRate: 1e-2,
        seed: 1,
      },
      { onProgress: (event) => events.push(event) },
    );
    expect(result.epochs).toHaveLength(5);
    expect(events.filter((event) => event.type === 'step')).toHaveLength(result.steps);
    const before = await formatCompliance(model, heldOut);
    const after = await formatCompliance(model, heldOut, result.outputPath);
    // Measured (seed 1): validation loss 7.68 before, 0.29 after epoch 1, 0.00097 after epoch 5;
    // compliance 0/40 → 40/40, exact answers 37/40. Thresholds leave room for other CPUs' rounding.
    expect(result.initialValidationLoss).toBeGreaterThan(3);
    expect(result.epochs.at(-1)?.validationLoss).toBeLessThan(0.05);
    expect(before.compliance).toBe(0);
    expect(after.compliance).toBeGreaterThanOrEqual(0.9);
    expect(after.exact).toBeGreaterThanOrEqual(0.8);
  });
});
