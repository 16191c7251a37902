import { describe, expect, it } from 'vitest';
import { escapeHtml, jsonForScript } from './escape-html.js';
import { escapeMarkdown } from './escape-markdown.js';

describe('escapeHtml', () => {
  it('escapes the five characters that can open markup or leave an attribute', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });
});

describe('jsonForScript', () => {
  it('cannot close its script element and still parses to the same value', () => {
    const value = { text: '</script><script>alert(1)</script> <!-- & \u2028' };
    const json = jsonForScript(value);
    expect(json).not.toMatch(/<|>|&|\u2028/);
    expect(JSON.parse(json)).toEqual(value);
  });
});

describe('escapeMarkdown', () => {
  it('keeps HTML and Markdown syntax as text on one line', () => {
    expect(escapeMarkdown('<script>x</script> **b** _i_ `c` [l](u) | # ~\nnext')).toBe(
      '&lt;script&gt;x&lt;/script&gt; \\*\\*b\\*\\* \\_i\\_ \\`c\\` \\[l\\](u) \\| \\# \\~ next',
    );
  });
});
