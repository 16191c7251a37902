import { TunegateError } from '../spec/tunegate-error.js';

/** Reads a key once; the error names the variable, never a value. */
export function readApiKey(
  env: Record<string, string | undefined>,
  variable: string,
  reference: string,
): string {
  const key = env[variable]?.trim();
  if (key === undefined || key === '') {
    throw new TunegateError(
      'MISSING_API_KEY',
      `${reference} needs an API key: set the environment variable ${variable} (or name another one with apiKeyEnv)`,
    );
  }
  return key;
}
