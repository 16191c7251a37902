import { Worker } from 'node:worker_threads';
import type {
  StartTraining,
  TrainingOutcome,
  TrainingRunEvent,
  TrainingWorkerMessage,
} from './training-run.js';

/**
 * Run from TypeScript sources (tests, `node src/…`), the worker must load `.ts` files whose
 * imports name `.js`: this bootstrap maps a missing relative `.js` to its `.ts`, and the worker
 * runs with Node's type transform. Built code (`dist/`) starts the compiled worker directly.
 */
const sourceBootstrap = `
import { registerHooks } from 'node:module';
import { workerData } from 'node:worker_threads';
registerHooks({
  resolve(specifier, context, next) {
    try {
      return next(specifier, context);
    } catch (error) {
      if (/^\\.{1,2}\\//.test(specifier) && specifier.endsWith('.js')) {
        return next(specifier.slice(0, -3) + '.ts', context);
      }
      throw error;
    }
  },
});
await import(workerData.entry);
`;

/**
 * How long a stopped worker gets to finish its step and free llama.cpp before it is
 * terminated anyway (a last resort: terminating with llama.cpp loaded can abort the process).
 */
const stopGraceMs = 120_000;

function createWorker(workerData: object): Worker {
  if (!import.meta.url.endsWith('.ts')) {
    return new Worker(new URL('./training-worker.js', import.meta.url), { workerData });
  }
  const entry = new URL('./training-worker.ts', import.meta.url).href;
  return new Worker(new URL(`data:text/javascript,${encodeURIComponent(sourceBootstrap)}`), {
    workerData: { ...workerData, entry },
    execArgv: [
      ...process.execArgv,
      '--experimental-transform-types',
      '--disable-warning=ExperimentalWarning',
    ],
  });
}

/**
 * Trains in a worker thread, so the server's thread keeps answering requests (and serving
 * models) while the CPU trains. Stopping asks the worker to abort between two steps and waits
 * for the thread to end; the trainer keeps nothing but the checkpoints it already wrote.
 */
export const startTrainingWorker: StartTraining = (request, onEvent) => {
  const worker = createWorker({ request });
  let stopping = false;
  let settle: (outcome: TrainingOutcome) => void = () => {};
  const finished = new Promise<TrainingOutcome>((resolve) => {
    settle = resolve;
  });
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  worker.on('message', (message: TrainingWorkerMessage) => {
    if (message.kind === 'event') {
      if (!stopping) onEvent(message.event as TrainingRunEvent);
    } else if (message.kind === 'done') {
      settle({ type: 'succeeded', result: message.result, sequenceLength: message.sequenceLength });
    } else if (message.kind === 'failed' && !stopping) {
      settle({ type: 'failed', code: message.code, message: message.message });
    } else settle({ type: 'stopped' });
  });
  worker.on('error', (error) => {
    settle(
      stopping
        ? { type: 'stopped' }
        : { type: 'failed', code: 'training_crashed', message: error.message },
    );
  });
  worker.on('exit', (code) => {
    settle(
      stopping
        ? { type: 'stopped' }
        : {
            type: 'failed',
            code: 'training_crashed',
            message: `the training worker exited (code ${code}) before it finished`,
          },
    );
  });
  return {
    finished,
    stop: async () => {
      stopping = true;
      worker.postMessage('stop');
      const timer = setTimeout(() => void worker.terminate(), stopGraceMs);
      await exited;
      clearTimeout(timer);
    },
  };
};
