/**
 * The contract between the web app and its local server: every JSON body under `/api/` and
 * every server-sent event, in one file both sides import (types, and one list of filters).
 *
 * Every request carries the session token (`Authorization: Bearer TOKEN`; event streams, which
 * cannot set headers, use `?token=`). Errors answer with `ApiErrorBody` and a 4xx/5xx status.
 */

export interface ApiProblem {
  code: string;
  message: string;
  path: (string | number)[];
  file?: string;
  line?: number;
  severity?: 'error' | 'warning';
}

export interface ApiErrorBody {
  error: { code: string; message: string; problems: ApiProblem[] };
}

// ---- Session: GET /api/session ----

export interface VariantView {
  name: string;
  description: string | null;
  /** Null: the task's instruction. */
  instruction: string | null;
  system: string | null;
  template: string | null;
  mode: 'chat' | 'completion';
  fewShot: {
    k: number;
    selection: 'fixed' | 'random' | 'nearest';
    format: 'messages' | 'inline';
  } | null;
}

export interface ModelView {
  /** What runs and the playground call it: the configured name, else the reference. */
  name: string;
  ref: string;
}

export interface TaskOverview {
  name: string;
  description: string | null;
  file: string;
  instruction: string;
  outputKind: 'text' | 'label' | 'json';
  labels: string[];
  targets: { passRate: number; consistency: number | null; diversityFloor: number | null };
  variants: VariantView[];
  models: ModelView[];
  repeats: number;
  /** The task's first sampling point, as a label such as `temperature=0 maxTokens=10`. */
  sampling: string;
}

export interface SessionInfo {
  version: string;
  storeFile: string;
  task: TaskOverview | null;
  /** Why the task could not be loaded; empty when it was. */
  taskProblems: ApiProblem[];
}

// ---- Eval cases: GET /api/cases ----

export interface CaseView {
  id: string;
  /** The task's input template filled with the case's fields. */
  input: string;
  expected: string | null;
}

export interface CaseList {
  total: number;
  cases: CaseView[];
}

// ---- Runs: GET /api/runs, /api/runs/:id/matrix, /cells, /cell, SSE /events and /quality ----

export type RunStatusView = 'running' | 'completed' | 'interrupted' | 'failed';

export interface RunView {
  id: string;
  taskName: string;
  status: RunStatusView;
  kind: 'eval' | 'probe' | 'compare' | 'sweep';
  totalCells: number;
  storedCells: number;
  createdAt: string;
  finishedAt: string | null;
}

export interface RunList {
  runs: RunView[];
}

export interface GroupRef {
  variant: string;
  model: string;
  samplingIndex: number;
}

/** One cell of the variant × model matrix: a (variant, model, sampling point) group. */
export interface MatrixGroup extends GroupRef {
  sampling: string;
  cases: number;
  trials: number;
  passed: number;
  errors: number;
  formatFailed: number;
  /** Wilson 95 % interval around the pass rate. */
  passRate: number;
  lower: number;
  upper: number;
  inputTokens: number;
  outputTokens: number;
  /** US dollars; null when a price is unknown. */
  cost: number | null;
  /** Cases whose repeats did not all pass or all fail. */
  disagreeingCases: number;
}

export interface RunMatrix {
  run: RunView;
  variants: string[];
  models: string[];
  groups: MatrixGroup[];
}

/** Consistency and diversity of a group, measured after the matrix (it reads every output). */
export interface GroupQualityView {
  consistency: number | null;
  consistencyLower: number | null;
  consistencyUpper: number | null;
  passAllRepeats: number | null;
  casesCounted: number;
  /** Distinct-2 across inputs. */
  diversity: number | null;
  diversityWithin: number | null;
  /** Higher means less diverse. */
  selfBleuAcross: number | null;
  /** False for labels and short answers, where distinct-n is not creativity (shown as n/a). */
  diversityApplicability: { applies: boolean; reason: string | null };
}

export type QualityEvent =
  | { type: 'group'; group: GroupRef; quality: GroupQualityView }
  | { type: 'done' }
  | { type: 'error'; message: string };

export type CellFilter = 'all' | 'failures' | 'disagreements' | 'errors';

export const cellFilters: readonly CellFilter[] = ['all', 'failures', 'disagreements', 'errors'];

export interface CellRowView extends GroupRef {
  key: string;
  caseId: string;
  repeat: number;
  status: 'ok' | 'error';
  passed: boolean | null;
  /** The first characters of the output (untrusted model text), or the error message. */
  preview: string;
  latencyMs: number;
  cost: number | null;
}

export interface CellPage {
  total: number;
  offset: number;
  rows: CellRowView[];
}

export interface CheckView {
  name: string;
  kind: 'format' | 'content';
  pass: boolean;
  score: number | null;
  /** For an LLM judge, its reasoning (untrusted model text). */
  reason: string | null;
}

export interface CellDetail extends CellRowView {
  output: string | null;
  errorCode: string | null;
  errorMessage: string | null;
  checks: CheckView[];
  inputTokens: number;
  outputTokens: number;
  finishReason: string | null;
  sampling: string;
  cached: boolean;
  attempts: number;
  /** The same model, sampling, case and repeat under the other variants, for the diff. */
  otherVariants: { variant: string; key: string }[];
}

export interface RunProgressEvent {
  type: 'progress';
  run: RunView;
  passed: number;
  failed: number;
  errors: number;
}

// ---- Limits: GET /api/limits ----

export interface IterationView {
  index: number;
  label: string;
  runId: string;
  variant: string;
  model: string;
  trials: number;
  passRate: number;
  lower: number;
  upper: number;
}

export interface PlateauView {
  reached: boolean;
  reason: string;
  delta: number;
  window: number;
  windowStart: number | null;
  windowEnd: number | null;
}

/** The iteration history as the report charts it: each pass rate and the best so far. */
export interface IterationChartView {
  iterations: {
    index: number;
    label: string;
    passRate: number;
    lower: number;
    upper: number;
    bestSoFar: number;
  }[];
  /** The window the plateau rule looked at, at the best level; null unless a plateau is reached. */
  plateau: { start: number; end: number; level: number } | null;
  targetPassRate: number;
}

export interface SolvedCaseView {
  caseId: string;
  trials: number;
  passed: number;
  solveRate: number;
  byVariant: (number | null)[];
}

export interface HardCaseView {
  caseId: string;
  solveRate: number;
  solvedBy: string[];
  /** A failing output of the best prompt (untrusted model text). */
  bestPromptOutput: string | null;
}

export interface LimitsView {
  iterations: IterationView[];
  best: IterationView | null;
  plateau: PlateauView;
  chart: IterationChartView;
  matrix: { variants: string[]; cases: SolvedCaseView[]; omittedCases: number };
  neverSolved: HardCaseView[];
  rarelySolved: HardCaseView[];
}

// ---- Readiness: GET /api/readiness ----

export interface GateView {
  number: number;
  id: string;
  title: string;
  pass: boolean;
  summary: string;
  evidence: string[];
  next: string[];
}

export interface CostPointView {
  monthlyCalls: number;
  promptPer1000: number;
  finetunedPer1000: number;
}

/** The numbers behind the report's charts, drawn the same way by the Ready page. */
export interface ReadinessChartsView extends IterationChartView {
  passRates: { label: string; passRate: number; lower: number; upper: number }[];
  /** `value`: distinct-2 across inputs, or the answer spread when diversity does not apply. */
  tradeoff: { label: string; consistency: number; value: number }[];
  tradeoffMeasure: 'diversity' | 'answer spread';
  /** Why diversity does not apply (labels, short answers); null when it does. */
  tradeoffReason: string | null;
  tradeoffMissing: string[];
  consistencyTarget: number | null;
  diversityFloor: number | null;
  cost: {
    points: CostPointView[];
    breakEven: { monthlyCalls: number; per1000: number } | null;
    promptLabel: string;
    finetunedLabel: string;
  } | null;
}

export interface EconomicsView {
  summary: string;
  bestPromptCostPerCall: number | null;
  finetunedCostPerCall: number | null;
  trainingCost: number | null;
  /** The training tokens in words: per epoch × epochs, their source and the tokenizer. */
  trainingTokens: string | null;
  breakEvenMonthlyCalls: number | null;
  paybackMonths: number;
  neverBreaksEven: boolean;
}

export interface ReadinessView {
  verdict: 'keep-prompting' | 'not-ready' | 'finetune';
  reason: string;
  nextActions: string[];
  gates: GateView[];
  economics: EconomicsView;
  charts: ReadinessChartsView;
  generatedAt: string;
}

// ---- Dataset review: GET /api/datasets, GET/POST /api/datasets/review ----

export interface DatasetFileView {
  /** Relative to the task's folder. */
  path: string;
  /** What the task uses it for, or `candidate` for another data file beside it. */
  role: 'train' | 'validation' | 'eval' | 'fewShot' | 'candidate';
  bytes: number;
}

export interface DatasetList {
  files: DatasetFileView[];
}

export interface LineageView {
  run: string | null;
  case: string | null;
  cell: string | null;
  variant: string | null;
  model: string | null;
  /** Anything else the lineage record says. */
  other: Record<string, string>;
}

export interface DatasetRowView {
  index: number;
  line: number;
  /** The parsed row, or null when it could not be read. */
  value: unknown;
  problems: ApiProblem[];
  lineage: LineageView | null;
  /** Accepted in an earlier review (the same content was accepted before). */
  accepted: boolean;
}

export interface DatasetCheckSummary {
  format: string;
  rows: number;
  cleanRows: number;
  minimumCleanRows: number;
  errors: number;
  warnings: number;
}

export interface DatasetReview {
  file: string;
  container: 'jsonl' | 'json-array' | 'csv';
  /** Changes when the file changes; a save against an older version is refused. */
  version: string;
  rows: DatasetRowView[];
  /** File-wide problems (no line). */
  fileProblems: ApiProblem[];
  check: DatasetCheckSummary | null;
  /** Why the dataset check could not run, when it could not. */
  checkError: string | null;
}

export type ReviewAction = 'accept' | 'reject' | 'edit';

export interface ReviewDecision {
  index: number;
  action: ReviewAction;
  /** The edited row, for `edit`. */
  value?: unknown;
}

export interface DatasetSaveRequest {
  file: string;
  version: string;
  decisions: ReviewDecision[];
}

export interface DatasetSaveResult {
  file: string;
  version: string;
  written: number;
  removed: number;
  edited: number;
  accepted: number;
}

// ---- Playground: POST /api/playground, SSE /api/playground/:id/events, POST /:id/cancel ----

export interface PlaygroundVariantInput {
  name: string;
  instruction?: string | undefined;
  system?: string | undefined;
  template?: string | undefined;
  mode?: 'chat' | 'completion' | undefined;
  /** Copies few-shot settings and template from this task variant before the fields above. */
  basedOn?: string | undefined;
}

export interface PlaygroundStartRequest {
  variants: PlaygroundVariantInput[];
  models: string[];
  caseIds: string[];
  repeats: number;
  temperature?: number | undefined;
  maxTokens?: number | undefined;
}

export interface PlaygroundStarted {
  id: string;
  totalCells: number;
}

export interface PlaygroundCellView {
  variant: string;
  model: string;
  caseId: string;
  repeat: number;
  status: 'ok' | 'error';
  /** Untrusted model text. */
  output: string | null;
  passed: boolean | null;
  checks: CheckView[];
  latencyMs: number;
  cached: boolean;
  errorMessage: string | null;
}

export interface PlaygroundQualityView {
  variant: string;
  model: string;
  answered: number;
  agreement: number | null;
  passAllRepeats: number | null;
  diversityWithin: number | null;
  diversityAcross: number | null;
}

export type PlaygroundEvent =
  | { type: 'cell'; cell: PlaygroundCellView }
  | { type: 'quality'; quality: PlaygroundQualityView }
  | { type: 'done'; cancelled: boolean; cells: number }
  | { type: 'error'; message: string };

// ---- Variants: POST /api/variants (save a playground wording into the task file) ----

export interface SaveVariantRequest {
  variant: PlaygroundVariantInput & { description?: string | undefined };
}

export interface SaveVariantResult {
  saved: string;
  file: string;
}

// ---- Jobs: GET /api/jobs, GET /api/jobs/:id, SSE /api/jobs/:id/events ----

export interface JobView {
  id: string;
  engine: string;
  baseModel: string;
  status: 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';
  createdAt: string;
  finishedAt: string | null;
  resultModel: string | null;
  progress: number | null;
}

export interface JobList {
  jobs: JobView[];
}

export interface JobDetail {
  job: JobView;
  events: { at: string; level: 'info' | 'warning' | 'error'; message: string }[];
  loss: { step: number; loss: number; validationLoss: number | null }[];
}

export type JobStreamEvent = { type: 'snapshot'; detail: JobDetail } | { type: 'done' };
