import { existsSync, readFileSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import type { DemoSizeName } from '../../core/demo/demo-size.js';
import { TunegateError } from '../../spec/tunegate-error.js';

/** A finished stage: how long it took and what it showed. */
export interface DemoStageRecord {
  id: string;
  seconds: number;
  takeaway: string;
}

/** What a demo folder has done so far, so `tunegate demo --dir DIR` continues where it stopped. */
export interface DemoProgress {
  size: DemoSizeName;
  stages: DemoStageRecord[];
  finetuned?: string | undefined;
  report?: string | undefined;
}

const progressSchema = z.object({
  size: z.enum(['full', 'small']),
  stages: z.array(z.object({ id: z.string(), seconds: z.number(), takeaway: z.string() })),
  finetuned: z.string().optional(),
  report: z.string().optional(),
});

export function demoProgressFile(directory: string): string {
  return join(directory, '.tunegate', 'demo.json');
}

export function readDemoProgress(directory: string): DemoProgress | undefined {
  const file = demoProgressFile(directory);
  if (!existsSync(file)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new TunegateError(
      'INVALID_DATA',
      `${file}: not JSON (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  const result = progressSchema.safeParse(parsed);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new TunegateError(
      'INVALID_DATA',
      `${file}: field ${issue?.path.join('.') || '(root)'}: ${issue?.message}`,
    );
  }
  const { finetuned, report, ...rest } = result.data;
  return {
    ...rest,
    ...(finetuned === undefined ? {} : { finetuned }),
    ...(report === undefined ? {} : { report }),
  };
}

/** Written after every stage, whole (temporary file, then rename). */
export async function saveDemoProgress(directory: string, progress: DemoProgress): Promise<void> {
  const file = demoProgressFile(directory);
  await mkdir(dirname(file), { recursive: true });
  const partial = `${file}.${process.pid}.tmp`;
  await writeFile(partial, `${JSON.stringify(progress, null, 2)}\n`);
  await rename(partial, file);
}
