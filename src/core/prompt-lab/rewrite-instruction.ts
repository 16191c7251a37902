import type { LanguageModel } from '../../spec/language-model.js';
import type { TaskConfig } from '../task/task-schema.js';
import { formatSentence } from './format-sentence.js';
import { finishProposals } from './propose-variants.js';
import type { VariantProposal } from './variant-proposal.js';

/** The meta-prompt: what a good rewrite keeps and what it fixes. */
export const rewriteMetaPrompt = [
  'You improve instructions written for language models. Rewrite the instruction you are given',
  'so that a stranger could follow it without asking a question:',
  '- keep every fact, constraint, number and allowed answer of the original; add no new facts;',
  '- one task, named first with a strong, specific verb (e.g. "Summarize", "Classify", "Extract");',
  '- state the exact output format in its own sentence, last;',
  '- no hedges ("try to", "maybe") and no vague words ("appropriate", "etc.");',
  '- do not include an example input or answer.',
  'Reply with the rewritten instruction only: no preamble, no quotes, no code fences.',
].join('\n');

export interface RewriteOptions {
  count: number;
  signal?: AbortSignal;
  temperature?: number;
}

export interface RewriteResult {
  proposals: VariantProposal[];
  /** Answers that could not be used, and why (model text, untrusted). */
  rejected: { reason: string; text: string }[];
}

/** Asks a model for `count` rewrites of the task instruction; each usable one becomes a proposal. */
export async function proposeRewrites(
  task: TaskConfig,
  model: LanguageModel,
  options: RewriteOptions,
): Promise<RewriteResult> {
  const user = [
    `Required output format: ${formatSentence(task.output)}`,
    '',
    'Instruction to rewrite:',
    '<<<',
    task.instruction,
    '>>>',
  ].join('\n');
  const accepted: string[] = [];
  const rejected: RewriteResult['rejected'] = [];
  for (let repeat = 0; repeat < options.count; repeat++) {
    const result = await model.generate({
      prompt: {
        mode: 'chat',
        messages: [
          { role: 'system', content: rewriteMetaPrompt },
          { role: 'user', content: user },
        ],
      },
      sampling: { temperature: options.temperature ?? 0.8, maxTokens: 1024 },
      repeat,
      ...(options.signal ? { abortSignal: options.signal } : {}),
    });
    const text = cleanRewrite(result.text);
    const reason = rejectionReason(text, task.instruction, accepted);
    if (reason) rejected.push({ reason, text: result.text });
    else accepted.push(text);
  }
  const drafts = accepted.map((instruction, index) => ({
    axis: 'wording' as const,
    rationale: `a rewrite of the instruction by ${model.reference}`,
    variant: {
      name: `rewrite-${index + 1}`,
      description: `Wording axis: the instruction rewritten by ${model.reference}.`,
      mode: 'chat' as const,
      instruction,
    },
  }));
  return { proposals: finishProposals(task, drafts, model.reference), rejected };
}

/** Strips what models wrap answers in: code fences, quotes, a "Here is …:" line, control characters. */
export function cleanRewrite(raw: string): string {
  let text = raw.replace(/\r\n?/g, '\n').trim();
  const fenced = /^```[\w-]*\n([\s\S]*?)\n```$/.exec(text);
  if (fenced) text = (fenced[1] as string).trim();
  text = text.replace(
    /^(?:here is|here's|rewritten instruction|revised instruction)[^\n]*:\s*\n/i,
    '',
  );
  text = text.replace(/^<<<\n?|\n?>>>$/g, '').trim();
  if (/^["“].*["”]$/s.test(text)) text = text.slice(1, -1).trim();
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point.
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '');
}

function rejectionReason(text: string, original: string, accepted: string[]): string | undefined {
  const same = (a: string, b: string) =>
    a.toLowerCase().replace(/\s+/g, ' ').trim() === b.toLowerCase().replace(/\s+/g, ' ').trim();
  if (text === '') return 'empty answer';
  if (same(text, original)) return 'same as the original instruction';
  if (accepted.some((earlier) => same(earlier, text))) return 'same as an earlier rewrite';
  if (text.length > Math.max(4000, original.length * 5)) return 'far longer than the original';
  return undefined;
}
