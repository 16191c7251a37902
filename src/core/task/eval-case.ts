/** One row of a data file: its fields are template variables; `id` is stable across runs. */
export interface EvalCase {
  id: string;
  fields: Record<string, unknown>;
  /** Where the row came from, for error messages and lineage. */
  source: { file: string; line: number };
}
