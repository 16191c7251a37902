import type { DemoSize } from '../../core/demo/demo-size.js';

/** What the demo knows between stages (kept in its progress file, so a resumed demo has it). */
export interface DemoState {
  directory: string;
  size: DemoSize;
  /** The finetuned model's name in the task, once the finetune stage registered it. */
  finetuned?: string | undefined;
  /** The report file, once written. */
  report?: string | undefined;
}

/** One step of the five-rule workflow: the real commands a user would type, then what they showed. */
export interface DemoStage {
  id: string;
  /** e.g. "Rule 1 · Know the base model". */
  title: string;
  /** Why this step comes here, in one line. */
  why: string;
  /** tunegate commands (without `tunegate`), run in order in the demo folder. */
  commands(state: DemoState): string[][];
  /** Exit codes besides 0 that still mean the step did its work (e.g. leaks found and removed). */
  acceptedCodes?: readonly number[];
  /** Runs after the commands, before the takeaway (the demo's own edits, said aloud). */
  after?(state: DemoState): Promise<string>;
  /** One line of the result, computed from what the step stored; may update the state. */
  takeaway(state: DemoState): Promise<string>;
}
