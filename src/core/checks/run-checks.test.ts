import { describe, expect, it } from 'vitest';
import type { EvalCase } from '../task/eval-case.js';
import type { Check } from './check.js';
import { runChecks } from './run-checks.js';

const evalCase: EvalCase = { id: 'c1', fields: {}, source: { file: 'eval.jsonl', line: 1 } };

describe('runChecks', () => {
  it('keeps order and turns thrown errors into failed results', async () => {
    const checks: Check[] = [
      {
        name: 'sync',
        kind: 'format',
        run: (output) => ({ name: 'sync', kind: 'format', pass: output === 'ok' }),
      },
      {
        name: 'throws',
        kind: 'content',
        run: () => {
          throw new Error('boom');
        },
      },
      { name: 'rejects', kind: 'content', run: async () => Promise.reject('plain reason') },
      {
        name: 'slow',
        kind: 'content',
        run: async () => {
          await new Promise((resolve) => setTimeout(resolve, 5));
          return { name: 'slow', kind: 'content', pass: true };
        },
      },
    ];
    expect(await runChecks(checks, 'ok', evalCase)).toEqual([
      { name: 'sync', kind: 'format', pass: true },
      { name: 'throws', kind: 'content', pass: false, reason: 'check error: boom' },
      { name: 'rejects', kind: 'content', pass: false, reason: 'check error: plain reason' },
      { name: 'slow', kind: 'content', pass: true },
    ]);
  });

  it('returns an empty list for no checks', async () => {
    expect(await runChecks([], 'x', evalCase)).toEqual([]);
  });
});
