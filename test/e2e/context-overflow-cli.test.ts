import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disposeLocalEngine } from '../../src/providers/local/local-engine-loader.js';
import { loadLocalModel } from '../../src/providers/local/local-runtime.js';
import { SqliteEvalStore } from '../../src/store/sqlite-eval-store.js';
import { temporaryDirectory } from '../support/temporary-directory.js';
import { importStories260K, type Stories260K } from './local-stories260k.js';

/** bin/tunegate.js runs the built dist (npm test builds it first). */
const bin = fileURLToPath(new URL('../../bin/tunegate.js', import.meta.url));
const contextSize = 256;

let stories: Stories260K;
let directory: { path: string; remove: () => void };
let task: string;

/**
 * A name-the-character task on stories260K in a 256-token context. Zero-shot prompts are
 * 34–79 tokens; three few-shot examples add about 195, so the few-shot prompts of the three
 * short stories (c1–c3) fit and those of the two long ones (c4, c5) do not.
 */
function writeTask(maxTokens: number): void {
  const stories = [
    'Lily saw a cat.',
    'Tom ran home.',
    'The sun was hot and Lily was glad.',
    'Once upon a time there was a little girl named Lily who loved to play in the park with her big red ball every day after school.',
    'Tom and his dog went to the big forest to find a tall tree where the birds sang happy songs all morning long.',
  ];
  const rows = stories.map((sentence, index) => ({
    id: `c${index + 1}`,
    sentence,
    name: sentence.includes('Lily') ? 'Lily' : 'Tom',
  }));
  const shots = [0, 1, 2].map((index) => ({
    id: `f${index}`,
    sentence: `Once upon a time, a girl named Sue played with her toy number ${index} in the big green park. She was very happy and she laughed.`,
    name: 'Sue',
  }));
  mkdirSync(join(task, 'data'), { recursive: true });
  const jsonl = (items: object[]) => `${items.map((item) => JSON.stringify(item)).join('\n')}\n`;
  writeFileSync(join(task, 'data', 'eval.jsonl'), jsonl(rows));
  writeFileSync(join(task, 'data', 'few-shot.jsonl'), jsonl(shots));
  writeFileSync(
    join(task, 'tunegate.yaml'),
    `name: story-name
instruction: Write the name in the story.
input: "{{sentence}}"
output: { kind: text, field: name }
checks: [{ type: equals }]
data: { eval: data/eval.jsonl, fewShot: data/few-shot.jsonl }
models:
  - { ref: "local:stories260K", name: stories }
variants:
  - { name: zero-shot, mode: completion }
  - { name: few-shot, mode: completion, fewShot: { k: 3 } }
sampling: { temperature: 0, maxTokens: ${maxTokens} }
repeats: 1
`,
  );
}

interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

function tunegate(args: string[]): Promise<Outcome> {
  const child = spawn(process.execPath, [bin, ...args], {
    cwd: task,
    env: {
      ...process.env,
      ...stories.env,
      TUNEGATE_LOCAL_CONTEXT_SIZE: String(contextSize),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => {
    stdout += String(chunk);
  });
  child.stderr.on('data', (chunk) => {
    stderr += String(chunk);
  });
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

/** Runs and cells in the task's store; none when the file was never created. */
function stored(): {
  runs: number;
  cells: { caseId: string; variant: string; error: string | null }[];
} {
  const file = join(task, '.tunegate', 'tunegate.db');
  if (!existsSync(file)) return { runs: 0, cells: [] };
  const store = new SqliteEvalStore(file);
  try {
    const runs = store.listRuns();
    const cells = runs.flatMap((run) =>
      [...store.iterateCells(run.id)].map((cell) => ({
        caseId: cell.caseId,
        variant: cell.variant,
        error: cell.errorMessage,
      })),
    );
    return { runs: runs.length, cells };
  } finally {
    store.close();
  }
}

/** Prompt tokens per case as the finding names them: "case c5 is 274 tokens", "c4 at 267 tokens". */
function namedPromptTokens(message: string): Map<string, number> {
  const named = new Map<string, number>();
  for (const match of message.matchAll(/(?:case )?(c\d+) (?:is|at) (\d+) tokens/g)) {
    named.set(match[1] as string, Number(match[2]));
  }
  return named;
}

beforeAll(async () => {
  stories = await importStories260K();
  directory = temporaryDirectory('tunegate-overflow-');
  task = join(directory.path, 'story-name');
  writeTask(4);
});

afterAll(async () => {
  await disposeLocalEngine();
  directory?.remove();
  stories?.remove();
});

describe('a run whose few-shot prompts overflow the local model’s context', () => {
  let refusal: Outcome;

  it('refuses to start: exit 3, variant, model and worst cases named, nothing stored', async () => {
    refusal = await tunegate(['eval']);
    expect(refusal.code).toBe(3);
    expect(refusal.stderr).toContain('refusing to start, nothing was run');
    expect(refusal.stderr).toContain('variant few-shot on stories: prompt of case c5 is');
    expect(refusal.stderr).toContain(`the context holds ${contextSize} (2 of 5 cases overflow`);
    expect(refusal.stderr).toContain('--allow-overflow');
    const named = namedPromptTokens(refusal.stderr);
    expect([...named.keys()].sort()).toEqual(['c4', 'c5']);
    for (const tokens of named.values()) expect(tokens).toBeGreaterThan(contextSize - 1);
    // The zero-shot variant fits and is not named.
    expect(refusal.stderr).not.toContain('zero-shot');
    expect(stored()).toEqual({ runs: 0, cells: [] });
  });

  it('lists the same finding on --dry-run and exits 0, saying a real run would refuse', async () => {
    const dry = await tunegate(['eval', '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain(
      `stories: the context holds ${contextSize} tokens (the model's own tokenizer)`,
    );
    expect(dry.stdout).toContain('a real run would refuse to start');
    const line = dry.stdout.split('\n').find((row) => row.includes('variant few-shot on stories'));
    expect(line && namedPromptTokens(line)).toEqual(namedPromptTokens(refusal.stderr));
    expect(stored().runs).toBe(0);
  });

  it('runs with --allow-overflow, and exactly the named cases fail on the context', async () => {
    const named = namedPromptTokens(refusal.stderr);
    const allowed = await tunegate(['eval', '--allow-overflow']);
    expect(allowed.stderr).toContain('running anyway (--allow-overflow)');
    // The overflowing cells fail as calls: the run finishes and exits 6 (calls failed).
    expect(allowed.code).toBe(6);
    const { runs, cells } = stored();
    expect(runs).toBe(1);
    expect(cells).toHaveLength(10);
    const failed = cells.filter((cell) => cell.error !== null);
    expect(failed.map((cell) => `${cell.variant}/${cell.caseId}`).sort()).toEqual([
      'few-shot/c4',
      'few-shot/c5',
    ]);
    // The engine measured each prompt at run time exactly as the plan did.
    for (const cell of failed) {
      const measured = /the prompt is (\d+) tokens but the context holds (\d+)/.exec(
        cell.error ?? '',
      );
      expect(measured?.slice(1).map(Number)).toEqual([named.get(cell.caseId), contextSize]);
    }
  });

  it('stops a sweep of the overflowing variant before any cell, and lets the probe run', async () => {
    const before = stored();
    const sweep = await tunegate(['sweep', '--model', 'stories', '--variant', 'few-shot']);
    expect(sweep.code).toBe(3);
    expect(sweep.stderr).toContain('on stories: prompt of case c5 is');
    expect(stored()).toEqual(before);
    const probe = await tunegate(['probe', '--limit', '2']);
    expect(probe.code).toBe(0);
    expect(stored().runs).toBe(before.runs + 1);
  });

  it("names a maxTokens shorter than an expected answer in the model's tokens", async () => {
    writeTask(1);
    try {
      const llama = await loadLocalModel(stories.path);
      const answers = { Lily: llama.tokenize('Lily').length, Tom: llama.tokenize('Tom').length };
      const longest = Math.max(answers.Lily, answers.Tom);
      expect(longest).toBeGreaterThan(1);
      const dry = await tunegate(['eval', '--dry-run', '--variant', 'zero-shot']);
      expect(dry.code).toBe(0);
      const longestCase = answers.Lily === longest ? 'c1' : 'c2';
      const longer = (answers.Lily > 1 ? 3 : 0) + (answers.Tom > 1 ? 2 : 0);
      expect(dry.stdout).toContain(
        `maxTokens 1 is shorter than the longest expected answer (${longest} tokens, case ${longestCase}) for stories (variant zero-shot; ${longer} of 5 expected answers are longer)`,
      );
    } finally {
      writeTask(4);
    }
  });

  it('fails an unknown local model at plan time with exit 2, before any cell', async () => {
    const before = stored();
    const unknown = await tunegate(['eval', '--model', 'local:no-such-model']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown model local:no-such-model');
    expect(unknown.stderr.trim().split('\n')).toHaveLength(1);
    expect(stored()).toEqual(before);
    const dry = await tunegate(['eval', '--dry-run', '--model', 'local:no-such-model']);
    expect(dry.code).toBe(2);
  });
});
