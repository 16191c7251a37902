import { TunegateError } from '../../spec/tunegate-error.js';
import type { EvalStore } from '../eval/eval-store.js';
import type { RunRecord } from '../eval/run-record.js';
import type { EvalCase } from '../task/eval-case.js';
import type { LoadedTask } from '../task/loaded-task.js';
import { compileTemplate } from '../template/fill-template.js';

export interface ImportFromRunOptions {
  store: EvalStore;
  runId: string;
  task: LoadedTask;
  /** The task's eval cases, to rebuild each example's input. */
  cases: readonly EvalCase[];
  /** `sft`: passing outputs as chat rows; `dpo`: a passing and a failing output per case. */
  as?: 'sft' | 'dpo';
  /** Distinct passing outputs kept per case for `sft` (default 1); `dpo` makes one pair per case. */
  perCase?: number;
  /** Put the task's instruction in a system message (default true). */
  system?: boolean;
}

/** Where an imported row came from. */
export interface Lineage {
  run: string;
  case: string;
  cell: string;
  variant: string;
  model: string;
  repeat: number;
  /** The failing cell of a preference pair. */
  rejectedCell?: string;
}

export interface ImportedRow {
  row: Record<string, unknown>;
  lineage: Lineage;
}

export interface ImportSummary {
  run: RunRecord;
  /** The run was made with a different version of the task file. */
  taskChanged: boolean;
  rows: ImportedRow[];
  /** Cases with no usable output (no pass, or for dpo no pass and fail pair). */
  casesWithout: number;
}

interface Candidate {
  output: string;
  cell: string;
  variant: string;
  model: string;
  repeat: number;
}

/**
 * Builds training rows from a stored run: only outputs that passed the task's checks (as
 * judged and stored when the run ran), each row with its lineage to run, case and cell. The
 * input is the task's `input` template on the case's fields, the instruction its system
 * message. `dpo` pairs a passing with a failing output of the same case.
 */
export function importFromRun(options: ImportFromRunOptions): ImportSummary {
  const run = options.store.getRun(options.runId);
  if (run === undefined)
    throw new TunegateError('RUN_NOT_FOUND', `no run "${options.runId}" in this store`);
  const perCase = options.perCase ?? 1;
  const passing = new Map<string, Candidate[]>();
  const failing = new Map<string, Candidate>();
  for (const cell of options.store.iterateCells(run.id)) {
    if (cell.status !== 'ok' || cell.output === null || cell.output.trim() === '') continue;
    const candidate = {
      output: cell.output,
      cell: cell.key,
      variant: cell.variant,
      model: cell.model,
      repeat: cell.repeat,
    };
    if (cell.passed === true) {
      const list = passing.get(cell.caseId) ?? [];
      const seen = list.some((entry) => entry.output.trim() === cell.output?.trim());
      if (!seen && list.length < perCase) list.push(candidate);
      passing.set(cell.caseId, list);
    } else if (cell.passed === false && !failing.has(cell.caseId))
      failing.set(cell.caseId, candidate);
  }
  const renderInput = compileTemplate(options.task.config.input);
  const rows: ImportedRow[] = [];
  let casesWithout = 0;
  for (const evalCase of options.cases) {
    const accepted = passing.get(evalCase.id) ?? [];
    const rejected = failing.get(evalCase.id);
    if (accepted.length === 0 || (options.as === 'dpo' && rejected === undefined)) {
      casesWithout += 1;
      continue;
    }
    const prompt = [
      ...(options.system === false
        ? []
        : [{ role: 'system', content: options.task.config.instruction }]),
      { role: 'user', content: renderInput(evalCase.fields) },
    ];
    for (const chosen of accepted) {
      const lineage: Lineage = {
        run: run.id,
        case: evalCase.id,
        cell: chosen.cell,
        variant: chosen.variant,
        model: chosen.model,
        repeat: chosen.repeat,
      };
      if (options.as === 'dpo' && rejected !== undefined) {
        lineage.rejectedCell = rejected.cell;
        rows.push({
          row: {
            input: { messages: prompt },
            preferred_output: [{ role: 'assistant', content: chosen.output }],
            non_preferred_output: [{ role: 'assistant', content: rejected.output }],
          },
          lineage,
        });
        break;
      }
      rows.push({
        row: { messages: [...prompt, { role: 'assistant', content: chosen.output }] },
        lineage,
      });
    }
  }
  return { run, taskChanged: run.taskHash !== options.task.hash, rows, casesWithout };
}
