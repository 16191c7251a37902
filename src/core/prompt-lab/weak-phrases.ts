import type { OutputSpec } from '../task/task-schema.js';

type OutputKind = OutputSpec['kind'];

/** A weak or ambiguous phrase, why it is weak, and stronger wording. */
export interface WeakPhrase {
  id: string;
  /** Case-insensitive; one global pattern finds every occurrence. */
  pattern: RegExp;
  why: string;
  /** Stronger wordings to suggest, best first. */
  suggestions: string[];
  /**
   * The wording `tunegate variants` substitutes, per output kind (`$1` is the pattern's first
   * group, e.g. the object of the verb); absent: suggest only.
   */
  replacement?: string | Record<OutputKind, string>;
}

/**
 * The built-in list behind `lint` and the deterministic wording variants. Verbs matter: a
 * model asked to "translate into simpler language" tends to paraphrase line by line, while
 * "summarize" produces a summary.
 */
export const weakPhrases: readonly WeakPhrase[] = [
  {
    id: 'translate-simpler',
    pattern:
      /\btranslate\s+((?:it|this|the\s+\w+)\s+)?into\s+(?:simpler|simple|plain|easier|everyday)\s+(?:language|english|words|terms)\b/gi,
    why: '"translate" asks for a line-by-line rendering in another language, not a simpler text',
    suggestions: ['summarize in plain words', 'simplify'],
    replacement: 'summarize $1in plain words',
  },
  {
    id: 'deal-with',
    pattern: /\b(?:deal\s+with|take\s+care\s+of|do\s+something\s+with|work\s+on)\b/gi,
    why: 'it does not say what the result should be',
    suggestions: ['classify', 'answer', 'rewrite', 'extract'],
    replacement: { label: 'classify', json: 'extract the fields of', text: 'answer' },
  },
  {
    id: 'handle',
    pattern: /\bhandle\b/gi,
    why: '"handle" does not say what the result should be',
    suggestions: ['classify', 'answer', 'route'],
    replacement: { label: 'classify', json: 'extract the fields of', text: 'answer' },
  },
  {
    id: 'process',
    pattern: /(?:^|(?<=[.!?]\s+))process\b/gim,
    why: '"process" names no operation',
    suggestions: ['classify', 'extract', 'rewrite'],
    replacement: { label: 'Classify', json: 'Extract the fields of', text: 'Rewrite' },
  },
  {
    id: 'look-at',
    pattern: /\b(?:look\s+at|go\s+over|go\s+through|think\s+about)\b/gi,
    why: 'it describes an activity, not the answer wanted',
    suggestions: ['read … and decide whether', 'review'],
    replacement: 'read',
  },
  {
    id: 'talk-about',
    pattern: /\b(?:talk\s+about|comment\s+on|say\s+something\s+about)\b/gi,
    why: 'it does not say what kind of text to produce',
    suggestions: ['describe', 'explain in one sentence'],
    replacement: 'describe',
  },
  {
    id: 'make-better',
    pattern:
      /\bmake\s+(?:it|this|the\s+\w+)\s+(?:better|nicer|good|more\s+professional|sound\s+better)\b/gi,
    why: '"better" gives no criterion to meet',
    suggestions: ['rewrite it to be clear and concise', 'edit it for grammar and clarity'],
    replacement: 'rewrite it to be clear and concise',
  },
  {
    id: 'check-if',
    pattern: /\bcheck\s+(?:if|whether)\b/gi,
    why: '"check" leaves the answer implicit',
    suggestions: ['decide whether … and answer yes or no'],
    replacement: 'decide whether',
  },
  {
    id: 'hedge',
    pattern:
      /\b(?:try\s+to|if\s+possible|maybe|perhaps|you\s+might\s+want\s+to|feel\s+free\s+to)\s*/gi,
    why: 'a hedge makes the instruction optional',
    suggestions: ['state what must happen, without the hedge'],
    replacement: '',
  },
  {
    id: 'etc',
    pattern: /\b(?:etc\b\.?|and\s+so\s+on|and\s+the\s+like)/gi,
    why: 'the reader has to guess the rest of the list',
    suggestions: ['list every item'],
  },
  {
    id: 'vague-criterion',
    pattern: /\b(?:appropriate(?:ly)?|as\s+needed|suitabl[ey]|properly|reasonabl[ey])\b/gi,
    why: 'it names no criterion a stranger could apply',
    suggestions: ['say what makes an answer right'],
  },
  {
    id: 'vague-quantity',
    pattern:
      /\b(?:a\s+few|some|several|a\s+couple\s+of)\s+(?:words|sentences|bullet\s+points|bullets|examples|items|points|lines|paragraphs)\b/gi,
    why: 'the number is left to guess',
    suggestions: ['give the number, e.g. "exactly 3 bullet points"'],
  },
];

/** The replacement to use for this output kind, or undefined when the phrase is only flagged. */
export function replacementFor(phrase: WeakPhrase, kind: OutputKind): string | undefined {
  if (phrase.replacement === undefined) return undefined;
  return typeof phrase.replacement === 'string' ? phrase.replacement : phrase.replacement[kind];
}
