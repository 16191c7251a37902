import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  findFineTunedModelRecord,
  fineTunedModelRecordFile,
  writeFineTunedModelRecord,
} from './fine-tuned-model-record.js';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function dataDirectory(): string {
  const folder = mkdtempSync(join(tmpdir(), 'tunegate-ft-record-'));
  folders.push(folder);
  return folder;
}

describe('fine-tuned model records', () => {
  it('finds a model by id among the jobs, with the adapter path relative to its job folder', () => {
    const data = dataDirectory();
    const job = join(data, 'jobs', 'ftjob-1');
    mkdirSync(job, { recursive: true });
    mkdirSync(join(data, 'jobs', 'ftjob-0'));
    writeFineTunedModelRecord(job, {
      id: 'ft:base:demo:abc',
      baseModel: 'base',
      baseModelPath: '/models/base.gguf',
      adapterPath: join(job, 'adapter.lora.gguf'),
      jobId: 'ftjob-1',
    });
    expect(findFineTunedModelRecord(data, 'ft:base:demo:abc')).toEqual({
      id: 'ft:base:demo:abc',
      baseModel: 'base',
      baseModelPath: '/models/base.gguf',
      adapterPath: join(job, 'adapter.lora.gguf'),
      jobId: 'ftjob-1',
    });
    expect(findFineTunedModelRecord(data, 'ft:base:demo:other')).toBeUndefined();
    expect(findFineTunedModelRecord(join(data, 'missing'), 'ft:base:demo:abc')).toBeUndefined();
  });

  it('names the file and field of a broken record', () => {
    const data = dataDirectory();
    const job = join(data, 'jobs', 'ftjob-2');
    mkdirSync(job, { recursive: true });
    writeFileSync(join(job, fineTunedModelRecordFile), JSON.stringify({ id: 'ft:x', jobId: 'j' }));
    expect(() => findFineTunedModelRecord(data, 'ft:x')).toThrow(
      /fine-tuned-model\.json: field baseModel: /,
    );
    writeFileSync(join(job, fineTunedModelRecordFile), '{');
    expect(() => findFineTunedModelRecord(data, 'ft:x')).toThrow(
      /fine-tuned-model\.json: not JSON/,
    );
  });
});
