import { checkAlpacaRow } from './alpaca-rules.js';
import type { DatasetFormat } from './dataset-format.js';
import { checkEvalCaseRow } from './eval-case-rules.js';
import type { RowRules } from './example-view.js';
import { checkOpenAIChatRow } from './openai-chat-rules.js';
import { checkPreferenceRow } from './preference-rules.js';
import { checkPromptCompletionRow } from './prompt-completion-rules.js';
import { checkShareGptRow } from './sharegpt-rules.js';

/** The row rules of each format. */
export const rowRules: Record<DatasetFormat, RowRules> = {
  'openai-chat': checkOpenAIChatRow,
  'prompt-completion': checkPromptCompletionRow,
  preference: checkPreferenceRow,
  alpaca: checkAlpacaRow,
  sharegpt: checkShareGptRow,
  'eval-cases': checkEvalCaseRow,
};
