import { LlamaCompletion } from 'node-llama-cpp';
import { getLocalLlama } from '../../providers/local/local-runtime.js';

export interface DemoSampleRequest {
  prompt: string;
  temperature: number;
  /** Sampling seed (ignored at temperature 0). */
  seed?: number;
  maxTokens?: number;
}

export interface DemoSample extends DemoSampleRequest {
  completion: string;
}

/**
 * Completions from a GGUF through node-llama-cpp on one thread with an F32 KV cache (so greedy
 * output is reproducible), for the model card and the tests.
 */
export async function sampleDemoModel(
  modelPath: string,
  requests: readonly DemoSampleRequest[],
): Promise<DemoSample[]> {
  const llama = await getLocalLlama();
  const model = await llama.loadModel({ modelPath });
  try {
    const context = await model.createContext({
      contextSize: model.trainContextSize,
      threads: 1,
      experimentalKvCacheKeyType: 'F32',
      experimentalKvCacheValueType: 'F32',
    });
    const samples: DemoSample[] = [];
    try {
      for (const request of requests) {
        const sequence = context.getSequence();
        const completion = new LlamaCompletion({ contextSequence: sequence });
        const text = await completion.generateCompletion(request.prompt, {
          temperature: request.temperature,
          ...(request.seed === undefined ? {} : { seed: request.seed }),
          maxTokens: request.maxTokens ?? 200,
        });
        samples.push({ ...request, completion: text });
        completion.dispose();
        sequence.dispose();
      }
    } finally {
      await context.dispose();
    }
    return samples;
  } finally {
    await model.dispose();
  }
}
