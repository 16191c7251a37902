/**
 * Local engine throughput on stories260K: prompt processing and generation in tokens/s through
 * (a) node-llama-cpp called directly (the ceiling), (b) the `local:` provider, (c) `tunegate
 * serve` over loopback HTTP with the official openai client in a child process (as a real
 * client would be), non-streaming and streaming. All paths use the provider's default engine
 * settings (F16 KV cache, threads from the core count, 512-token context).
 *
 *   npm run build && TUNEGATE_MODEL_MIRROR=/path/to/models node bench/local.ts
 *
 * Rounds interleave the paths so background load hits them alike. Each phase reports the
 * median over rounds, the best round (contention only ever slows a run down), and this
 * process's CPU time per token (the model's thread plus the server's; not the client's).
 * The overhead lines compare each path with the direct run of the same round and take the
 * median of those ratios. The last line is `serve_overhead_pct VALUE %`: generation throughput
 * lost through serve (non-streaming) against direct calls.
 */
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getLlama, LlamaLogLevel, type Token } from 'node-llama-cpp';
import OpenAI from 'openai';

type Phase = 'prompt' | 'story';
/** One timed call: how many tokens it processed (prompt) or produced (story). */
type Call = (phase: Phase) => Promise<number>;
interface Measure {
  tokens: number;
  seconds: number;
  cpuSeconds: number;
}

const rounds = Number(process.env.BENCH_ROUNDS ?? 21);
const generated = 256;
const promptText = 'Lily and Tom went to the park to play with a big red ball. '.repeat(16);
const model = 'stories260K';

if (process.argv[2] === 'client') await runClient(process.argv[3] ?? '');
else await runBench();

/** Child-process mode: answers each parent message with one call's token count. */
async function runClient(baseURL: string): Promise<void> {
  const openai = new OpenAI({ baseURL, apiKey: 'unused' });
  process.on('message', async (message) => {
    const { phase, stream } = message as { phase: Phase; stream: boolean };
    let tokens = 0;
    if (phase === 'prompt') {
      const answer = await openai.completions.create({
        model,
        prompt: promptText,
        temperature: 0,
        max_tokens: 1,
      });
      tokens = answer.usage?.prompt_tokens ?? 0;
    } else if (stream) {
      const chunks = await openai.completions.create({
        model,
        prompt: '',
        temperature: 0,
        max_tokens: generated,
        stream: true,
        stream_options: { include_usage: true },
      });
      for await (const chunk of chunks) tokens = chunk.usage?.completion_tokens ?? tokens;
    } else {
      const answer = await openai.completions.create({
        model,
        prompt: '',
        temperature: 0,
        max_tokens: generated,
      });
      tokens = answer.usage?.completion_tokens ?? 0;
    }
    process.send?.(tokens);
  });
  await new Promise<void>((resolve) => process.once('disconnect', () => resolve()));
}

type Importer = typeof import('../src/engines/llama-cpp/import-llama2c-model.js');
type Providers = typeof import('../src/providers/create-language-model.js');
type Loader = typeof import('../src/providers/local/local-engine-loader.js');
type Threads = typeof import('../src/providers/local/choose-thread-count.js');
type Server = typeof import('../src/server/index.js');
type Served = typeof import('../src/server/load-served-models.js');

async function runBench(): Promise<void> {
  // Built at run time so type checking needs no dist/ (types come from src/).
  const load = <T>(path: string): Promise<T> =>
    import(new URL(`../dist/${path}`, import.meta.url).href);
  const { importLlama2cModel } = await load<Importer>('engines/llama-cpp/import-llama2c-model.js');
  const { createLanguageModel } = await load<Providers>('providers/create-language-model.js');
  const { disposeLocalEngine } = await load<Loader>('providers/local/local-engine-loader.js');
  const { chooseThreadCount } = await load<Threads>('providers/local/choose-thread-count.js');
  const { createOpenAICompatibleServer } = await load<Server>('server/index.js');
  const { loadServedModels } = await load<Served>('server/load-served-models.js');

  const mirror = process.env.TUNEGATE_MODEL_MIRROR;
  if (!mirror) {
    throw new Error(
      'set TUNEGATE_MODEL_MIRROR to the folder holding stories260K/stories260K.bin and tok512.bin',
    );
  }
  const modelsDirectory = mkdtempSync(join(tmpdir(), 'tunegate-bench-local-'));
  const env = { TUNEGATE_MODELS_DIR: modelsDirectory };
  const { path } = await importLlama2cModel({
    checkpointPath: join(mirror, 'stories260K', 'stories260K.bin'),
    tokenizerPath: join(mirror, 'stories260K', 'tok512.bin'),
    name: model,
    env,
  });

  // (a) node-llama-cpp directly: the provider's context settings, no wrappers, no detokenizing.
  const threads = chooseThreadCount(availableParallelism());
  const llama = await getLlama({
    gpu: false,
    build: 'never',
    maxThreads: availableParallelism(),
    logLevel: LlamaLogLevel.error,
  });
  const directModel = await llama.loadModel({ modelPath: path });
  const directContext = await directModel.createContext({
    contextSize: 512,
    threads,
    sequences: 2,
  });
  const sequence = directContext.getSequence();
  const bos = directModel.tokens.bos;
  if (bos === null) throw new Error('stories260K has no BOS token');
  const promptTokens: Token[] = [bos, ...directModel.tokenize(promptText)];
  const direct: Call = async (phase) => {
    await sequence.clearHistory();
    if (phase === 'prompt') {
      await sequence.evaluateWithoutGeneratingNewTokens(promptTokens);
      return promptTokens.length;
    }
    let count = 0;
    for await (const _token of sequence.evaluate([bos], { temperature: 0 })) {
      if (++count >= generated) break;
    }
    return count;
  };

  // (b) the local: provider.
  const local = createLanguageModel({ ref: `local:${model}` }, { env });
  const provider: Call = async (phase) => {
    const result = await local.generate({
      prompt: { mode: 'completion', text: phase === 'prompt' ? promptText : '' },
      sampling: { temperature: 0, maxTokens: phase === 'prompt' ? 1 : generated },
    });
    return phase === 'prompt' ? result.usage.inputTokens : result.usage.outputTokens;
  };

  // (c) tunegate serve, called from the child-process client.
  const served = await loadServedModels([model], { env, cwd: process.cwd() });
  const server = await createOpenAICompatibleServer({ models: served.host });
  const client = fork(fileURLToPath(import.meta.url), ['client', server.baseURL]);
  const overHttp =
    (stream: boolean): Call =>
    (phase) =>
      new Promise<number>((resolve) => {
        client.once('message', (tokens) => resolve(Number(tokens)));
        client.send({ phase, stream });
      });

  const paths: [string, Call][] = [
    ['direct', direct],
    ['provider', provider],
    ['serve', overHttp(false)],
    ['serve_stream', overHttp(true)],
  ];
  const measures = new Map<string, Measure[]>();
  const measure = async (name: string, call: Call, phase: Phase) => {
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    const tokens = await call(phase);
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const key = `${name}:${phase}`;
    measures.set(key, [
      ...(measures.get(key) ?? []),
      { tokens, seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6 },
    ]);
  };
  for (const [, call] of paths) await call('story'); // warm-up: load models, JIT-compile
  measures.clear();
  for (let round = 0; round < rounds; round++) {
    // Rotate the order so no path always runs first, or right after the streaming client.
    const order = [...paths.slice(round % paths.length), ...paths.slice(0, round % paths.length)];
    for (const [name, call] of order) {
      await measure(name, call, 'prompt');
      await measure(name, call, 'story');
    }
  }

  client.disconnect();
  await server.close();
  await directContext.dispose();
  await llama.dispose();
  await disposeLocalEngine();
  rmSync(modelsDirectory, { recursive: true, force: true });

  const median = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    const middle = Math.floor(sorted.length / 2);
    return sorted.length % 2 === 1
      ? (sorted[middle] ?? 0)
      : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
  };
  const summary = (name: string, phase: Phase) => {
    const list = measures.get(`${name}:${phase}`) ?? [];
    const rates = list.map((entry) => entry.tokens / entry.seconds);
    return {
      median: median(rates),
      best: Math.max(...rates),
      cpuMicrosecondsPerToken: median(list.map((entry) => (entry.cpuSeconds / entry.tokens) * 1e6)),
    };
  };
  console.log(
    `${model}, ${threads} thread(s), ${rounds} rounds, ${promptTokens.length}-token prompt, ${generated} generated tokens`,
  );
  console.log('path           phase       median tok/s   best tok/s   cpu µs/token');
  for (const [name] of paths) {
    for (const phase of ['prompt', 'story'] as const) {
      const { median: middle, best: top, cpuMicrosecondsPerToken } = summary(name, phase);
      const label = phase === 'prompt' ? 'prompt' : 'generation';
      console.log(
        `${name.padEnd(14)} ${label.padEnd(11)} ${middle.toFixed(0).padStart(12)} ${top.toFixed(0).padStart(12)} ${cpuMicrosecondsPerToken.toFixed(0).padStart(14)}`,
      );
    }
  }
  // Paired per round: each path against the direct run just before it, so slow drifts in
  // background load cancel; the median of those ratios is the throughput lost.
  const lost = (name: string) => {
    const direct = measures.get('direct:story') ?? [];
    const other = measures.get(`${name}:story`) ?? [];
    const ratios = other.map((entry, round) => {
      const base = direct[round];
      return base === undefined
        ? Number.NaN
        : entry.tokens / entry.seconds / (base.tokens / base.seconds);
    });
    return (1 - median(ratios)) * 100;
  };
  console.log(`provider_overhead_pct ${lost('provider').toFixed(1)} %`);
  console.log(`serve_stream_overhead_pct ${lost('serve_stream').toFixed(1)} %`);
  console.log(`serve_overhead_pct ${lost('serve').toFixed(1)} %`);
}
