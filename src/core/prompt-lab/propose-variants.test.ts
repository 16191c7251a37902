import { describe, expect, it } from 'vitest';
import { ScriptedDouble } from '../../providers/scripted-double.js';
import { taskSchema } from '../task/task-schema.js';
import { isPlainVariant, plainVariant } from './plain-variant.js';
import { proposeVariants } from './propose-variants.js';
import { cleanRewrite, proposeRewrites, rewriteMetaPrompt } from './rewrite-instruction.js';

const task = (overrides: Record<string, unknown> = {}) =>
  taskSchema.parse({
    name: 'simplify',
    description: 'Make legal text readable. More words here.',
    instruction: 'Translate the clause into simpler language.',
    output: { kind: 'text' },
    checks: [{ type: 'length', unit: 'words', max: 80 }],
    data: { eval: 'eval.jsonl', fewShot: 'pool.jsonl' },
    models: ['double:echo'],
    variants: [{ name: 'baseline' }, { name: 'k3', fewShot: { k: 3, selection: 'fixed' } }],
    sampling: { temperature: [0, 0.7] },
    ...overrides,
  });

describe('proposeVariants', () => {
  it('adds completion-mode variants only for tasks with raw-text models, capped by the pool', () => {
    const plain = proposeVariants(task(), { fewShotPoolSize: 4 });
    expect(plain.some((p) => p.variant.mode === 'completion')).toBe(false);
    const raw = proposeVariants(task(), { fewShotPoolSize: 4, completionModels: true });
    const completion = raw.filter((p) => p.variant.mode === 'completion');
    // k=5 exceeds the pool of 4.
    expect(completion.map((p) => [p.variant.name, p.variant.fewShot?.k ?? 0])).toEqual([
      ['completion-k0', 0],
      ['completion-k3-nearest', 3],
    ]);
    expect(completion.every((p) => p.axis === 'few-shot')).toBe(true);
  });

  it('proposes one change per candidate along every axis, skipping what the task already has', () => {
    const proposals = proposeVariants(task(), { fewShotPoolSize: 4 });
    expect(proposals.map((p) => [p.axis, p.variant.name])).toEqual([
      ['wording', 'wording-translate-simpler'],
      ['wording', 'wording-state-format'],
      ['wording', 'wording-format-last'],
      // k3 fixed exists already; k5 exceeds the pool of 4.
      ['few-shot', 'few-shot-k1-nearest'],
      ['few-shot', 'few-shot-k3-nearest'],
      ['system', 'system-expert'],
      ['system', 'system-format'],
      ['sampling', 'sampling-greedy'],
      ['sampling', 'sampling-focused'],
      ['sampling', 'sampling-penalized'],
    ]);
    const byName = new Map(proposals.map((p) => [p.variant.name, p]));
    expect(byName.get('wording-translate-simpler')?.variant.instruction).toBe(
      'Summarize the clause in plain words.',
    );
    expect(byName.get('wording-state-format')?.variant.instruction).toBe(
      'Translate the clause into simpler language.\nReply with the answer only, in at most 3 sentences, with no preamble.',
    );
    expect(byName.get('system-expert')?.variant.system).toBe(
      "You are a careful expert at this task: Make legal text readable. Follow the user's instruction exactly.",
    );
    expect(byName.get('sampling-greedy')?.variant.sampling).toEqual({ temperature: [0] });
    expect(proposals.every((p) => p.source === 'built-in')).toBe(true);
    // Each proposal is linted as the variant it would be: the original weak verb is still flagged here.
    expect(byName.get('system-format')?.findings.map((f) => f.code)).toContain('weak-verb');
    expect(byName.get('wording-translate-simpler')?.findings.map((f) => f.code)).not.toContain(
      'weak-verb',
    );
  });

  it('keeps to the axes asked for and names clashes apart', () => {
    const proposals = proposeVariants(
      task({ variants: [{ name: 'system-expert', system: 'x' }] }),
      {
        axes: ['system'],
      },
    );
    expect(proposals.map((p) => p.variant.name)).toEqual(['system-expert-2', 'system-format']);
  });
});

describe('plainVariant', () => {
  it('reuses a plain variant of the task, or makes one named plain', () => {
    const withBaseline = task();
    expect(plainVariant(withBaseline).name).toBe('baseline');
    const without = task({ variants: [{ name: 'plain', system: 'x' }] });
    expect(plainVariant(without).name).toBe('plain-2');
    expect(isPlainVariant(plainVariant(without), without)).toBe(true);
    expect(
      isPlainVariant({ name: 'x', mode: 'chat', sampling: { temperature: [0] } }, without),
    ).toBe(false);
  });
});

describe('proposeRewrites', () => {
  it('asks the model with the meta-prompt, cleans the answers and drops unusable ones', async () => {
    const model = new ScriptedDouble({
      modelId: 'rewriter',
      rules: [],
      default: [
        '```\nSummarize the clause in plain words.\nReply with at most 3 sentences.\n```',
        'Translate the clause into simpler language.',
        'Here is the rewritten instruction:\nSummarize the clause in plain words.\nReply with at most 3 sentences.',
        '"Rewrite the clause for a 12-year-old reader, in at most 60 words."',
      ],
    });
    const calls: unknown[] = [];
    const recording = {
      ...model,
      reference: model.reference,
      generate: (request: Parameters<typeof model.generate>[0]) => {
        calls.push(request);
        return model.generate(request);
      },
    };
    const result = await proposeRewrites(task(), recording as ScriptedDouble, { count: 8 });
    expect(calls).toHaveLength(8);
    const first = calls[0] as { prompt: { messages: { role: string; content: string }[] } };
    expect(first.prompt.messages[0]).toEqual({ role: 'system', content: rewriteMetaPrompt });
    expect(first.prompt.messages[1]?.content).toContain(
      'Translate the clause into simpler language.',
    );
    const texts = result.proposals.map((p) => p.variant.instruction);
    expect(new Set(texts).size).toBe(texts.length);
    expect(texts).toContain(
      'Summarize the clause in plain words.\nReply with at most 3 sentences.',
    );
    expect(
      result.proposals.every((p) => p.source === 'double:rewriter' && p.axis === 'wording'),
    ).toBe(true);
    expect(result.rejected.map((r) => r.reason)).toContain('same as the original instruction');
  });

  it('cleans fences, quotes, preambles and control characters', () => {
    expect(cleanRewrite('```text\nDo it.\n```')).toBe('Do it.');
    expect(cleanRewrite('“Do it.”')).toBe('Do it.');
    expect(cleanRewrite('Here is the revised instruction:\nDo it.')).toBe('Do it.');
    expect(cleanRewrite('Do\u0007 it.\u001b[31m')).toBe('Do it.[31m');
  });
});
