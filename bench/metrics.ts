/**
 * Times the diversity metrics on synthetic outputs. Run against the compiled library:
 *
 *   npx tsc -p tsconfig.build.json && node --experimental-strip-types bench/metrics.ts
 *
 * Outputs are about 100 tokens drawn from a seeded 5,000-word vocabulary with Zipf-like
 * frequencies (weight 1/rank^1.1), so n-grams repeat as they do in real text. Each figure is
 * the median of 3 runs, in seconds. The last line is `self_bleu_1000_s VALUE s`.
 */
import { performance } from 'node:perf_hooks';

type Metrics = typeof import('../src/core/metrics/index.js');

// The path is built at run time so that type checking needs no dist/ (types come from src/).
const metricsUrl = new URL('../dist/core/metrics/index.js', import.meta.url).href;
const metrics: Metrics = await import(metricsUrl);

const VOCABULARY_SIZE = 5000;
const ZIPF_EXPONENT = 1.1;

function makeVocabulary(random: () => number): string[] {
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  const words = new Set<string>();
  while (words.size < VOCABULARY_SIZE) {
    const length = 2 + Math.floor(random() * 8);
    let word = '';
    for (let index = 0; index < length; index += 1) {
      word += letters[Math.floor(random() * letters.length)];
    }
    words.add(word);
  }
  return [...words];
}

function makeOutputs(count: number, seed: number): string[] {
  const random = metrics.seededRandom(seed);
  const vocabulary = makeVocabulary(random);
  const cumulative = new Float64Array(VOCABULARY_SIZE);
  let total = 0;
  for (let rank = 0; rank < VOCABULARY_SIZE; rank += 1) {
    total += 1 / (rank + 1) ** ZIPF_EXPONENT;
    cumulative[rank] = total;
  }
  const drawWord = (): string => {
    const target = random() * total;
    let low = 0;
    let high = VOCABULARY_SIZE - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((cumulative[middle] as number) < target) low = middle + 1;
      else high = middle;
    }
    return vocabulary[low] as string;
  };
  return Array.from({ length: count }, () => {
    const length = 80 + Math.floor(random() * 41);
    const words: string[] = [];
    for (let index = 0; index < length; index += 1) words.push(drawWord());
    return `${words.join(' ')}.`;
  });
}

/** Median wall time of `runs` calls, in seconds, and the last result. */
function time<T>(run: () => T, runs = 3): { seconds: number; result: T } {
  const seconds: number[] = [];
  let result: T | undefined;
  for (let attempt = 0; attempt < runs; attempt += 1) {
    const start = performance.now();
    result = run();
    seconds.push((performance.now() - start) / 1000);
  }
  seconds.sort((left, right) => left - right);
  return { seconds: seconds[Math.floor(runs / 2)] as number, result: result as T };
}

function report(name: string, seconds: number, note = ''): void {
  console.log(`${name} ${seconds.toFixed(4)} s${note ? `  (${note})` : ''}`);
}

const outputsBySize = new Map([
  [1000, makeOutputs(1000, 1)],
  [10_000, makeOutputs(10_000, 2)],
]);

for (const [size, outputs] of outputsBySize) {
  const tokens = outputs.reduce((sum, output) => sum + metrics.tokenizeWords(output).length, 0);
  console.log(`# ${size} outputs, ${tokens} tokens`);
  const distinct = time(() => metrics.distinctNs(outputs, 4));
  report(
    `distinct_1_4_${size}_s`,
    distinct.seconds,
    distinct.result.map((value) => value.toFixed(4)).join(', '),
  );
  const compression = time(() => metrics.compressionRatio(outputs));
  report(`compression_${size}_s`, compression.seconds, `ratio ${compression.result?.toFixed(4)}`);
  const ngram = time(() => metrics.ngramDiversity(outputs));
  report(`ngram_diversity_${size}_s`, ngram.seconds, `score ${ngram.result.toFixed(4)}`);
  const exact = time(() => metrics.selfBleu(outputs, { cap: Number.POSITIVE_INFINITY }));
  report(
    `self_bleu_${size}_exact_s`,
    exact.seconds,
    `value ${exact.result?.value.toFixed(6)}, sample ${exact.result?.sampleSize}`,
  );
  if (size > metrics.SELF_BLEU_DEFAULT_CAP) {
    const sampled = time(() => metrics.selfBleu(outputs));
    report(
      `self_bleu_${size}_sampled_s`,
      sampled.seconds,
      `value ${sampled.result?.value.toFixed(6)}, sample ${sampled.result?.sampleSize} of ${sampled.result?.total}`,
    );
  }
  const all = time(() => metrics.diversityReport(outputs));
  report(`diversity_report_${size}_s`, all.seconds);
}

const headline = time(() => metrics.selfBleu(outputsBySize.get(1000) as string[]));
console.log(`self_bleu_1000_s ${headline.seconds.toFixed(4)} s`);
