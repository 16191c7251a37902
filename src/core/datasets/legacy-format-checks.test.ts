import { describe, expect, it } from 'vitest';
import { applyLegacyDecisions, LegacyFormatChecks } from './legacy-format-checks.js';
import { trailingRun } from './suffix-tracker.js';

function run(rows: [string, string][]) {
  const checks = new LegacyFormatChecks('f.jsonl');
  const rowProblems = rows.flatMap(([prompt, completion], index) =>
    checks.addRow(prompt, completion, index + 1),
  );
  const { problems, decisions } = checks.finish();
  return {
    codes: [...rowProblems, ...problems].map((problem) => [problem.code, problem.line ?? null]),
    decisions,
  };
}

describe('LegacyFormatChecks', () => {
  it('accepts a common separator, ending and leading space', () => {
    const { codes, decisions } = run([
      ['a ->', ' x\n'],
      ['b ->', ' y\n'],
    ]);
    expect(codes).toEqual([]);
    expect(decisions).toEqual({ leadingSpace: false });
  });

  it('picks the first separator and ending that appear in no text when there are none', () => {
    const { codes, decisions } = run([
      ['one ### two', ' x'],
      ['three', ' y'],
    ]);
    expect(codes).toEqual([
      ['missing_prompt_separator', null],
      ['missing_completion_ending', null],
    ]);
    // "\n\n###\n\n" does not appear, so it is the separator; "\n" is the ending.
    expect(decisions).toEqual({ leadingSpace: false, separator: '\n\n###\n\n', ending: '\n' });
  });

  it('names the rows that lack the separator most prompts end with', () => {
    const { codes, decisions } = run([
      ['a\n\n###\n\n', ' x\n'],
      ['b\n\n###\n\n', ' y\n'],
      ['c', ' z\n'],
    ]);
    expect(codes).toEqual([['inconsistent_prompt_separator', 3]]);
    expect(decisions.separator).toBe('\n\n###\n\n');
  });

  it('does not take sentence punctuation for a separator', () => {
    const { codes } = run([
      ['What is it?', ' x\n'],
      ['Why not?', ' y\n'],
      ['Tell me.', ' z\n'],
    ]);
    expect(codes).toEqual([['missing_prompt_separator', null]]);
  });

  it('reports long examples and completions without a leading space per row', () => {
    const { codes } = run([
      ['p ->', 'x\n'],
      ['q ->', ` ${'y'.repeat(10_000)}\n`],
    ]);
    expect(codes).toEqual([
      ['completion_missing_leading_space', 1],
      ['long_example', 2],
    ]);
  });
});

describe('applyLegacyDecisions', () => {
  it('appends the separator and ending, adds the leading space, leaves good rows alone', () => {
    const decisions = { separator: '\n\n###\n\n', ending: '\n', leadingSpace: true };
    expect(applyLegacyDecisions('Question  ', 'answer', decisions)).toEqual({
      prompt: 'Question\n\n###\n\n',
      completion: ' answer\n',
    });
    expect(applyLegacyDecisions('Q\n\n###\n\n', ' a\n', decisions)).toEqual({
      prompt: 'Q\n\n###\n\n',
      completion: ' a\n',
    });
    expect(applyLegacyDecisions('Q ##', ' a', decisions).prompt).toBe('Q\n\n###\n\n');
    expect(applyLegacyDecisions('', ' a', decisions).prompt).toBe('');
  });
});

describe('trailingRun', () => {
  it('is the run of non-letters and non-digits at the end, at most 20', () => {
    expect(trailingRun('abc\n\n###\n\n')).toBe('\n\n###\n\n');
    expect(trailingRun('abc')).toBe('');
    expect(trailingRun(`a${'!'.repeat(30)}`)).toBe('!'.repeat(20));
  });
});
