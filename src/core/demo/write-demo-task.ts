import { copyFile, mkdir, rename } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { demoModelPath } from '../../engines/demo-model/demo-model-path.js';
import { writeFileAtomically } from '../datasets/atomic-file-writer.js';
import { type DemoRow, generateDemoRows } from './demo-rows.js';
import type { DemoSize } from './demo-size.js';
import { demoModelFile, demoTaskYaml } from './demo-task-yaml.js';

export interface DemoTaskFiles {
  taskFile: string;
  evalFile: string;
  fewShotFile: string;
  validationFile: string;
  candidatesFile: string;
  modelFile: string;
  counts: { eval: number; fewShot: number; validation: number; candidates: number };
}

/**
 * Writes the demo task into `directory`: the task file, its data (eval set, few-shot pool,
 * validation set and raw training candidates) and a copy of the demo base model, so the folder
 * stands on its own. Each file is written whole (temporary file, then rename).
 */
export async function writeDemoTask(directory: string, size: DemoSize): Promise<DemoTaskFiles> {
  const rows = generateDemoRows(size);
  const files: DemoTaskFiles = {
    taskFile: join(directory, 'tunegate.yaml'),
    evalFile: join(directory, 'data', 'eval.jsonl'),
    fewShotFile: join(directory, 'data', 'few-shot.jsonl'),
    validationFile: join(directory, 'data', 'validation.jsonl'),
    candidatesFile: join(directory, 'data', 'train-candidates.jsonl'),
    modelFile: join(directory, demoModelFile),
    counts: {
      eval: rows.eval.length,
      fewShot: rows.fewShot.length,
      validation: rows.validation.length,
      candidates: rows.trainingCandidates.length,
    },
  };
  await mkdir(join(directory, 'data'), { recursive: true });
  await writeFileAtomically(files.evalFile, jsonLines(rows.eval));
  await writeFileAtomically(files.fewShotFile, jsonLines(rows.fewShot));
  await writeFileAtomically(files.validationFile, jsonLines(rows.validation));
  await writeFileAtomically(files.candidatesFile, jsonLines(rows.trainingCandidates));
  await mkdir(dirname(files.modelFile), { recursive: true });
  const partial = `${files.modelFile}.${process.pid}.tmp`;
  await copyFile(demoModelPath(), partial);
  await rename(partial, files.modelFile);
  // The task file last: a folder with it is complete.
  await writeFileAtomically(files.taskFile, demoTaskYaml(size));
  return files;
}

function jsonLines(rows: readonly DemoRow[]): string {
  return rows
    .map((row) => JSON.stringify(row))
    .join('\n')
    .concat('\n');
}
