import { describe, expect, it } from 'vitest';
import type { OutputSpec } from '../task/task-schema.js';
import { lintInstruction } from './lint-instruction.js';

const label: OutputSpec = { kind: 'label', labels: ['spam', 'ham'], field: 'expected' };
const text: OutputSpec = { kind: 'text', field: 'expected' };
const json: OutputSpec = {
  kind: 'json',
  field: 'expected',
  schema: { type: 'object', required: ['name', 'age'] },
};

const lint = (
  instruction: string,
  output: OutputSpec,
  extra: Partial<Parameters<typeof lintInstruction>[0]> = {},
) => lintInstruction({ instruction, output, fewShot: false, path: ['instruction'], ...extra });
const codes = (findings: ReturnType<typeof lint>) => findings.map((finding) => finding.code);

describe('lintInstruction', () => {
  it('passes a clear instruction', () => {
    expect(lint('Classify the email. Answer with exactly one word: spam or ham.', label)).toEqual(
      [],
    );
    expect(lint('Summarize the article in at most 3 sentences.', text)).toEqual([]);
    expect(
      lint(
        'Extract the person as JSON, for example {"name": "Ada", "age": 36}, with name and age.',
        json,
      ),
    ).toEqual([]);
  });

  it('wants every label named, and says how to fix it', () => {
    const findings = lint('Classify the email as spam.', label);
    expect(codes(findings)).toEqual(['labels-unstated']);
    expect(findings[0]?.severity).toBe('error');
    expect(findings[0]?.message).toContain('"ham"');
    expect(findings[0]?.message).toContain('Answer with exactly one of: spam, ham.');
    // A label inside another word does not count.
    expect(codes(lint('Classify: spam or hamster.', label))).toEqual(['labels-unstated']);
  });

  it('wants the format stated for text and JSON output', () => {
    expect(codes(lint('Summarize the article.', text))).toEqual(['output-format']);
    const findings = lint('Extract the person, e.g. name and age.', json);
    expect(codes(findings)).toEqual(['output-format']);
    expect(findings[0]?.message).toContain('with the keys name, age');
  });

  it('wants an example for structured output unless few-shot supplies one', () => {
    const bare = 'Reply with only a JSON object with the keys name and age.';
    expect(codes(lint(bare, json))).toEqual(['examples-missing']);
    expect(lint(bare, json, { fewShot: true })).toEqual([]);
    expect(codes(lint('Reply with JSON holding the name.', json, { fewShot: true }))).toEqual([
      'json-keys-unstated',
    ]);
  });

  it('finds more than one task, but not a label used as a word', () => {
    const findings = lint(
      'Summarize the article in 2 sentences, then translate the summary into French.',
      text,
    );
    expect(codes(findings)).toEqual(['one-task']);
    expect(findings[0]?.excerpt).toBe('summarize, translate');
    expect(
      codes(lint('Extract the dates.\n2. Classify each one. Reply with a numbered list.', text)),
    ).toEqual(['one-task']);
    const labels: OutputSpec = {
      kind: 'label',
      labels: ['correct', 'incorrect'],
      field: 'expected',
    };
    expect(
      lint(
        'Decide whether it holds. Answer with one word:\ncorrect if so, incorrect if not.',
        labels,
      ),
    ).toEqual([]);
  });

  it('flags weak verbs with stronger wording', () => {
    const findings = lint('Translate the text into simpler language in at most 80 words.', text);
    expect(codes(findings)).toEqual(['weak-verb']);
    expect(findings[0]?.excerpt).toBe('Translate the text into simpler language');
    expect(findings[0]?.message).toContain('"summarize in plain words"');
    expect(codes(lint('Try to handle the ticket etc. Reply in one sentence.', text))).toEqual([
      'weak-verb',
      'weak-verb',
      'weak-verb',
    ]);
  });

  it('finds contradictory constraints', () => {
    expect(codes(lint('Answer in one word. Explain your reasoning step by step.', text))).toEqual([
      'contradiction',
    ]);
    expect(codes(lint('Reply with at most 50 words and at least 100 words.', text))).toEqual([
      'contradiction',
    ]);
    expect(codes(lint('Reply in lowercase, in capital letters, in 1 line.', text))).toEqual([
      'contradiction',
    ]);
    // A label task cannot carry an explanation.
    expect(codes(lint('Answer spam or ham and justify the choice.', label))).toEqual([
      'contradiction',
    ]);
    // Negated: not a contradiction.
    expect(lint('Answer spam or ham. Never explain.', label)).toEqual([]);
    expect(
      lint('Reply in 2 to 3 sentences: at least 2 sentences and at most 3 sentences.', text),
    ).toEqual([]);
  });

  it('reads the format from the template and the system message too', () => {
    expect(
      lint('Classify the email.', label, {
        template: '{{instruction}}\n{{input}}\nReply spam or ham.',
      }),
    ).toEqual([]);
    expect(lint('Classify the email.', label, { system: 'You answer spam or ham.' })).toEqual([]);
  });

  it('asks for a number when the length is vague', () => {
    expect(codes(lint('Write a short summary of the article.', text))).toEqual(['vague-length']);
    expect(lint('Write a short summary of 40 words.', text)).toEqual([]);
  });
});
