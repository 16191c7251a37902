import type { OutputSpec } from '../task/task-schema.js';

/** One sentence that states the output format, for tasks whose instruction lacks it. */
export function formatSentence(output: OutputSpec): string {
  if (output.kind === 'label') {
    return `Answer with exactly one of: ${output.labels.join(', ')}. Write nothing else.`;
  }
  if (output.kind === 'json') {
    const required = Array.isArray(output.schema.required)
      ? output.schema.required.filter((key): key is string => typeof key === 'string')
      : [];
    const keys = required.length > 0 ? ` with the keys ${required.join(', ')}` : '';
    return `Reply with only a JSON object${keys}, following this JSON Schema: ${JSON.stringify(output.schema)}`;
  }
  return 'Reply with the answer only, in at most 3 sentences, with no preamble.';
}

/** The instruction's own sentence about the answer's form ("Answer with …"), if it has one. */
export function findFormatSentence(instruction: string): string | undefined {
  const sentences = instruction.split(/(?<=[.!?])\s+|\n+/);
  return sentences
    .map((sentence) => sentence.trim())
    .find((sentence) => /^(?:answer|reply|respond|return|output)\b/i.test(sentence));
}
