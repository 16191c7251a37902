export type LocalEngine = typeof import('./local-engine.js');

let engineLoad: Promise<LocalEngine> | undefined;

/** Loads node-llama-cpp and our code around it on first use. */
export function loadLocalEngine(): Promise<LocalEngine> {
  engineLoad ??= import('./local-engine.js');
  return engineLoad;
}

/** Frees llama.cpp's models and contexts when any were loaded; costs nothing otherwise. */
export async function disposeLocalEngine(): Promise<void> {
  if (engineLoad === undefined) return;
  const engine = await engineLoad.catch(() => undefined);
  await engine?.disposeLocalRuntime();
}
