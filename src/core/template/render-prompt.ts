import type { ChatMessage } from '../../spec/chat-message.js';
import type { Problem } from '../../spec/problem.js';
import type { Prompt } from '../../spec/prompt.js';
import { TunegateError } from '../../spec/tunegate-error.js';
import type { EvalCase } from '../task/eval-case.js';
import type { TaskConfig, VariantConfig } from '../task/task-schema.js';
import { createFewShotSelector, type FewShotSelector } from './few-shot-selector.js';
import { compileTemplate } from './fill-template.js';

export type PromptRenderer = (evalCase: EvalCase) => Prompt;

interface Example {
  input: string;
  expected: string;
}

function examplePair(example: Example): string {
  return `Input: ${example.input}\nOutput: ${example.expected}`;
}

/**
 * Builds a pure renderer for one task and variant. Chat: optional system message, few-shot
 * examples as user/assistant turns (`messages`) or an `Examples:` block in the user message
 * (`inline`), then the user message from `variant.template` (slots {{instruction}},
 * {{examples}}, {{input}} and case fields; the three named slots win over case fields of the
 * same name). Completion: system, instruction, `Input:/Output:` pairs, then the case's
 * `Input: …\nOutput:`; a variant template, when given, replaces everything after the system
 * text. Pool rows lacking the expected field or an input field fail here, as INVALID_DATA.
 */
export function createPromptRenderer(
  task: TaskConfig,
  variant: VariantConfig,
  fewShotPool: EvalCase[],
): PromptRenderer {
  const renderInput = compileTemplate(task.input);
  const renderUser = variant.template === undefined ? undefined : compileTemplate(variant.template);
  const instruction = variant.instruction ?? task.instruction;
  const system = variant.system ? variant.system : undefined;
  const fewShot = variant.fewShot;
  const format = fewShot?.format ?? 'messages';

  const examples = new Map<EvalCase, Example>();
  let select: FewShotSelector = () => [];
  if (fewShot && fewShot.k > 0) {
    const problems: Problem[] = [];
    for (const example of fewShotPool) {
      const prepared = prepareExample(example, (fields) => renderInput(fields), task.output.field);
      if ('problem' in prepared) problems.push(prepared.problem);
      else examples.set(example, prepared);
    }
    if (problems.length > 0) throw TunegateError.fromProblems('INVALID_DATA', problems);
    select = createFewShotSelector(fewShotPool, fewShot, {
      inputOf: (evalCase) => examples.get(evalCase)?.input ?? renderInput(evalCase.fields),
    });
  }

  return (evalCase) => {
    const input = renderInput(evalCase.fields);
    const chosen = select(evalCase).map((example) => examples.get(example) as Example);

    if (variant.mode === 'completion') {
      const prefix = system === undefined ? '' : `${system}\n\n`;
      if (renderUser) {
        const examplesText = chosen.map(examplePair).join('\n\n');
        return {
          mode: 'completion',
          text:
            prefix + renderUser({ ...evalCase.fields, instruction, examples: examplesText, input }),
        };
      }
      const pairs = chosen.map((example) => `${examplePair(example)}\n\n`).join('');
      return {
        mode: 'completion',
        text: `${prefix}${instruction}\n\n${pairs}Input: ${input}\nOutput:`,
      };
    }

    const messages: ChatMessage[] = [];
    if (system !== undefined) messages.push({ role: 'system', content: system });
    let block = '';
    if (format === 'messages') {
      for (const example of chosen) {
        messages.push({ role: 'user', content: example.input });
        messages.push({ role: 'assistant', content: example.expected });
      }
    } else if (chosen.length > 0) {
      block = `Examples:\n${chosen.map(examplePair).join('\n\n')}`;
    }
    const content = renderUser
      ? renderUser({ ...evalCase.fields, instruction, examples: block, input })
      : `${instruction}\n\n${block === '' ? '' : `${block}\n\n`}${input}`;
    messages.push({ role: 'user', content });
    return { mode: 'chat', messages };
  };
}

function prepareExample(
  example: EvalCase,
  renderInput: (fields: Record<string, unknown>) => string,
  field: string,
): Example | { problem: Problem } {
  const where = { file: example.source.file, line: example.source.line };
  const value = example.fields[field];
  if (value === undefined) {
    const message = `few-shot example "${example.id}" has no "${field}" field`;
    return { problem: { code: 'missing-expected', path: [field], message, ...where } };
  }
  try {
    const expected = typeof value === 'string' ? value : JSON.stringify(value);
    return { input: renderInput(example.fields), expected };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    const message = `few-shot example "${example.id}": ${detail}`;
    return { problem: { code: 'missing-variable', path: [], message, ...where } };
  }
}
