import { TunegateError } from '../../spec/tunegate-error.js';
import type { FinetuneEngineEntry } from './finetune-engine-entry.js';
import { FireworksFinetuneEngine, fireworksBaseURL } from './fireworks-finetune-engine.js';

export const fireworksEngineEntry: FinetuneEngineEntry = {
  name: 'fireworks',
  description:
    'Fireworks AI supervised fine-tuning, LoRA (key in FIREWORKS_API_KEY, account in FIREWORKS_ACCOUNT_ID)',
  provider: 'fireworks',
  apiKeyEnv: 'FIREWORKS_API_KEY',
  accountEnv: 'FIREWORKS_ACCOUNT_ID',
  defaultBaseURL: fireworksBaseURL,
  create: (settings) => {
    if (!settings.account) {
      throw new TunegateError(
        'MISSING_API_KEY',
        'fireworks needs an account id: set FIREWORKS_ACCOUNT_ID or pass --account',
      );
    }
    return new FireworksFinetuneEngine({
      apiKey: settings.apiKey,
      account: settings.account,
      baseURL: settings.baseURL,
      fetch: settings.fetch,
    });
  },
};
