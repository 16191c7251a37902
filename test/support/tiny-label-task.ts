import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadTask } from '../../src/core/task/load-task.js';
import type { LoadedTask } from '../../src/core/task/loaded-task.js';
import type { ModelConfig } from '../../src/core/task/task-schema.js';
import type {
  GenerateRequest,
  GenerateResult,
  LanguageModel,
} from '../../src/spec/language-model.js';

/** Four yes/no cases: q1 yes, q2 no, q3 yes, q4 no. */
export const tinyCases = [
  { id: 'q1', question: 'Is the Moon smaller than Earth?', expected: 'yes' },
  { id: 'q2', question: 'Does a feather fall slower than a hammer in a vacuum?', expected: 'no' },
  { id: 'q3', question: 'Is there air on Mars?', expected: 'yes' },
  { id: 'q4', question: 'Can you swim in the clouds of Jupiter?', expected: 'no' },
];

/**
 * A small label task in `directory`: models `base` and `tuned` (prices 1 and 2 US$ per 1M
 * input and output tokens, training 4 for the base), variants `plain` and `long`, 2 repeats;
 * with `train`, those rows as data.train.
 */
export async function writeTinyLabelTask(
  directory: string,
  extra = '',
  train?: { question: string; expected: string }[],
): Promise<LoadedTask> {
  if (train) {
    writeFileSync(
      join(directory, 'train.jsonl'),
      `${train.map((row, index) => JSON.stringify({ id: `t${index + 1}`, ...row })).join('\n')}\n`,
    );
  }
  writeFileSync(
    join(directory, 'eval.jsonl'),
    `${tinyCases.map((row) => JSON.stringify(row)).join('\n')}\n`,
  );
  writeFileSync(
    join(directory, 'tunegate.yaml'),
    `name: tiny
instruction: Answer yes or no.
input: "Q: {{question}}"
output: { kind: label, labels: [yes, no] }
checks:
  - { type: label, kind: format }
  - { type: equals, kind: content }
data: { eval: eval.jsonl${train ? ', train: train.jsonl' : ''} }
models:
  - ref: double:echo
    name: base
    price: { input: 1, output: 2, training: 4 }
  - ref: double:tuned
    name: tuned
    price: { input: 1, output: 2 }
variants:
  - name: plain
  - name: long
    system: Think about gravity first.
sampling: { temperature: 0 }
repeats: 2
run: { cache: false }
${extra}`,
  );
  return loadTask(join(directory, 'tunegate.yaml'));
}

/** The right answer for a prompt's question. */
function truth(text: string): string {
  return tinyCases.find((row) => text.includes(row.question))?.expected ?? 'unknown';
}

/**
 * Scripted models for the tiny task. `base`: with a system message it answers right except
 * on q4 (input 20 tokens); without, always `yes` (input 10). `tuned`: always right (input 5).
 * Every answer is 1 output token.
 */
export function tinyModels(config: ModelConfig): LanguageModel {
  const name = config.name ?? config.ref;
  return {
    reference: config.ref,
    provider: 'double',
    modelId: name,
    supportsCompletionMode: false,
    async generate(request: GenerateRequest): Promise<GenerateResult> {
      const prompt = request.prompt;
      if (prompt.mode !== 'chat') throw new Error('chat only');
      const text = prompt.messages.map((message) => message.content).join('\n');
      const system = prompt.messages.some((message) => message.role === 'system');
      let answer: string;
      let inputTokens: number;
      if (name === 'tuned') {
        answer = truth(text);
        inputTokens = 5;
      } else if (system) {
        answer = text.includes(tinyCases[3]?.question ?? '') ? 'yes' : truth(text);
        inputTokens = 20;
      } else {
        answer = 'yes';
        inputTokens = 10;
      }
      return { text: answer, usage: { inputTokens, outputTokens: 1 }, finishReason: 'stop' };
    },
  };
}
