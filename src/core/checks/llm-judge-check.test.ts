import { describe, expect, it } from 'vitest';
import type { GenerateRequest, LanguageModel } from '../../spec/language-model.js';
import type { EvalCase } from '../task/eval-case.js';
import type { LoadedTask } from '../task/loaded-task.js';
import { checkConfigSchema, taskSchema } from '../task/task-schema.js';
import type { CheckConfigOf } from './check.js';
import { buildJudgePrompt, createLlmJudgeCheck, parseJudgeReply } from './llm-judge-check.js';

/** Test double: replies with the scripted texts in turn (an Error is thrown) and records requests. */
function scriptedJudge(
  replies: (string | Error)[],
): LanguageModel & { requests: GenerateRequest[] } {
  const requests: GenerateRequest[] = [];
  return {
    reference: 'fake:judge',
    provider: 'fake',
    modelId: 'judge',
    supportsCompletionMode: false,
    requests,
    async generate(request) {
      requests.push(request);
      const reply = replies[requests.length - 1];
      if (reply === undefined) throw new Error('no scripted reply left');
      if (reply instanceof Error) throw reply;
      return { text: reply, usage: { inputTokens: 10, outputTokens: 5 }, finishReason: 'stop' };
    },
  };
}

const config = taskSchema.parse({
  name: 'summaries',
  instruction: 'Summarise.',
  output: { kind: 'text', field: 'reference' },
  checks: [{ type: 'equals' }],
  data: { eval: 'eval.jsonl' },
  models: ['openai:gpt-4o-mini'],
  variants: [{ name: 'base' }],
});
const task: LoadedTask = { config, file: '/task/tunegate.yaml', directory: '/task', hash: 'h' };
const evalCase: EvalCase = {
  id: 'c1',
  fields: { text: 'The cat sat on the mat.', words: 5, reference: 'A cat sat.' },
  source: { file: 'eval.jsonl', line: 1 },
};
const make = (judge: LanguageModel, input: Record<string, unknown> = {}) =>
  createLlmJudgeCheck(
    checkConfigSchema.parse({
      type: 'llm-judge',
      model: 'fake:judge',
      rubric: 'Is it a faithful summary?',
      ...input,
    }) as CheckConfigOf<'llm-judge'>,
    { name: 'judge', kind: 'content' },
    task,
    judge,
  );

describe('buildJudgePrompt', () => {
  it('lays out rubric, input fields and output', () => {
    expect(buildJudgePrompt('Be brief.', { text: 'Hi', n: 2 }, 'Out')).toEqual({
      mode: 'chat',
      messages: [
        {
          role: 'system',
          content:
            'You are a strict, impartial evaluator. Judge the output only against the rubric. ' +
            'Reply with a single JSON object and nothing else: ' +
            '{"reasoning": "<one or two sentences>", "score": <a number from 0 to 1>}.',
        },
        {
          role: 'user',
          content:
            '<rubric>\nBe brief.\n</rubric>\n\n<input>\ntext: Hi\nn: 2\n</input>\n\n<output>\nOut\n</output>',
        },
      ],
    });
    const empty = buildJudgePrompt('R', {}, '');
    expect(empty.mode === 'chat' && empty.messages[1]?.content).toBe(
      '<rubric>\nR\n</rubric>\n\n<input>\n(none)\n</input>\n\n<output>\n\n</output>',
    );
  });
});

describe('parseJudgeReply', () => {
  it('reads the first JSON object, even inside prose or a fence', () => {
    expect(parseJudgeReply('{"reasoning": "Good.", "score": 0.75}')).toEqual({
      score: 0.75,
      reasoning: 'Good.',
    });
    expect(parseJudgeReply('Here:\n```json\n{"score": "0.9", "reasoning": "ok {x}"}\n```')).toEqual(
      { score: 0.9, reasoning: 'ok {x}' },
    );
  });

  it('falls back to the first number in the reply', () => {
    expect(parseJudgeReply('Score: 0.3 because it is vague')).toEqual({ score: 0.3 });
    expect(parseJudgeReply('{"reasoning": "no score given"} but 1')).toEqual({
      score: 1,
      reasoning: 'no score given',
    });
    expect(parseJudgeReply('I cannot grade this.')).toEqual({});
  });
});

describe('llm-judge check', () => {
  it('asks at temperature 0 with the rubric, input fields (not the expected output) and output', async () => {
    const judge = scriptedJudge(['{"reasoning": "Faithful and short.", "score": 0.8}']);
    const result = await make(judge).run('A cat sat on a mat.', evalCase);
    expect(result).toEqual({
      name: 'judge',
      kind: 'content',
      pass: true,
      score: 0.8,
      reason: 'score 0.8: Faithful and short.',
    });
    expect(judge.requests).toHaveLength(1);
    expect(judge.requests[0]?.sampling).toEqual({ temperature: 0 });
    const prompt = judge.requests[0]?.prompt;
    expect(prompt?.mode === 'chat' && prompt.messages[1]?.content).toBe(
      '<rubric>\nIs it a faithful summary?\n</rubric>\n\n' +
        '<input>\ntext: The cat sat on the mat.\nwords: 5\n</input>\n\n' +
        '<output>\nA cat sat on a mat.\n</output>',
    );
  });

  it('passes exactly at the threshold and fails just below it', async () => {
    const judge = scriptedJudge(['{"score": 0.6}', '{"score": 0.59}']);
    const check = make(judge, { threshold: 0.6 });
    expect(await check.run('x', evalCase)).toEqual({
      name: 'judge',
      kind: 'content',
      pass: true,
      score: 0.6,
      reason: 'score 0.6',
    });
    expect(await check.run('x', evalCase)).toMatchObject({ pass: false, score: 0.59 });
  });

  it('fills case fields into the rubric', async () => {
    const judge = scriptedJudge(['0.9']);
    await make(judge, { rubric: 'Compare with: {{reference}}' }).run('x', evalCase);
    const prompt = judge.requests[0]?.prompt;
    expect(prompt?.mode === 'chat' && prompt.messages[1]?.content).toMatch(
      /^<rubric>\nCompare with: A cat sat\.\n<\/rubric>/,
    );
  });

  it('fails with a reason when the reply has no usable score', async () => {
    const judge = scriptedJudge(['I cannot grade this.', '{"score": 7, "reasoning": "7/10"}']);
    const check = make(judge);
    expect(await check.run('x', evalCase)).toEqual({
      name: 'judge',
      kind: 'content',
      pass: false,
      reason: 'judge reply has no score: "I cannot grade this."',
    });
    expect(await check.run('x', evalCase)).toMatchObject({
      pass: false,
      reason:
        'judge reply has score 7 outside 0..1: "{\\"score\\": 7, \\"reasoning\\": \\"7/10\\"}"',
    });
  });

  it('turns a failed judge call into a failed result', async () => {
    const judge = scriptedJudge([new Error('rate limited')]);
    expect(await make(judge).run('x', evalCase)).toEqual({
      name: 'judge',
      kind: 'content',
      pass: false,
      reason: 'judge error: rate limited',
    });
  });
});
