import { parentPort, workerData } from 'node:worker_threads';
import { LlamaCppExampleTokenizer } from '../../engines/trainer/data/llama-cpp-example-tokenizer.js';
import { readTrainingFile } from '../../engines/trainer/data/read-training-file.js';
import { trainModel } from '../../engines/trainer/train-model.js';
import { disposeLocalRuntime } from '../../providers/local/local-runtime.js';
import { TunegateError } from '../../spec/tunegate-error.js';
import {
  autoSequenceLength,
  type TrainingRequest,
  type TrainingWorkerMessage,
} from './training-run.js';

/**
 * The worker thread of one fine-tuning job: measures the examples when the sequence length is
 * `auto`, runs the trainer unchanged, and posts its progress and result to the server thread.
 * A `stop` message aborts between steps. The thread always frees llama.cpp (loaded here for
 * the tokenizer) and ends on its own: terminating it with llama.cpp loaded aborts the process.
 */
const post = (message: TrainingWorkerMessage) => parentPort?.postMessage(message);

/** The longest training example in tokens, as the trainer will tokenize it. */
async function longestExample(training: TrainingRequest['training']): Promise<number> {
  const tokenizer = await LlamaCppExampleTokenizer.load(training.modelPath);
  try {
    const files = [training.trainFile, training.validationFile].filter(
      (file): file is string => file !== undefined,
    );
    let longest = 0;
    for (const file of files) {
      for (const example of await readTrainingFile(file)) {
        longest = Math.max(longest, tokenizer.tokenize(example).tokens.length);
      }
    }
    return longest;
  } finally {
    await tokenizer.dispose();
  }
}

async function run(request: TrainingRequest, signal: AbortSignal): Promise<void> {
  let sequenceLength = request.training.sequenceLength;
  if (sequenceLength === undefined) {
    const longest = await longestExample(request.training);
    if (signal.aborted) throw new TunegateError('ABORTED', 'training was cancelled');
    sequenceLength = autoSequenceLength(longest, request.maximumSequenceLength);
    post({
      kind: 'event',
      event: { type: 'sequence-length', sequenceLength, longestExample: longest },
    });
  }
  const result = await trainModel(
    { ...request.training, sequenceLength },
    { onProgress: (event) => post({ kind: 'event', event }), signal },
  );
  post({ kind: 'done', result, sequenceLength });
}

const controller = new AbortController();
parentPort?.on('message', (message: unknown) => {
  if (message === 'stop') controller.abort();
});
// The port alone must not keep the thread alive once training is over.
parentPort?.unref();

const { request } = workerData as { request: TrainingRequest };
run(request, controller.signal)
  .catch((error: unknown) => {
    if (controller.signal.aborted) post({ kind: 'stopped' });
    else {
      post({
        kind: 'failed',
        code: error instanceof TunegateError ? error.code.toLowerCase() : 'training_error',
        message: error instanceof Error ? error.message : String(error),
      });
    }
  })
  .finally(() => disposeLocalRuntime());
