/** `format` checks judge shape (parseable, in the label set); `content` checks judge correctness. */
export type CheckKind = 'format' | 'content';

export interface CheckResult {
  name: string;
  kind: CheckKind;
  pass: boolean;
  /** 0..1 where the check grades rather than passes/fails (e.g. an LLM judge). */
  score?: number;
  /** Why it failed, or the judge's reasoning. */
  reason?: string;
}
