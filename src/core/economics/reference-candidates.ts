/**
 * The keys a `provider:model` reference may be listed under in a table, most specific first:
 * the reference itself, without a date or `-latest` suffix (`openai:gpt-4o-mini-2024-07-18`,
 * `anthropic:claude-sonnet-4-20250514`, `openai:gpt-3.5-turbo-0125` (MMDD),
 * `anthropic:claude-3-5-haiku-latest`), and for an OpenAI-style finetune
 * `openai:ft:BASE:org:suffix:id` the key `openai:ft:BASE` (BASE without its date).
 */
export function referenceCandidates(reference: string): string[] {
  const list = [reference, withoutDate(reference)];
  const finetune = /^([a-z][a-z0-9-]*):ft:([^:]+)/.exec(reference);
  if (finetune) list.push(`${finetune[1]}:ft:${withoutDate(finetune[2] as string)}`);
  return [...new Set(list)];
}

/** Strips `-YYYY-MM-DD`, `-YYYYMMDD`, `-MMDD` or `-latest` from the end of a model name. */
function withoutDate(name: string): string {
  return name.replace(/-(?:\d{4}-\d{2}-\d{2}|\d{8}|(?:0[1-9]|1[0-2])\d{2}|latest)$/, '');
}
