/**
 * Threads per evaluation for a machine with `cores` logical CPUs. llama.cpp's threads spin while
 * they wait for each other, so every one needs a core of its own, and Node's main thread needs
 * one too. Measured on the 2-core machine with stories260K (F32 KV cache, greedy, 400 tokens):
 * 1 thread ran at 760–800 tokens/s, 2 threads at 26–54 tokens/s (node-llama-cpp's own default,
 * `maxThreads` 4, was slower still). So: half the logical CPUs (about the physical cores where
 * SMT doubles them), at least 1.
 */
export function chooseThreadCount(cores: number): number {
  if (!Number.isFinite(cores) || cores < 2) return 1;
  return Math.max(1, Math.floor(cores / 2));
}
