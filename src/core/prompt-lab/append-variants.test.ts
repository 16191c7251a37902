import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { TunegateError } from '../../spec/tunegate-error.js';
import type { VariantConfig } from '../task/task-schema.js';
import { appendVariants, appendVariantsToYaml } from './append-variants.js';

const moonJump = readFileSync(
  new URL('../../../examples/moon-jump/tunegate.yaml', import.meta.url),
  'utf8',
);

const rewrite: VariantConfig = {
  name: 'rewrite-1',
  description: 'Wording axis: rewritten.',
  mode: 'chat',
  instruction: 'Classify the assertion.\nAnswer with exactly one of: correct, incorrect.',
};
const fewShot: VariantConfig = {
  name: 'few-shot-k3-nearest',
  mode: 'chat',
  fewShot: { k: 3, selection: 'nearest', seed: 0, format: 'messages' },
  sampling: { temperature: [0] },
};

describe('appendVariantsToYaml', () => {
  it('keeps every original byte and adds entries at the list indentation with its spacing', () => {
    const updated = appendVariantsToYaml(moonJump, [
      { variant: rewrite, comment: 'added by tunegate variants (wording)' },
      { variant: fewShot },
    ]);
    const anchor = '    fewShot: { k: 4, selection: nearest }\n';
    const at = moonJump.indexOf(anchor) + anchor.length;
    expect(updated.startsWith(moonJump.slice(0, at))).toBe(true);
    expect(updated.endsWith(moonJump.slice(at))).toBe(true);
    const added = updated.slice(at, updated.length - (moonJump.length - at));
    expect(added).toBe(
      [
        '',
        '  # added by tunegate variants (wording)',
        '  - name: rewrite-1',
        '    description: "Wording axis: rewritten."',
        '    instruction: |-',
        '      Classify the assertion.',
        '      Answer with exactly one of: correct, incorrect.',
        '',
        '  - name: few-shot-k3-nearest',
        '    fewShot: { k: 3, selection: nearest }',
        '    sampling: { temperature: 0 }',
        '',
      ].join('\n'),
    );
    const names = (parse(updated).variants as { name: string }[]).map((v) => v.name);
    expect(names.slice(-3)).toEqual([
      'few-shot-nearest-system',
      'rewrite-1',
      'few-shot-k3-nearest',
    ]);
    expect(parse(updated).variants.at(-2).instruction).toBe(rewrite.instruction);
  });

  it('inserts after a last entry that ends in a block scalar, before the next key and its comment', () => {
    const text = [
      'variants:',
      '- name: a',
      '  instruction: |-',
      '    line one',
      '    line two',
      '# the grid',
      'sampling: { temperature: 0 }',
      '',
    ].join('\n');
    const updated = appendVariantsToYaml(text, [{ variant: { name: 'b', mode: 'completion' } }]);
    expect(updated).toBe(
      [
        'variants:',
        '- name: a',
        '  instruction: |-',
        '    line one',
        '    line two',
        '- name: b',
        '  mode: completion',
        '# the grid',
        'sampling: { temperature: 0 }',
        '',
      ].join('\n'),
    );
  });

  it('handles a list at the end of a file without a final newline', () => {
    const updated = appendVariantsToYaml('name: t\nvariants:\n  - name: a # first', [
      { variant: { name: 'b', mode: 'chat' } },
    ]);
    expect(updated).toBe('name: t\nvariants:\n  - name: a # first\n  - name: b\n');
  });

  it('falls back to editing the document for a flow list', () => {
    const updated = appendVariantsToYaml('variants: [{ name: a }]\n', [
      { variant: { name: 'b', mode: 'chat' } },
    ]);
    expect(parse(updated).variants).toEqual([{ name: 'a' }, { name: 'b' }]);
  });
});

describe('appendVariants', () => {
  let directory = '';
  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  it('writes the file in place and leaves no temporary file behind', async () => {
    directory = mkdtempSync(join(tmpdir(), 'tunegate-append-'));
    const file = join(directory, 'tunegate.yaml');
    writeFileSync(file, moonJump);
    await appendVariants(file, [{ variant: rewrite }]);
    expect(readdirSync(directory)).toEqual(['tunegate.yaml']);
    expect(parse(readFileSync(file, 'utf8')).variants).toHaveLength(5);
  });

  it('refuses a variant that would make the task invalid and keeps the file', async () => {
    directory = mkdtempSync(join(tmpdir(), 'tunegate-append-'));
    const file = join(directory, 'tunegate.yaml');
    writeFileSync(file, moonJump);
    const bad = { name: 'has space', mode: 'chat' } as VariantConfig;
    await expect(appendVariants(file, [{ variant: bad }])).rejects.toBeInstanceOf(TunegateError);
    expect(readFileSync(file, 'utf8')).toBe(moonJump);
    expect(readdirSync(directory)).toEqual(['tunegate.yaml']);
  });
});
