import type { LanguageModel } from '../../spec/language-model.js';
import type { Prompt } from '../../spec/prompt.js';
import type { EvalCase } from '../task/eval-case.js';
import type { LoadedTask } from '../task/loaded-task.js';
import { compileTemplate } from '../template/fill-template.js';
import { type Check, type CheckConfigOf, type CheckIdentity, checkResult } from './check.js';
import { extractJsonObject } from './extract-json-object.js';
import { parseFirstNumber } from './parse-first-number.js';
import { quoteForReason } from './quote-for-reason.js';

const judgeSystem =
  'You are a strict, impartial evaluator. Judge the output only against the rubric. ' +
  'Reply with a single JSON object and nothing else: ' +
  '{"reasoning": "<one or two sentences>", "score": <a number from 0 to 1>}.';

/** The judge's prompt: rubric, the case's input fields (not the expected output), the output. */
export function buildJudgePrompt(
  rubric: string,
  inputFields: Record<string, unknown>,
  output: string,
): Prompt {
  const lines = Object.entries(inputFields).map(
    ([name, value]) => `${name}: ${typeof value === 'string' ? value : JSON.stringify(value)}`,
  );
  const input = lines.length > 0 ? lines.join('\n') : '(none)';
  const content =
    `<rubric>\n${rubric}\n</rubric>\n\n<input>\n${input}\n</input>\n\n` +
    `<output>\n${output}\n</output>`;
  return {
    mode: 'chat',
    messages: [
      { role: 'system', content: judgeSystem },
      { role: 'user', content },
    ],
  };
}

/**
 * Reads a judge reply: the first JSON object's `score` (a number or numeric string) and
 * `reasoning`; failing that, the first number anywhere in the reply.
 */
export function parseJudgeReply(reply: string): { score?: number; reasoning?: string } {
  const object = extractJsonObject(reply);
  const reasoning = typeof object?.reasoning === 'string' ? object.reasoning : undefined;
  const raw = object?.score;
  const score =
    typeof raw === 'number'
      ? raw
      : typeof raw === 'string'
        ? parseFirstNumber(raw)
        : parseFirstNumber(reply);
  return {
    ...(score === undefined ? {} : { score }),
    ...(reasoning === undefined ? {} : { reasoning }),
  };
}

/**
 * Asks a judge model (temperature 0) to grade the output against the rubric; passes when
 * score >= threshold. The rubric may use case fields, e.g. "matches {{expected}}".
 */
export function createLlmJudgeCheck(
  config: CheckConfigOf<'llm-judge'>,
  identity: CheckIdentity,
  task: LoadedTask,
  judge: LanguageModel,
): Check {
  const rubricOf = compileTemplate(config.rubric);
  const outputField = task.config.output.field;
  return {
    ...identity,
    async run(output: string, evalCase: EvalCase) {
      const { [outputField]: _expected, ...inputFields } = evalCase.fields;
      const prompt = buildJudgePrompt(rubricOf(evalCase.fields), inputFields, output);
      let reply: string;
      try {
        reply = (await judge.generate({ prompt, sampling: { temperature: 0 } })).text;
      } catch (error) {
        const detail = error instanceof Error ? error.message : String(error);
        return checkResult(identity, false, { reason: `judge error: ${detail}` });
      }
      const { score, reasoning } = parseJudgeReply(reply);
      if (score === undefined || score < 0 || score > 1) {
        const found = score === undefined ? 'no score' : `score ${score} outside 0..1`;
        return checkResult(identity, false, {
          reason: `judge reply has ${found}: ${quoteForReason(reply)}`,
        });
      }
      const reason = `score ${score}${reasoning ? `: ${reasoning}` : ''}`;
      return checkResult(identity, score >= config.threshold, { score, reason });
    },
  };
}
