/**
 * The record shapes the workbench understands. `eval-cases` is the fallback: rows of fields
 * (e.g. a CSV with `text,category`) as the task's eval and few-shot files use them.
 */
export const datasetFormats = [
  'openai-chat',
  'prompt-completion',
  'preference',
  'alpaca',
  'sharegpt',
  'eval-cases',
] as const;

export type DatasetFormat = (typeof datasetFormats)[number];

/** How the rows are stored in the file. */
export type DatasetContainer = 'jsonl' | 'json-array' | 'csv';

export const formatDescriptions: Record<DatasetFormat, string> = {
  'openai-chat': 'OpenAI chat (messages, optional tools and per-message weights)',
  'prompt-completion': 'legacy prompt / completion',
  preference: 'DPO preference (input, preferred_output, non_preferred_output)',
  alpaca: 'Alpaca (instruction, input, output)',
  sharegpt: 'ShareGPT (conversations of from / value)',
  'eval-cases': 'plain eval cases (one field per column)',
};

export function isDatasetFormat(value: string): value is DatasetFormat {
  return (datasetFormats as readonly string[]).includes(value);
}
