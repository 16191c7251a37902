import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disposeLocalEngine } from '../../src/providers/local/local-engine-loader.js';
import { readLocalEngineSettings } from '../../src/providers/local/local-engine-settings.js';
import { LocalLanguageModel } from '../../src/providers/local/local-language-model.js';
import { loadLocalModel } from '../../src/providers/local/local-runtime.js';
import { copyWithChatTemplate, importStories260K, type Stories260K } from './local-stories260k.js';

/** A made-up template: "Question: …\nAnswer: …\n" turns. */
const template = [
  "{{ bos_token }}{% for message in messages %}{% if message['role'] == 'user' %}",
  "Question: {{ message['content'] }}\n{% elif message['role'] == 'assistant' %}",
  "Answer: {{ message['content'] }}\n{% else %}{{ message['content'] }}\n{% endif %}",
  '{% endfor %}{% if add_generation_prompt %}Answer:{% endif %}',
].join('');

let stories: Stories260K;
let model: LocalLanguageModel;
let path: string;

beforeAll(async () => {
  stories = await importStories260K();
  path = join(dirname(stories.path), 'templated.gguf');
  await copyWithChatTemplate(stories.path, path, template);
  model = new LocalLanguageModel({
    reference: 'local:templated',
    modelId: 'templated',
    resolvePath: () => path,
    settings: readLocalEngineSettings(stories.env),
  });
});

afterAll(async () => {
  await disposeLocalEngine();
  stories?.remove();
});

describe('a GGUF with a chat template', () => {
  it('renders chat prompts with its template', async () => {
    expect((await model.load()).hasChatTemplate).toBe(true);
    const result = await model.generate({
      prompt: { mode: 'chat', messages: [{ role: 'user', content: 'Who is Lily?' }] },
      sampling: { temperature: 0, maxTokens: 12 },
    });
    const llama = await loadLocalModel(path);
    // BOS, then the template's text; node-llama-cpp tokenizes template text and message text
    // apart, so the spaces after "Question:" and "Answer:" are tokens of their own (+2).
    const rendered = llama.tokenize('Question: Who is Lily?\nAnswer:').length;
    expect(result.usage.inputTokens).toBe(1 + rendered + 2);
    expect(result.text.length).toBeGreaterThan(0);
  });

  it('ends the reply where the template ends an assistant message', async () => {
    const result = await model.generate({
      prompt: { mode: 'chat', messages: [{ role: 'user', content: 'Who is Lily?' }] },
      sampling: { temperature: 0, maxTokens: 200 },
    });
    expect(result.finishReason).toBe('stop');
    expect(result.text).not.toContain('\n');
    expect(result.usage.outputTokens).toBeLessThan(200);
  });
});
