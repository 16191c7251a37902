import type { Check } from '../checks/check.js';
import type { DatasetFormat } from './dataset-format.js';
import { type DatasetProblem, datasetProblem } from './dataset-problem.js';
import { ExactDuplicateFinder } from './exact-duplicate-finder.js';
import type { ExampleView } from './example-view.js';
import { LabelCounter } from './label-counter.js';
import { LegacyFormatChecks } from './legacy-format-checks.js';
import { describeValue, isPlainObject } from './message-content.js';
import { MinHashIndex, type MinHashIndexOptions } from './minhash-index.js';
import { problemCatalog } from './problem-catalog.js';
import type { ProblemSink } from './problem-sink.js';
import type { DatasetRecord } from './read-dataset-records.js';
import { RowFacts } from './row-facts.js';
import { rowRules } from './row-rules.js';
import { failedChecks } from './task-checks.js';
import { isMostlyUppercase, outputKind } from './text-shape.js';
import { exampleTokens, type TokenCounter } from './token-counter.js';

export interface RowAnalyzerOptions {
  file: string;
  format: DatasetFormat;
  outputField: string | undefined;
  sink: ProblemSink;
  checks: Check[];
  /** The task's output field: checks that template it (`{{label}}`) find the row's output there. */
  checkOutputField?: string;
  /** Counts tokens for lengths (cheap: characters ÷ 4 unless a tokenizer was chosen). */
  lengthCounter: TokenCounter;
  /** Counts tokens exactly, only for rows that could be over the context limit. */
  exactCounter: () => Promise<TokenCounter>;
  contextLimit: number;
  nearDuplicates: boolean;
  minHash: MinHashIndexOptions;
  /** Rows expected (from the file size): per-row storage is allocated once. */
  expectedRows?: number;
}

/**
 * The per-row half of `data check`: validates each record, records what the file-wide checks
 * need (a few bytes per row, a fingerprint, a MinHash signature) and decides which rows `fix`
 * drops. Rows already dropped are not measured, fingerprinted or compared.
 */
export class RowAnalyzer {
  readonly facts = new RowFacts();
  readonly exact = new ExactDuplicateFinder();
  readonly near: MinHashIndex;
  readonly labels = new LabelCounter();
  readonly legacy: LegacyFormatChecks | undefined;
  readonly #options: RowAnalyzerOptions;

  constructor(options: RowAnalyzerOptions) {
    this.#options = options;
    const expected = options.expectedRows;
    this.near = new MinHashIndex(
      options.nearDuplicates && expected !== undefined
        ? { ...options.minHash, expectedSize: expected }
        : options.minHash,
    );
    if (expected !== undefined) {
      this.facts.reserve(expected);
      this.exact.reserve(expected);
    }
    this.legacy =
      options.format === 'prompt-completion' ? new LegacyFormatChecks(options.file) : undefined;
  }

  async add(record: DatasetRecord): Promise<void> {
    const index = this.facts.add(record.line);
    if (record.kind === 'problem') {
      this.#report(index, [record.problem]);
      return;
    }
    const { file } = this.#options;
    const { line, value } = record;
    if (!isPlainObject(value)) {
      const message = `expected a JSON object, got ${describeValue(value)}`;
      this.#report(index, [datasetProblem('not_an_object', message, { file, line })]);
      return;
    }
    const { problems, view } = rowRules[this.#options.format](value, {
      file,
      line,
      outputField: this.#options.outputField,
    });
    this.#report(index, problems);
    if (view === undefined || this.facts.isDropped(index)) return;
    await this.#measure(index, line, view, record.bytes);
    if (this.facts.isDropped(index)) return;
    this.exact.add(index, view.identity);
    if (this.#options.nearDuplicates) this.near.add(index, view.text);
  }

  async #measure(index: number, line: number, view: ExampleView, bytes: number): Promise<void> {
    const { file, contextLimit } = this.#options;
    const problems: DatasetProblem[] = [];
    if (this.legacy !== undefined && view.legacy !== undefined) {
      problems.push(...this.legacy.addRow(view.legacy.prompt, view.legacy.completion, line));
    }
    if (isMostlyUppercase(view.fullText)) {
      const message = 'the text is mostly upper case; models learn the case they are shown';
      problems.push(datasetProblem('mostly_uppercase', message, { file, line }));
    }
    this.facts.setTokens(
      index,
      exampleTokens(this.#options.lengthCounter, view.fullText, view.messageCount),
    );
    // Every token is at least one byte, so a row this small cannot be over the limit.
    const bound = (bytes > 0 ? bytes : view.fullText.length * 3) + view.messageCount * 4 + 3;
    if (bound > contextLimit) {
      const counter = await this.#options.exactCounter();
      const tokens = exampleTokens(counter, view.fullText, view.messageCount);
      if (tokens > contextLimit) {
        const message = `the example is ${tokens} tokens (${counter.name}), over the context limit of ${contextLimit}`;
        problems.push(datasetProblem('over_context_limit', message, { file, line }));
      }
    }
    if (this.#options.checks.length > 0 && view.output !== undefined) {
      const failed = await failedChecks(
        this.#options.checks,
        view.output,
        this.#checkFields(view),
        file,
        line,
      );
      if (failed.length > 0) {
        const message = `the output fails the task's checks: ${failed.join('; ').slice(0, 300)}`;
        problems.push(datasetProblem('fails_task_checks', message, { file, line }));
      }
    }
    this.#report(index, problems);
    if (this.facts.isDropped(index)) return;
    this.facts.setKind(index, outputKind(view.output));
    if (view.output !== undefined) this.labels.add(view.output.trim());
  }

  #checkFields(view: ExampleView): Record<string, unknown> {
    const field = this.#options.checkOutputField;
    if (field === undefined || field in view.caseFields) return view.caseFields;
    return { ...view.caseFields, [field]: view.output };
  }

  /** Sends problems to the sink; the first one whose fix drops the row drops it. */
  #report(index: number, problems: readonly DatasetProblem[]): void {
    for (const problem of problems) {
      this.#options.sink.add(problem);
      if (problemCatalog[problem.code].fix === 'drop') this.facts.drop(index, problem.code);
    }
  }
}
