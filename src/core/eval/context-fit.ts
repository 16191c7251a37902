import type { ContextMeter } from '../../spec/context-meter.js';
import type { Prompt } from '../../spec/prompt.js';
import type { SamplingOptions } from '../../spec/sampling-options.js';
import type { EvalCase } from '../task/eval-case.js';

/**
 * `prompt-overflow`: the prompt leaves no room in the context (with maxTokens, where the
 * engine refuses what does not fit); `answer-cut`: it fits but leaves less room than the
 * expected answer needs; `max-tokens-short`: maxTokens is shorter than an expected answer.
 */
export type ContextFindingKind = 'prompt-overflow' | 'answer-cut' | 'max-tokens-short';

export interface ContextFindingCase {
  caseId: string;
  promptTokens: number | null;
  answerTokens: number | null;
}

/** One problem of fit on one model, with its worst cases and how many cases it affects. */
export interface ContextFinding {
  kind: ContextFindingKind;
  /** One variant, except that `max-tokens-short` lists every variant with that maxTokens. */
  variants: string[];
  model: string;
  contextSize: number;
  /** The maxTokens measured against, where it matters; else null. */
  maxTokens: number | null;
  /** Worst first, at most three. */
  worst: ContextFindingCase[];
  affectedCases: number;
  /** Cases the finding was measured over (for `max-tokens-short`: those with an expected answer). */
  totalCases: number;
  message: string;
}

/** What the check needs of a run plan. */
export interface ContextFitPlan {
  cases: readonly EvalCase[];
  variants: readonly {
    config: { name: string };
    render: (evalCase: EvalCase) => Prompt;
    points: readonly SamplingOptions[];
  }[];
  /** The case field that holds the expected answer. */
  answerField: string;
}

export interface MeteredModel {
  name: string;
  meter: ContextMeter;
}

const worstShown = 3;

/**
 * Every rendered prompt and expected answer against each model's context, in that model's
 * tokens. A case's prompt must leave one token (or, where the engine refuses what does not
 * fit, the variant's largest maxTokens) free; its expected answer must fit both in the room
 * the prompt leaves and in maxTokens.
 */
export function analyzeContextFit(
  plan: ContextFitPlan,
  models: readonly MeteredModel[],
): ContextFinding[] {
  const findings: ContextFinding[] = [];
  for (const { name: model, meter } of models) {
    const answers = plan.cases.map((evalCase) => {
      const expected = evalCase.fields[plan.answerField];
      return expected === undefined || expected === null
        ? null
        : meter.answerTokens(typeof expected === 'string' ? expected : JSON.stringify(expected));
    });
    const context = { model, meter, total: plan.cases.length };
    const shortByMaxTokens = new Map<number, string[]>();
    for (const variant of plan.variants) {
      const limits = variant.points.map((point) => point.maxTokens);
      const largest = limits.includes(undefined) ? undefined : Math.max(...(limits as number[]));
      const reserved =
        meter.maxTokensBeyondRoom === 'rejected' && largest !== undefined ? largest : 1;
      const overflowing: ContextFindingCase[] = [];
      const cut: ContextFindingCase[] = [];
      plan.cases.forEach((evalCase, index) => {
        const promptTokens = meter.promptTokens(variant.render(evalCase));
        const answerTokens = answers[index] ?? null;
        const measured = { caseId: evalCase.id, promptTokens, answerTokens };
        if (promptTokens + reserved > meter.contextSize) overflowing.push(measured);
        else if (answerTokens !== null && meter.contextSize - promptTokens < answerTokens) {
          cut.push(measured);
        }
      });
      const name = variant.config.name;
      const reservedMaxTokens = reserved > 1 ? reserved : null;
      if (overflowing.length > 0) {
        findings.push(overflowFinding(context, name, reservedMaxTokens, overflowing));
      }
      if (cut.length > 0) findings.push(cutFinding(context, name, cut));
      for (const limit of new Set(limits)) {
        if (limit === undefined) continue;
        shortByMaxTokens.set(limit, [...(shortByMaxTokens.get(limit) ?? []), name]);
      }
    }
    for (const [maxTokens, variants] of shortByMaxTokens) {
      const finding = maxTokensFinding(context, variants, maxTokens, plan.cases, answers);
      if (finding) findings.push(finding);
    }
  }
  return findings;
}

interface ModelContext {
  model: string;
  meter: ContextMeter;
  total: number;
}

function overflowFinding(
  { model, meter, total }: ModelContext,
  variant: string,
  maxTokens: number | null,
  cases: ContextFindingCase[],
): ContextFinding {
  const worst = byDescending(cases, (item) => item.promptTokens ?? 0);
  const first = worst[0] as ContextFindingCase;
  const prompt = first.promptTokens ?? 0;
  const holds = `the context holds ${meter.contextSize}`;
  const fit =
    prompt > meter.contextSize
      ? holds
      : maxTokens !== null
        ? `with maxTokens ${maxTokens} it needs ${prompt + maxTokens} and ${holds}`
        : `${holds}, which leaves no room for an answer`;
  const others = worst
    .slice(1)
    .map((item) => `${item.caseId} at ${tokens(meter, item.promptTokens ?? 0)}`);
  return {
    kind: 'prompt-overflow',
    variants: [variant],
    model,
    contextSize: meter.contextSize,
    maxTokens,
    worst,
    affectedCases: cases.length,
    totalCases: total,
    message:
      `variant ${variant} on ${model}: prompt of case ${first.caseId} is ${tokens(meter, prompt)}, ${fit} ` +
      `(${cases.length} of ${total} cases overflow${others.length > 0 ? `; next worst: ${others.join(', ')}` : ''})`,
  };
}

function cutFinding(
  { model, meter, total }: ModelContext,
  variant: string,
  cases: ContextFindingCase[],
): ContextFinding {
  const shortfall = (item: ContextFindingCase) =>
    (item.answerTokens ?? 0) - (meter.contextSize - (item.promptTokens ?? 0));
  const worst = byDescending(cases, shortfall);
  const first = worst[0] as ContextFindingCase;
  const room = meter.contextSize - (first.promptTokens ?? 0);
  return {
    kind: 'answer-cut',
    variants: [variant],
    model,
    contextSize: meter.contextSize,
    maxTokens: null,
    worst,
    affectedCases: cases.length,
    totalCases: total,
    message:
      `variant ${variant} on ${model}: prompt of case ${first.caseId} is ${tokens(meter, first.promptTokens ?? 0)}, ` +
      `leaving ${room} of the context's ${meter.contextSize} for its expected answer of ${tokens(meter, first.answerTokens ?? 0)} ` +
      `(${cases.length} of ${total} cases leave too little room)`,
  };
}

function maxTokensFinding(
  { model, meter }: ModelContext,
  variants: string[],
  maxTokens: number,
  cases: readonly EvalCase[],
  answers: readonly (number | null)[],
): ContextFinding | undefined {
  const measured: ContextFindingCase[] = [];
  cases.forEach((evalCase, index) => {
    const answerTokens = answers[index] ?? null;
    if (answerTokens !== null)
      measured.push({ caseId: evalCase.id, promptTokens: null, answerTokens });
  });
  const longer = measured.filter((item) => (item.answerTokens ?? 0) > maxTokens);
  if (longer.length === 0) return undefined;
  const worst = byDescending(longer, (item) => item.answerTokens ?? 0);
  const first = worst[0] as ContextFindingCase;
  const named = variants.length === 1 ? 'variant' : 'variants';
  return {
    kind: 'max-tokens-short',
    variants,
    model,
    contextSize: meter.contextSize,
    maxTokens,
    worst,
    affectedCases: longer.length,
    totalCases: measured.length,
    message:
      `maxTokens ${maxTokens} is shorter than the longest expected answer (${tokens(meter, first.answerTokens ?? 0)}, case ${first.caseId}) ` +
      `for ${model} (${named} ${variants.join(', ')}; ${longer.length} of ${measured.length} expected answers are longer)`,
  };
}

/** The few largest by `key`, largest first; ties keep case order. */
function byDescending(
  cases: ContextFindingCase[],
  key: (item: ContextFindingCase) => number,
): ContextFindingCase[] {
  return [...cases].sort((a, b) => key(b) - key(a)).slice(0, worstShown);
}

function tokens(meter: ContextMeter, count: number): string {
  return `${meter.exact ? '' : 'about '}${count} tokens`;
}
