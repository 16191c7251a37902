import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { temporaryDirectory } from '../../../test/support/temporary-directory.js';
import { createLanguageModel } from '../../providers/create-language-model.js';
import type { ContextMeter } from '../../spec/context-meter.js';
import type { LanguageModel } from '../../spec/language-model.js';
import { TunegateError } from '../../spec/tunegate-error.js';
import { SqliteEvalStore } from '../../store/sqlite-eval-store.js';
import { createTokenCounter } from '../datasets/token-counter.js';
import { loadTask } from '../task/load-task.js';
import type { LoadedTask } from '../task/loaded-task.js';
import { lookupContextWindow } from './context-windows.js';
import type { ContextFitReport } from './measure-context-fit.js';
import { measureContextFit } from './measure-context-fit.js';
import { prepareRun } from './prepare-run.js';
import { runEval } from './run-eval.js';

let directory: { path: string; remove: () => void };
let task: LoadedTask;

// The plain chat prompt is one user message "Say yes.\n\n{{question}}"; at 4 characters a
// token plus OpenAI's framing (4 a message, 3 for the reply): short is ceil(12 / 4) + 7 = 10
// tokens, long is ceil(50 / 4) + 7 = 20.
beforeEach(async () => {
  directory = temporaryDirectory();
  writeFileSync(
    join(directory.path, 'eval.jsonl'),
    [
      JSON.stringify({ id: 'short', question: 'ok', expected: 'yes' }),
      JSON.stringify({ id: 'long', question: 'x'.repeat(40), expected: 'yes' }),
    ].join('\n'),
  );
  writeFileSync(
    join(directory.path, 'tunegate.yaml'),
    [
      'name: fit',
      'instruction: Say yes.',
      'input: "{{question}}"',
      'output: { kind: text }',
      'checks: [{ type: equals }]',
      'data: { eval: eval.jsonl }',
      'models:',
      '  - { ref: "double:echo", name: small, contextWindow: 12 }',
      '  - { ref: "double:echo", name: unknown }',
      '  - openai:gpt-4o-mini-2024-07-18',
      '  - { ref: "openai:gpt-4o", name: tight, contextWindow: 18 }',
      'variants: [{ name: plain }]',
      'sampling: { maxTokens: 4 }',
      'repeats: 1',
    ].join('\n'),
  );
  task = await loadTask(join(directory.path, 'tunegate.yaml'));
});
afterEach(() => directory.remove());

const env = { OPENAI_API_KEY: 'sk-never-called' };

describe('the plan-time context check of a run', () => {
  it('refuses before storing a run, and names model, variant and case', async () => {
    const store = new SqliteEvalStore(':memory:');
    let report: ContextFitReport | undefined;
    const refused = await runEval(task, {
      store,
      env,
      models: ['small', 'unknown', 'openai:gpt-4o-mini-2024-07-18'],
      onContextFit: (fit) => {
        report = fit;
      },
    }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(TunegateError);
    expect((refused as TunegateError).code).toBe('CONTEXT_OVERFLOW');
    expect(store.listRuns()).toEqual([]);
    expect(report?.checked).toEqual([
      { model: 'small', contextSize: 12, method: 'estimated at 4 characters a token' },
      {
        model: 'openai:gpt-4o-mini-2024-07-18',
        contextSize: 128_000,
        // Far from its window by byte length: no tokenizer needed.
        method: 'bounded by UTF-8 length (a token is at least one byte)',
      },
    ]);
    expect(report?.skipped.map((skipped) => skipped.model)).toEqual(['unknown']);
    // small: with maxTokens 4, short needs 10 + 4 = 14 > 12 and long 20 + 4.
    expect(report?.findings.map((finding) => [finding.model, finding.affectedCases])).toEqual([
      ['small', 2],
    ]);
    expect(report?.findings[0]?.message).toBe(
      'variant plain on small: prompt of case long is about 20 tokens, the context holds 12 (2 of 2 cases overflow; next worst: short at about 10 tokens)',
    );
    expect((refused as TunegateError).problems.map((problem) => problem.code)).toEqual([
      'prompt-overflow',
    ]);
    store.close();
  });

  it('runs anyway with allowOverflow, and a model that fits is not refused', async () => {
    const store = new SqliteEvalStore(':memory:');
    const fits = await runEval(task, { store, env, models: ['unknown'] });
    expect(fits.run.status).toBe('completed');
    const allowed = await runEval(task, { store, env, models: ['small'], allowOverflow: true });
    expect(allowed.run.status).toBe('completed');
    expect(allowed.executed).toBe(2);
    store.close();
  });

  it('counts with the tokenizer where the byte bound does not clear the window', async () => {
    const plan = await prepareRun(task, { models: ['tight'] });
    const report = await measureContextFit(plan, new Map());
    expect(report.checked).toEqual([
      { model: 'tight', contextSize: 18, method: 'estimated with js-tiktoken o200k_base' },
    ]);
    // By bytes both overflow (57 + 4 and 19 + 4 > 18); by o200k_base only long does (8 + 7 + 4).
    const counter = await createTokenCounter('o200k_base');
    const long = counter.count(`Say yes.\n\n${'x'.repeat(40)}`) + 7;
    const short = counter.count('Say yes.\n\nok') + 7;
    expect([long, short].filter((tokens) => tokens + 4 > 18)).toEqual([long]);
    expect(report.findings.map((finding) => finding.affectedCases)).toEqual([1]);
    expect(report.findings[0]?.worst[0]).toEqual({
      caseId: 'long',
      promptTokens: long,
      answerTokens: counter.count('yes'),
    });
  });

  it("prefers the model's own meter to the task's contextWindow", async () => {
    const plan = await prepareRun(task, { models: ['small'] });
    const meter: ContextMeter = {
      contextSize: 100,
      method: 'its own',
      exact: true,
      maxTokensBeyondRoom: 'clipped',
      promptTokens: () => 99,
      answerTokens: () => 1,
    };
    const echo = createLanguageModel({ ref: 'double:echo' });
    const own: LanguageModel = {
      ...echo,
      generate: (request) => echo.generate(request),
      contextMeter: async () => meter,
    };
    const report = await measureContextFit(plan, new Map([['small', own]]));
    expect(report.checked).toEqual([{ model: 'small', contextSize: 100, method: 'its own' }]);
    // 99 + 1 fits 100 exactly; the answer of 1 token gets the 1 token left.
    expect(report.findings).toEqual([]);
  });
});

describe('lookupContextWindow', () => {
  it('finds dated references and finetunes under their base model, and nothing else', () => {
    expect(lookupContextWindow('openai:gpt-4o-mini')).toBe(128_000);
    expect(lookupContextWindow('anthropic:claude-sonnet-4-20250514')).toBe(200_000);
    expect(lookupContextWindow('openai:ft:gpt-3.5-turbo-0125:acme::abc123')).toBe(16_385);
    expect(lookupContextWindow('openai:gpt-unknown')).toBeUndefined();
    expect(lookupContextWindow('double:constructor')).toBeUndefined();
  });
});
