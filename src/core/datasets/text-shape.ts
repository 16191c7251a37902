/**
 * Small facts about a text used by several checks: whether it is mostly upper case, whether
 * an output is JSON or prose.
 */

/** At least `minimumLetters` letters and more than `share` of them upper case. */
export function isMostlyUppercase(text: string, minimumLetters = 20, share = 0.7): boolean {
  let upper = 0;
  let lower = 0;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code >= 65 && code <= 90) upper += 1;
    else if (code >= 97 && code <= 122) lower += 1;
    else if (code > 127) {
      const character = text[index] as string;
      const upperForm = character.toUpperCase();
      const lowerForm = character.toLowerCase();
      if (upperForm === lowerForm) continue;
      if (character === upperForm) upper += 1;
      else lower += 1;
    }
  }
  const letters = upper + lower;
  return letters >= minimumLetters && upper > share * letters;
}

export const outputKinds = { none: 0, json: 1, prose: 2 } as const;

/** 1 when the output is a JSON object or array, 2 for any other non-empty text, 0 for none. */
export function outputKind(output: string | undefined): number {
  if (output === undefined) return outputKinds.none;
  const trimmed = output.trim();
  if (trimmed === '') return outputKinds.none;
  const first = trimmed.charCodeAt(0);
  if (first === 0x7b || first === 0x5b) {
    try {
      JSON.parse(trimmed);
      return outputKinds.json;
    } catch {
      return outputKinds.prose;
    }
  }
  return outputKinds.prose;
}
