// Training throughput on stories260K, batch 8 × 128: our LoRA (r = 8, every block projection)
// and full finetune, against llama.cpp's llama-finetune built from the source that ships inside
// node-llama-cpp (full FP32 finetune on raw text, one 128-token sequence per step). Both run on
// one thread (the trainer is single-threaded; llama-finetune gets -t 1). The three are
// interleaved run by run, so a busy machine slows each alike; the medians are reported, as
// wall-clock tokens/s and as tokens per CPU-second (steadier when other work shares the cores).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const rows = 8;
const length = 128;
const steps = 40;
const runs = 3;
const repository = fileURLToPath(new URL('..', import.meta.url));

interface Rate {
  wall: number;
  cpu: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

/** Story-like documents long enough to fill a 128-token row each (no padding either side). */
function corpus(count: number): string[] {
  const names = ['Lily', 'Tom', 'Sue', 'Ben', 'Max', 'Mia', 'Sam', 'Amy'];
  const things = ['ball', 'cat', 'dog', 'tree', 'cake', 'box', 'car', 'bird'];
  const documents: string[] = [];
  for (let i = 0; i < count; i++) {
    const sentences: string[] = [];
    for (let j = 0; j < 5; j++) {
      const name = names[(i + j) % 8] as string;
      const friend = names[(i * 5 + j + 3) % 8] as string;
      const thing = things[(i * 3 + j) % 8] as string;
      sentences.push(
        `${name} saw a ${thing}. ${name} and ${friend} played with the ${thing} all day.`,
      );
    }
    documents.push(`Once upon a time, ${sentences.join(' ')} They were very happy.`);
  }
  return documents;
}

async function measureOurs(
  modelPath: string,
  trainFile: string,
  method: object,
  directory: string,
  seed: number,
): Promise<Rate> {
  const { trainModel } = await import('../dist/engines/trainer/train-model.js');
  const result = await trainModel({
    modelPath,
    trainFile,
    outputDirectory: join(directory, 'out'),
    method: method as never,
    epochs: 1,
    batchSize: rows,
    sequenceLength: length,
    maxSteps: steps,
    checkpoints: false,
    seed,
  });
  const tokens = result.tokensPerSecond * result.trainSeconds;
  return { wall: result.tokensPerSecond, cpu: tokens / result.trainCpuSeconds };
}

function run(command: string, args: string[]): boolean {
  return spawnSync(command, args, { stdio: ['ignore', 'ignore', 'inherit'] }).status === 0;
}

/** Builds llama-finetune once into ~/.cache/tunegate; undefined when cmake or g++ is missing. */
function llamaFinetuneBinary(): string | undefined {
  for (const tool of ['cmake', 'g++', 'git']) {
    if (spawnSync(tool, ['--version'], { stdio: 'ignore' }).status !== 0) {
      console.log(`llama-finetune skipped: ${tool} is not installed`);
      return undefined;
    }
  }
  const cache = join(homedir(), '.cache', 'tunegate');
  const source = join(cache, 'llama-cpp-src');
  const build = join(cache, 'llama-cpp-build');
  const binary = join(build, 'bin', 'llama-finetune');
  if (existsSync(binary)) return binary;
  mkdirSync(cache, { recursive: true });
  const bundle = join(repository, 'node_modules', 'node-llama-cpp', 'llama', 'gitRelease.bundle');
  if (!existsSync(source) && !run('git', ['clone', '--quiet', bundle, source])) return undefined;
  console.log('building llama-finetune (first run only, several minutes)…');
  const options = [
    '-DCMAKE_BUILD_TYPE=Release',
    '-DLLAMA_CURL=OFF',
    '-DBUILD_SHARED_LIBS=OFF',
    '-DLLAMA_BUILD_TESTS=OFF',
    '-DLLAMA_BUILD_SERVER=OFF',
    '-DGGML_OPENMP=OFF',
  ];
  if (!run('cmake', ['-S', source, '-B', build, ...options])) return undefined;
  if (!run('cmake', ['--build', build, '--target', 'llama-finetune', '-j2'])) return undefined;
  return existsSync(binary) ? binary : undefined;
}

/** One epoch of llama-finetune; bash's `time` gives its CPU seconds, its progress the count. */
function measureLlamaCpp(
  binary: string,
  modelPath: string,
  textFile: string,
  directory: string,
): Rate | undefined {
  const args = [
    '-m',
    modelPath,
    '-f',
    textFile,
    '-c',
    String(length),
    '-b',
    String(length),
    '-ub',
    String(length),
    '-t',
    '1',
    '-epochs',
    '1',
    '-lr',
    '1e-4',
    '-val-split',
    '0',
    '-o',
    join(directory, 'llama-finetune-out.gguf'),
  ];
  const started = performance.now();
  const result = spawnSync(
    'bash',
    ['-c', 'TIMEFORMAT="cpu %U %S"; time "$@" 2>&1', 'bash', binary, ...args],
    { encoding: 'utf8', maxBuffer: 1 << 28 },
  );
  const seconds = (performance.now() - started) / 1000;
  const progress = [...result.stdout.matchAll(/train: .*?data=(\d+)\/(\d+)/g)].at(-1);
  const cpu = /cpu ([\d.]+) ([\d.]+)/.exec(result.stderr);
  if (result.status !== 0 || !progress || !cpu) {
    console.log(`llama-finetune failed (exit ${result.status})`);
    return undefined;
  }
  const tokens = Number(progress[1]) * length;
  return { wall: tokens / seconds, cpu: tokens / (Number(cpu[1]) + Number(cpu[2])) };
}

const mirror = process.env.TUNEGATE_MODEL_MIRROR;
if (!mirror) throw new Error('set TUNEGATE_MODEL_MIRROR to the folder holding stories260K/');
const directory = mkdtempSync(join(tmpdir(), 'tunegate-bench-train-'));
try {
  const { convertLlama2cToGguf } = await import(
    '../dist/engines/llama-cpp/llama2c/convert-llama2c-to-gguf.js'
  );
  const modelPath = join(directory, 'stories260K.gguf');
  const source = join(mirror, 'stories260K');
  await convertLlama2cToGguf({
    checkpointPath: join(source, 'stories260K.bin'),
    tokenizerPath: join(source, 'tok512.bin'),
    outputPath: modelPath,
    name: 'stories260K',
  });
  const documents = corpus(400);
  const trainFile = join(directory, 'train.jsonl');
  writeFileSync(trainFile, `${documents.map((text) => JSON.stringify({ text })).join('\n')}\n`);
  const textFile = join(directory, 'train.txt');
  writeFileSync(textFile, documents.join('\n'));
  const binary = llamaFinetuneBinary();
  console.log(
    `stories260K, batch ${rows} × ${length}, ${steps} steps per run, median of ${runs} interleaved runs, 1 thread`,
  );
  const lora: Rate[] = [];
  const full: Rate[] = [];
  const reference: Rate[] = [];
  for (let attempt = 0; attempt < runs; attempt++) {
    lora.push(
      await measureOurs(
        modelPath,
        trainFile,
        { type: 'lora', rank: 8, alpha: 16 },
        directory,
        attempt,
      ),
    );
    full.push(await measureOurs(modelPath, trainFile, { type: 'full' }, directory, attempt));
    const measured = binary ? measureLlamaCpp(binary, modelPath, textFile, directory) : undefined;
    if (measured) reference.push(measured);
  }
  const show = (key: string, rates: Rate[]) => {
    console.log(
      `${key}_cpu_tokens_per_second ${median(rates.map((rate) => rate.cpu)).toFixed(0)} tokens/cpu-s`,
    );
    console.log(
      `${key}_tokens_per_second ${median(rates.map((rate) => rate.wall)).toFixed(0)} tokens/s`,
    );
  };
  show('train_lora_r8', lora);
  show('train_full', full);
  if (reference.length === 0) {
    console.log('llama-finetune not measured; no ratio');
    console.log(
      `train_lora_r8_tokens_per_second ${median(lora.map((rate) => rate.wall)).toFixed(0)} tokens/s`,
    );
  } else {
    show('llamacpp_finetune', reference);
    const ratio = (ours: Rate[], kind: 'wall' | 'cpu') =>
      (
        median(ours.map((rate) => rate[kind])) / median(reference.map((rate) => rate[kind]))
      ).toFixed(2);
    console.log(`train_full_vs_llamacpp_ratio ${ratio(full, 'wall')} x`);
    console.log(`train_lora_vs_llamacpp_cpu_ratio ${ratio(lora, 'cpu')} x`);
    console.log(`train_lora_vs_llamacpp_ratio ${ratio(lora, 'wall')} x`);
  }
} finally {
  rmSync(directory, { recursive: true, force: true });
}
