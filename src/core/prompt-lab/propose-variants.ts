import type { TaskConfig, VariantConfig } from '../task/task-schema.js';
import { findFormatSentence, formatSentence } from './format-sentence.js';
import { lintVariant } from './lint-task.js';
import type { VariantAxis, VariantProposal } from './variant-proposal.js';
import { replacementFor, weakPhrases } from './weak-phrases.js';

export interface ProposeOptions {
  axes?: readonly VariantAxis[];
  /** Rows in the few-shot pool; caps k. Unknown: k up to 5. */
  fewShotPoolSize?: number;
  /**
   * A task model takes raw text (a local GGUF base model): also propose completion-mode
   * variants, the `Input:`/`Output:` text such models were trained on, instead of chat turns.
   */
  completionModels?: boolean;
}

type Draft = Omit<VariantProposal, 'findings' | 'source'>;

/**
 * Deterministic candidates along each axis, each changing one thing against the plain
 * instruction: stronger wording from the built-in list, the format stated (and restated last),
 * few-shot k and selection, a system message, and sampling settings. Candidates the task
 * already has (same settings under any name) are left out.
 */
export function proposeVariants(task: TaskConfig, options: ProposeOptions = {}): VariantProposal[] {
  const axes = new Set(options.axes ?? ['wording', 'few-shot', 'system', 'sampling']);
  const drafts: Draft[] = [
    ...(axes.has('wording') ? wordingDrafts(task) : []),
    ...(axes.has('few-shot') ? fewShotDrafts(task, options.fewShotPoolSize) : []),
    ...(axes.has('few-shot') && options.completionModels
      ? completionDrafts(task, options.fewShotPoolSize)
      : []),
    ...(axes.has('system') ? systemDrafts(task) : []),
    ...(axes.has('sampling') ? samplingDrafts(task) : []),
  ];
  return finishProposals(task, drafts, 'built-in');
}

/** Gives drafts unique names, drops duplicates of existing variants, and lints each. */
export function finishProposals(
  task: TaskConfig,
  drafts: readonly Draft[],
  source: string,
): VariantProposal[] {
  const taken = new Set(task.variants.map((variant) => variant.name));
  const seen = new Set(task.variants.map(settingsKey));
  const proposals: VariantProposal[] = [];
  for (const draft of drafts) {
    const key = settingsKey(draft.variant);
    if (seen.has(key)) continue;
    seen.add(key);
    let name = draft.variant.name;
    for (let suffix = 2; taken.has(name); suffix++) name = `${draft.variant.name}-${suffix}`;
    taken.add(name);
    const variant = { ...draft.variant, name };
    const index = task.variants.length + proposals.length;
    const { findings } = lintVariant(task, variant, index);
    proposals.push({ ...draft, variant, source, findings });
  }
  return proposals;
}

function wordingDrafts(task: TaskConfig): Draft[] {
  const drafts: Draft[] = [];
  for (const phrase of weakPhrases) {
    const replacement = replacementFor(phrase, task.output.kind);
    if (replacement === undefined) continue;
    let found = '';
    const instruction = task.instruction
      .replace(phrase.pattern, (match: string, ...rest: unknown[]) => {
        found ||= match.trim();
        const expanded = replacement.replace(/\$(\d)/g, (_, group: string) => {
          const value = rest[Number(group) - 1];
          return typeof value === 'string' ? value : '';
        });
        return matchCase(match, expanded);
      })
      .replace(/[ \t]{2,}/g, ' ');
    if (!found) continue;
    drafts.push({
      axis: 'wording',
      rationale: `"${found}" → "${replacement.replace(/\$\d/g, '…') || '(removed)'}": ${phrase.why}`,
      variant: variant(`wording-${phrase.id}`, `Wording axis: ${phrase.id} replaced.`, {
        instruction,
      }),
    });
  }
  const stated = findFormatSentence(task.instruction);
  const format = stated ?? formatSentence(task.output);
  if (!stated) {
    drafts.push({
      axis: 'wording',
      rationale: 'the instruction never states the answer format; this adds one sentence that does',
      variant: variant('wording-state-format', 'Wording axis: the output format stated.', {
        instruction: `${task.instruction.trimEnd()}\n${format}`,
      }),
    });
  }
  drafts.push({
    axis: 'wording',
    rationale: 'restates the answer format after the input, the last thing the model reads',
    variant: variant('wording-format-last', 'Wording axis: the format restated after the input.', {
      template: `{{instruction}}\n\n{{input}}\n\n${format}`,
    }),
  });
  return drafts;
}

function fewShotDrafts(task: TaskConfig, poolSize: number | undefined): Draft[] {
  if (!task.data.fewShot) return [];
  const limit = poolSize ?? 5;
  const settings: [number, 'fixed' | 'nearest'][] = [
    [3, 'fixed'],
    [1, 'nearest'],
    [3, 'nearest'],
    [5, 'nearest'],
  ];
  return settings
    .filter(([k]) => k <= limit)
    .map(([k, selection]) => ({
      axis: 'few-shot' as const,
      rationale: `${k} example${k === 1 ? '' : 's'} from the few-shot pool, ${selection === 'nearest' ? 'the closest to each input' : 'the same for every input'}`,
      variant: variant(`few-shot-k${k}-${selection}`, `Few-shot axis: k=${k}, ${selection}.`, {
        fewShot: { k, selection, seed: 0, format: 'messages' },
      }),
    }));
}

function completionDrafts(task: TaskConfig, poolSize: number | undefined): Draft[] {
  const drafts: Draft[] = [
    {
      axis: 'few-shot',
      rationale:
        'completion mode, zero-shot: the instruction and `Input: …` / `Output:` as plain text',
      variant: variant('completion-k0', 'Few-shot axis: zero-shot, completion mode.', {
        mode: 'completion',
      }),
    },
  ];
  if (!task.data.fewShot) return drafts;
  const limit = poolSize ?? 5;
  for (const k of [3, 5].filter((size) => size <= limit)) {
    drafts.push({
      axis: 'few-shot',
      rationale: `completion mode with the ${k} closest pool examples as Input:/Output: pairs`,
      variant: variant(
        `completion-k${k}-nearest`,
        `Few-shot axis: k=${k}, nearest, completion mode.`,
        {
          mode: 'completion',
          fewShot: { k, selection: 'nearest', seed: 0, format: 'messages' },
        },
      ),
    });
  }
  return drafts;
}

function systemDrafts(task: TaskConfig): Draft[] {
  const about = (task.description ?? '').split(/(?<=\.)\s/)[0]?.trim();
  return [
    {
      axis: 'system',
      rationale: 'a role that names the task, in the system message',
      variant: variant('system-expert', 'System axis: an expert role.', {
        system: `You are a careful expert${about ? ` at this task: ${about}` : '.'} Follow the user's instruction exactly.`,
      }),
    },
    {
      axis: 'system',
      rationale: 'the output format as a standing rule in the system message',
      variant: variant('system-format', 'System axis: the output format as a rule.', {
        system: formatSentence(task.output),
      }),
    },
  ];
}

function samplingDrafts(task: TaskConfig): Draft[] {
  const drafts: Draft[] = [];
  const temperatures = task.sampling.temperature ?? [];
  if (!(temperatures.length === 1 && temperatures[0] === 0)) {
    drafts.push({
      axis: 'sampling',
      rationale: 'greedy decoding: the most consistent answers a model gives',
      variant: variant('sampling-greedy', 'Sampling axis: temperature 0.', {
        sampling: { temperature: [0] },
      }),
    });
  }
  drafts.push({
    axis: 'sampling',
    rationale: 'low temperature with nucleus sampling: less random, not fully greedy',
    variant: variant('sampling-focused', 'Sampling axis: temperature 0.3, top_p 0.9.', {
      sampling: { temperature: [0.3], topP: [0.9] },
    }),
  });
  if (task.output.kind === 'text') {
    drafts.push({
      axis: 'sampling',
      rationale: 'a frequency penalty against repetitive wording',
      variant: variant('sampling-penalized', 'Sampling axis: frequency penalty 0.5.', {
        sampling: { frequencyPenalty: [0.5] },
      }),
    });
  }
  return drafts;
}

function variant(
  name: string,
  description: string,
  settings: Partial<VariantConfig>,
): VariantConfig {
  return { name, description, mode: 'chat', ...settings };
}

/** What the variant sends, ignoring its name and description. */
function settingsKey(variant: VariantConfig): string {
  return JSON.stringify([
    variant.instruction ?? null,
    variant.system ?? null,
    variant.template ?? null,
    variant.mode,
    variant.fewShot ? [variant.fewShot.k, variant.fewShot.selection, variant.fewShot.format] : null,
    variant.sampling ?? null,
  ]);
}

function matchCase(original: string, replacement: string): string {
  const first = original[0];
  if (replacement === '' || first === undefined || first === first.toLowerCase())
    return replacement;
  return `${replacement[0]?.toUpperCase()}${replacement.slice(1)}`;
}
