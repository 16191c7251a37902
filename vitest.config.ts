import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

// Test material (models, datasets, the OpenAI spec) lives in ../shared beside the checkout.
// .ci/run exports these variables; defaulting them here lets a plain `npm test` find it too.
const shared = resolve(import.meta.dirname, '..', 'shared');
const defaults: Record<string, string> = {
  TUNEGATE_MODEL_MIRROR: resolve(shared, 'models'),
  TUNEGATE_DATASETS: resolve(shared, 'datasets'),
  TUNEGATE_OPENAI_SPEC: resolve(shared, 'specs', 'openai-openapi.yaml'),
  TUNEGATE_OPENAI_SPEC_2025: resolve(shared, 'specs', 'openai-openapi-2025-06.yaml'),
};
const env = Object.fromEntries(
  Object.entries(defaults).filter(([name, path]) => !process.env[name] && existsSync(path)),
);

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    env,
  },
});
