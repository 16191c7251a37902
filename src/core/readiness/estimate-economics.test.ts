import { describe, expect, it } from 'vitest';
import { chooseEpochs } from '../datasets/epoch-rule.js';
import { countTrainingTokens } from '../datasets/training-token-count.js';
import type { Iteration } from '../limits/iteration.js';
import type { EvalCase } from '../task/eval-case.js';
import { taskSchema } from '../task/task-schema.js';
import { type DatasetReadiness, noTrainingData } from './dataset-readiness.js';
import { estimateEconomics, finetunedRef } from './estimate-economics.js';

const task = (model: string, extra: Record<string, unknown> = {}) =>
  taskSchema.parse({
    name: 'demo',
    instruction: 'Answer.',
    output: { kind: 'text' },
    checks: [{ type: 'equals' }],
    data: { eval: 'eval.jsonl' },
    models: [model],
    variants: [{ name: 'v' }],
    ...extra,
  });

// 10 answered calls: 1,000 input and 50 output tokens each.
const best: Iteration = {
  runId: 'r',
  runKind: 'eval',
  runCreatedAt: '2026-01-01T00:00:00.000Z',
  variant: 'v',
  model: 'openai:gpt-4o-mini',
  samplingIndex: 0,
  sampling: {},
  cases: 2,
  trials: 10,
  passed: 5,
  formatFailed: 0,
  errors: 0,
  inputTokens: 10_000,
  outputTokens: 500,
  cost: null,
  index: 1,
  passRate: 0.5,
  lower: 0.2,
  upper: 0.8,
  shares: { cases: 2, shareSum: 1, shareSquares: 0.5, answered: 10, minRepeats: 5, maxRepeats: 5 },
  answeredCases: 2,
  designEffect: 1,
  failedShare: 0,
  incomplete: false,
  label: 'v on openai:gpt-4o-mini',
};

// A 76-character input: as a chat message (+4) it estimates at 80 / 4 = 20 tokens.
const cases: EvalCase[] = ['a', 'b'].map((id) => ({
  id,
  fields: { input: 'x'.repeat(76), expected: 'y' },
  source: { file: 'eval.jsonl', line: 1 },
}));

const data: DatasetReadiness = {
  ...noTrainingData(),
  file: 'train.jsonl',
  rows: 400,
  cleanExamples: 400,
};

// The job's count of the train file: 400 examples of 100 tokens; no epochs asked for.
const counted = countTrainingTokens(new Array(400).fill(100), {
  counter: { tokenizer: 'o200k_base (test)', exact: false, exampleLimit: 65_536 },
});

describe('estimateEconomics', () => {
  it('prices the best prompt, the short-prompt finetune and training, and finds the break-even volume', () => {
    const economics = estimateEconomics({
      task: task('openai:gpt-4o-mini'),
      best,
      evalCases: cases,
      dataset: data,
      trainingTokens: counted,
    });
    // (1,000 × 0.15 + 50 × 0.6) / 1M = $0.00018 a call.
    expect(economics.bestPrompt?.costPerCall).toBeCloseTo(0.00018, 15);
    // Finetune (openai:ft:gpt-4o-mini, $0.30/$1.20): (20 × 0.3 + 50 × 1.2) / 1M = $0.000066.
    expect(economics.finetuned?.ref).toBe('openai:ft:gpt-4o-mini');
    expect(economics.finetuned?.inputTokensPerCall).toBe(20);
    expect(economics.finetuned?.costPerCall).toBeCloseTo(0.000066, 15);
    // 40,000 tokens × 3 epochs (the auto-epoch rule for 400 examples) × $3/1M = $0.36.
    expect(economics.training).toMatchObject({
      tokensPerEpoch: 40_000,
      epochs: 3,
      epochSource: 'the auto-epoch rule for 400 examples',
      trainingTokens: 120_000,
      tokenizer: 'o200k_base (test)',
      method: 'the 400 rows finetune uploads from train.jsonl',
    });
    expect(economics.training?.cost).toBeCloseTo(0.36, 12);
    // 0.36 / (0.00018 − 0.000066) = 3,157.9 calls; over 12 months, 263.2 a month.
    expect(economics.breakEvenCalls).toBeCloseTo(3157.894736842, 6);
    expect(economics.breakEvenMonthlyCalls).toBeCloseTo(263.157894737, 6);
    expect(economics.neverBreaksEven).toBe(false);
    expect(economics.summary).toContain(
      'pays for itself after 3,158 calls: 263 calls a month over 12 months',
    );
    // 4 points a decade from 10^0 to 10^5; at 1 call a month training dominates.
    expect(economics.curve).toHaveLength(21);
    expect(economics.curve[0]?.promptPer1000).toBeCloseTo(0.18, 12);
    expect(economics.curve[0]?.finetunedPer1000).toBeCloseTo((0.36 / 12 + 0.000066) * 1000, 9);
    expect(economics.prices).toEqual([
      {
        model: 'openai:gpt-4o-mini',
        ref: 'openai:gpt-4o-mini',
        input: 0.15,
        output: 0.6,
        training: 3,
        finetunedInput: 0.3,
        finetunedOutput: 1.2,
      },
    ]);
  });

  it('scales token estimates by what the best prompt measured', () => {
    // The best prompt estimates at 400 / 4 = 100 tokens but measured 1,000: ×10.
    const renderBest = () => ({
      mode: 'chat' as const,
      messages: [{ role: 'user' as const, content: 'z'.repeat(396) }],
    });
    const economics = estimateEconomics({
      task: task('openai:gpt-4o-mini'),
      best,
      evalCases: cases,
      dataset: data,
      renderBest,
      trainingTokens: counted,
    });
    expect(economics.finetuned?.inputTokensPerCall).toBeCloseTo(200, 9);
    // A count by a tokenizer is the job's own figure: never rescaled.
    expect(economics.training?.trainingTokens).toBe(counted.trainingTokens);
  });

  it('estimates training tokens from the policy minimum without a train file', () => {
    // Per example: ceil((76 + 1 + 1) / 4) + 8 = 28 tokens; 200 examples.
    const economics = estimateEconomics({
      task: task('openai:gpt-4o-mini'),
      best,
      evalCases: cases,
      dataset: noTrainingData(),
    });
    expect(economics.training?.tokensPerEpoch).toBe(5600);
    expect(economics.training?.epochs).toBe(3);
    expect(economics.training?.method).toContain('200 examples (the policy minimum)');
  });

  it('takes the epochs the job will use: lab.finetune.epochs, else the auto-epoch rule', () => {
    // 20 examples × 3 = 60 passes < 100: the rule gives ceil(100 / 20) = 5 epochs.
    const few = estimateEconomics({
      task: task('openai:gpt-4o-mini', { policy: { minTrainExamples: 20 } }),
      best,
      evalCases: cases,
      dataset: noTrainingData(),
    });
    expect(few.training?.epochs).toBe(chooseEpochs(20));
    expect(few.training?.epochs).toBe(5);
    expect(few.training?.trainingTokens).toBe(20 * 28 * 5);
    const set = estimateEconomics({
      task: task('openai:gpt-4o-mini', {
        policy: { minTrainExamples: 20 },
        lab: { finetune: { epochs: 2 } },
      }),
      best,
      evalCases: cases,
      dataset: noTrainingData(),
    });
    expect([set.training?.epochs, set.training?.epochSource]).toEqual([2, 'lab.finetune.epochs']);
  });

  it('says when the finetune never breaks even', () => {
    const economics = estimateEconomics({
      task: task('openai:gpt-4o-mini', {
        lab: { finetune: { price: { input: 1, output: 10, training: 3 } } },
      }),
      best,
      evalCases: cases,
      dataset: data,
    });
    expect(economics.neverBreaksEven).toBe(true);
    expect(economics.breakEvenCalls).toBeNull();
    expect(economics.summary).toMatch(
      /^never breaks even: the finetuned model costs \$0\.00052 a call against \$0\.00018/,
    );
  });

  it('keeps an unknown price unknown, and serves LoRA finetunes at the base price', () => {
    const unknown = estimateEconomics({
      task: task('openai:gpt-9'),
      best: { ...best, model: 'openai:gpt-9' },
      evalCases: cases,
      dataset: data,
    });
    expect(unknown.summary).toContain(
      'cost unknown: no price for openai:gpt-9, openai:ft:gpt-9, openai:gpt-9 (training)',
    );
    expect(unknown.curve).toEqual([]);
    const ref = 'together:meta-llama/Meta-Llama-3.1-8B-Instruct-Reference';
    const lora = estimateEconomics({
      task: task(ref),
      best: { ...best, model: ref },
      evalCases: cases,
      dataset: data,
    });
    expect(lora.finetuned?.price).toEqual({ input: 0.18, output: 0.18, training: 0.48 });
    expect(finetunedRef(ref)).toBe('together:ft:meta-llama/Meta-Llama-3.1-8B-Instruct-Reference');
  });

  it('has nothing to price before any evaluation', () => {
    expect(
      estimateEconomics({
        task: task('openai:gpt-4o-mini'),
        best: undefined,
        evalCases: cases,
        dataset: data,
      }).bestPrompt,
    ).toBeNull();
  });
});
