import type { OutputSpec } from '../task/task-schema.js';
import { findContradictions } from './find-contradictions.js';
import type { LintFinding } from './lint-finding.js';
import { weakPhrases } from './weak-phrases.js';

/** The prompt text one variant sends, split by where it appears. */
export interface LintSubject {
  instruction: string;
  /** A user-message template around the instruction; its slots are ignored. */
  template?: string | undefined;
  system?: string | undefined;
  output: OutputSpec;
  /** Examples reach the model through few-shot turns. */
  fewShot: boolean;
  /** Where findings point in the task file. */
  path: (string | number)[];
}

/** Verbs that name a task; two of them in one instruction usually mean two tasks. */
const taskVerbs = new Set(
  [
    'summarize summarise translate classify categorize categorise extract rewrite paraphrase',
    'explain generate decide determine label tag score rate grade detect identify correct fix',
    'compare evaluate predict convert simplify describe draft critique recommend suggest outline',
    'analyze analyse',
  ]
    .join(' ')
    .split(' '),
);

/** The same verbs as they appear mid-sentence after "and" or "then"; nouns like "score" left out. */
const joinedTask =
  /\b(?:and|then|also)\s+(?:then\s+|also\s+)?(summari[sz]e|translate|classify|categori[sz]e|extract|rewrite|paraphrase|explain|generate|determine|identify|compare|evaluate|predict|convert|simplify|describe|critique|recommend|analy[sz]e)\b/gi;

const leadingAdverb = /^(?:then|also|next|finally|first|second|third|afterwards|lastly),?\s+/i;
const listMarker = /^\s*(?:[-*•]|\d+[.)]|[a-z][.)])\s+/i;

const textFormatCues = [
  /\b(?:answer|reply|respond|return|output|write|give|produce|provide)\b[^.\n]{0,60}?\b(?:with|as|in|only|using|exactly|a single|no more than|at most)\b/i,
  /\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?:words?|sentences?|paragraphs?|lines?|bullet(?:\s+point)?s?|items?|characters?)\b/i,
  /\b(?:bullet(?:ed)?\s+list|numbered\s+list|markdown|json|yaml|csv|table|headline|title|one\s+line|single\s+line|single\s+word|plain\s+text)\b/i,
  /\b(?:at\s+most|no\s+more\s+than|under|fewer\s+than|up\s+to|at\s+least)\s+\d+/i,
  /\bformat\b/i,
  /\b(?:a|an|one)\s+(?:(?:short|brief|concise|long|single)\s+)?(?:summary|paragraph|sentence|headline|title|tweet|email|letter|poem|haiku|slogan)\b/i,
];

const numericLength = /\b\d+\s+(?:words?|sentences?|paragraphs?|lines?|characters?|bullets?)\b/i;

/** Checks one variant's prompt text for what a stranger would need to follow it. */
export function lintInstruction(subject: LintSubject): LintFinding[] {
  const { output, path } = subject;
  const template = (subject.template ?? '').replace(/\{\{[^{}]*\}\}/g, ' ');
  const whole = [subject.system ?? '', subject.instruction, template].join('\n');
  const findings: LintFinding[] = [];
  const add = (finding: Omit<LintFinding, 'path'>) => findings.push({ ...finding, path });

  if (output.kind === 'label') {
    const missing = output.labels.filter((label) => !mentions(whole, label));
    if (missing.length > 0) {
      add({
        code: 'labels-unstated',
        severity: 'error',
        message: `the instruction never names the allowed answer${missing.length === 1 ? '' : 's'} ${quoteList(missing)}: add "Answer with exactly one of: ${output.labels.join(', ')}."`,
      });
    }
  } else if (output.kind === 'json') {
    if (!/\bjson\b/i.test(whole)) {
      add({
        code: 'output-format',
        severity: 'error',
        message: `the answer must be JSON but the instruction never says so: add "Reply with only a JSON object${keysHint(output.schema)}."`,
      });
    }
    const required = requiredKeys(output.schema).filter((key) => !mentions(whole, key));
    if (required.length > 0) {
      add({
        code: 'json-keys-unstated',
        severity: 'warning',
        message: `the instruction never names the required key${required.length === 1 ? '' : 's'} ${quoteList(required)}: list them, with what goes in each`,
      });
    }
    if (!subject.fewShot && !hasInlineExample(whole)) {
      add({
        code: 'examples-missing',
        severity: 'error',
        message:
          'structured (JSON) output with no example: add one example answer to the instruction, or use few-shot examples (fewShot: { k: 3 })',
      });
    }
  } else if (!textFormatCues.some((cue) => cue.test(whole))) {
    add({
      code: 'output-format',
      severity: 'error',
      message:
        'the instruction never says what the answer should look like: state its form and length, e.g. "Reply with one sentence of at most 25 words."',
    });
  }

  const verbs = taskVerbsIn(subject.instruction, output);
  if (verbs.length > 1) {
    add({
      code: 'one-task',
      severity: 'error',
      message: `the instruction asks for ${verbs.length} tasks (${verbs.join(', ')}): keep one task per instruction and split the rest into their own tasks`,
      excerpt: verbs.join(', '),
    });
  }

  for (const phrase of weakPhrases) {
    for (const match of subject.instruction.matchAll(phrase.pattern)) {
      const words = match[0].trim();
      add({
        code: 'weak-verb',
        severity: 'warning',
        message: `"${words}": ${phrase.why}; say instead: ${phrase.suggestions.map((text) => `"${text}"`).join(' or ')}`,
        excerpt: words,
      });
      break;
    }
  }

  for (const conflict of findContradictions(whole, output)) {
    add({
      code: 'contradiction',
      severity: 'error',
      message: `"${conflict.first}" contradicts "${conflict.second}": ${conflict.why}; keep one`,
      excerpt: `${conflict.first} / ${conflict.second}`,
    });
  }

  const vague = /\b(?:short|brief|concise|long|lengthy)\b/i.exec(whole);
  if (output.kind === 'text' && vague && !numericLength.test(whole)) {
    add({
      code: 'vague-length',
      severity: 'warning',
      message: `"${vague[0]}" leaves the length to guess: give a number, e.g. "at most 50 words"`,
      excerpt: vague[0],
    });
  }
  return findings;
}

function taskVerbsIn(instruction: string, output: OutputSpec): string[] {
  // A label such as "correct" is an answer, not a verb, in this task.
  const labels = new Set(output.kind === 'label' ? output.labels.map((l) => l.toLowerCase()) : []);
  const found = new Set<string>();
  for (const raw of instruction.split(/(?<=[.!?:;])\s+|\n+/)) {
    const sentence = raw.replace(listMarker, '').replace(leadingAdverb, '');
    const first = /^([A-Za-z]+)\s+(?!:)/.exec(sentence)?.[1]?.toLowerCase();
    if (first && taskVerbs.has(first) && !labels.has(first)) found.add(normalizeVerb(first));
  }
  for (const match of instruction.matchAll(joinedTask)) {
    const verb = (match[1] as string).toLowerCase();
    if (!labels.has(verb)) found.add(normalizeVerb(verb));
  }
  return [...found];
}

function normalizeVerb(verb: string): string {
  return verb.replace(/ise$/, 'ize').replace(/yse$/, 'yze');
}

function mentions(text: string, word: string): boolean {
  const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![\\p{L}\\p{N}_-])${escaped}(?![\\p{L}\\p{N}_-])`, 'iu').test(text);
}

function hasInlineExample(text: string): boolean {
  return /\{[^{}]*"[^"]+"\s*:/.test(text) || /\bfor example\b|\bexample\b|\be\.g\./i.test(text);
}

function requiredKeys(schema: Record<string, unknown>): string[] {
  const required = schema.required;
  return Array.isArray(required) ? required.filter((key) => typeof key === 'string') : [];
}

function keysHint(schema: Record<string, unknown>): string {
  const keys = requiredKeys(schema);
  return keys.length > 0 ? ` with the keys ${keys.join(', ')}` : '';
}

function quoteList(words: string[]): string {
  return words.map((word) => `"${word}"`).join(', ');
}
