import { fileURLToPath } from 'node:url';

export const demoModelFileName = 'tunegate-demo-stories.gguf';

/**
 * The committed demo model, `models/tunegate-demo-stories.gguf` at the package root; the same
 * relative path works from `src/engines/demo-model/` and from the compiled `dist/engines/demo-model/`.
 */
export function demoModelPath(): string {
  return fileURLToPath(new URL(`../../../models/${demoModelFileName}`, import.meta.url));
}
