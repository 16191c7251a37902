import { createHash } from 'node:crypto';
import type { Prompt } from '../../spec/prompt.js';
import type { SamplingOptions } from '../../spec/sampling-options.js';

/** Cache key over everything that determines a response: model, prompt, parameters, repeat. */
export function responseCacheKey(
  modelIdentity: string,
  prompt: Prompt,
  sampling: SamplingOptions,
  jsonSchema: Record<string, unknown> | undefined,
  repeat: number,
): string {
  return createHash('sha256')
    .update(JSON.stringify([modelIdentity, prompt, sampling, jsonSchema ?? null, repeat]))
    .digest('base64url');
}
