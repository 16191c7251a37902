/** Every provider prefix `createLanguageModel` understands, with what it needs. */
const providerDescriptions: Record<string, string> = {
  openai: 'OpenAI (key in OPENAI_API_KEY)',
  anthropic: 'Anthropic (key in ANTHROPIC_API_KEY)',
  ollama: 'a local Ollama server (default http://127.0.0.1:11434/api, no key)',
  'openai-compatible': 'any OpenAI-compatible server (needs baseURL; key from apiKeyEnv)',
  together: 'Together AI (key in TOGETHER_API_KEY)',
  fireworks: 'Fireworks AI (key in FIREWORKS_API_KEY)',
  groq: 'Groq (key in GROQ_API_KEY)',
  double: 'the scripted test double (double:echo or double:RULES.json)',
  local: 'a GGUF model run in-process by llama.cpp (local:NAME or local:PATH.gguf)',
};

export function knownProviders(): string[] {
  return Object.keys(providerDescriptions);
}

export function describeProvider(name: string): string | undefined {
  return providerDescriptions[name];
}
