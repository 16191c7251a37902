// Builds tunegate's demo base model from nothing (a story corpus generated here, a vocabulary
// trained on it, random weights, pretraining with the CPU trainer) and writes it with its model
// card: `npm run build:demo-model`. Seeded: the same recipe gives the same corpus, vocabulary
// and initial weights; training is single-threaded and deterministic.
// Options: --output-dir DIR (default models), --documents N (a smaller corpus, for a smoke run),
// --report FILE (also write the build's measurements as JSON).
import { mkdtempSync, rmSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  buildDemoModel,
  type DemoBuildEvent,
  demoModelName,
} from '../dist/engines/demo-model/build-demo-model.js';
import { demoModelRecipe } from '../dist/engines/demo-model/demo-model-recipe.js';
import { demoSampleRequests, renderModelCard } from '../dist/engines/demo-model/model-card.js';
import { sampleDemoModel } from '../dist/engines/demo-model/sample-demo-model.js';

const { values } = parseArgs({
  options: {
    'output-dir': { type: 'string', default: 'models' },
    documents: { type: 'string' },
    report: { type: 'string' },
  },
});
const outputDirectory = values['output-dir'] as string;
const recipe = structuredClone(demoModelRecipe);
if (values.documents !== undefined) recipe.corpus.trainDocuments = Number(values.documents);

function duration(seconds: number): string {
  const whole = Math.round(seconds);
  return `${Math.floor(whole / 60)}m${String(whole % 60).padStart(2, '0')}s`;
}

let trainStarted = 0;
let lastPrinted = 0;
let recentLosses: number[] = [];
function report(event: DemoBuildEvent): void {
  if (event.type === 'stage') {
    console.log(`• ${event.message}`);
    return;
  }
  const progress = event.event;
  if (progress.type === 'prepared') {
    trainStarted = performance.now();
    console.log(
      `  ${progress.trainExamples} documents, ${progress.totalSteps} steps, ${progress.tokensPerEpoch} tokens an epoch (${progress.lossTokensPerEpoch} with loss), ${progress.trainableParameters} parameters`,
    );
  } else if (progress.type === 'step') {
    recentLosses.push(progress.loss);
    const now = performance.now();
    if (now - lastPrinted < 15_000 && progress.step !== progress.totalSteps) return;
    lastPrinted = now;
    const elapsed = (now - trainStarted) / 1000;
    const eta = (elapsed / progress.step) * (progress.totalSteps - progress.step);
    const loss = recentLosses.reduce((sum, value) => sum + value, 0) / recentLosses.length;
    recentLosses = [];
    console.log(
      `  step ${progress.step}/${progress.totalSteps}  loss ${loss.toFixed(3)}  lr ${progress.learningRate.toExponential(1)}  ${Math.round(progress.tokensPerSecond)} tokens/s  eta ${duration(eta)}`,
    );
  } else if (progress.type === 'epoch') {
    console.log(`  validation loss ${progress.validationLoss?.toFixed(3)}`);
  }
}

const workDirectory = mkdtempSync(join(tmpdir(), 'tunegate-demo-model-'));
try {
  const outputPath = join(outputDirectory, `${demoModelName}.gguf`);
  const build = await buildDemoModel(recipe, { outputPath, workDirectory }, report);
  console.log('• sampling with node-llama-cpp');
  const samples = await sampleDemoModel(outputPath, demoSampleRequests);
  for (const sample of samples) {
    console.log(`  [t=${sample.temperature}] ${sample.prompt}${sample.completion}`);
  }
  await writeFile(join(outputDirectory, 'README.md'), renderModelCard({ recipe, build, samples }));
  if (values.report !== undefined) {
    await writeFile(values.report, `${JSON.stringify({ recipe, build, samples }, null, 2)}\n`);
  }
  console.log(
    `• wrote ${outputPath} (${build.bytes} bytes) and ${join(outputDirectory, 'README.md')}`,
  );
  console.log(
    `build ${duration(build.wallSeconds)} wall, validation loss ${build.training.epochs.at(-1)?.validationLoss?.toFixed(3)}`,
  );
} finally {
  rmSync(workDirectory, { recursive: true, force: true });
}
