import path from 'node:path';
import type { LanguageModel } from '../spec/language-model.js';
import { loadScriptedDoubleRules } from './load-scripted-double-rules.js';
import type { ProviderContext } from './provider-context.js';
import { ScriptedDouble } from './scripted-double.js';

/** `double:echo` answers with the last user message; `double:PATH` loads a JSON rules file. */
export function createDoubleModel(context: ProviderContext): LanguageModel {
  const { model } = context;
  if (model === 'echo')
    return new ScriptedDouble({ modelId: 'echo', rules: [], default: '{{input}}' });
  const file = path.resolve(context.baseDirectory ?? process.cwd(), model);
  return new ScriptedDouble({ modelId: model, ...loadScriptedDoubleRules(file) });
}
