import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { findPackageRoot } from '../task/find-package-root.js';
import { appendModelToYaml } from './append-model.js';

const moonJump = readFileSync(
  join(await findPackageRoot(), 'examples', 'moon-jump', 'tunegate.yaml'),
  'utf8',
);

describe('appendModelToYaml', () => {
  it('adds the model after the last one, leaving every other byte as it was', () => {
    const updated = appendModelToYaml(moonJump, {
      ref: 'openai:ft:gpt-4o-mini:org:moon:abc',
      name: 'ft-moon',
      comment: 'finetuned by tunegate',
    });
    const added = [
      '  # finetuned by tunegate',
      '  - ref: openai:ft:gpt-4o-mini:org:moon:abc',
      '    name: ft-moon',
      '',
    ].join('\n');
    const anchor = '    price: { input: 1, output: 5 }\n';
    const at = moonJump.indexOf(anchor) + anchor.length;
    expect(updated).toBe(moonJump.slice(0, at) + added + moonJump.slice(at));
    const models = parse(updated).models as { ref: string; name?: string }[];
    expect(models.map((model) => model.name ?? model.ref)).toEqual([
      'openai:gpt-4o-mini',
      'haiku',
      'ft-moon',
    ]);
  });

  it('is a no-op for a model already listed, as a string or an object', () => {
    const text =
      'name: t\nmodels:\n  - openai:gpt-4o\n  - ref: double:x\n    name: x\nvariants: []\n';
    expect(appendModelToYaml(text, { ref: 'openai:gpt-4o', name: 'a' })).toBe(text);
    expect(appendModelToYaml(text, { ref: 'double:x', name: 'b' })).toBe(text);
  });

  it('keeps the list’s indentation and a base URL', () => {
    const text = 'models:\n- openai:gpt-4o\nvariants: []\n';
    expect(
      appendModelToYaml(text, { ref: 'openai:ft:x', name: 'ft', baseURL: 'http://127.0.0.1:9/v1' }),
    ).toBe(
      'models:\n- openai:gpt-4o\n- ref: openai:ft:x\n  name: ft\n  baseURL: http://127.0.0.1:9/v1\nvariants: []\n',
    );
  });

  it('edits a flow list as a document', () => {
    const updated = appendModelToYaml('models: [openai:gpt-4o]\n', { ref: 'double:y', name: 'y' });
    expect(parse(updated).models).toEqual(['openai:gpt-4o', { ref: 'double:y', name: 'y' }]);
  });
});
