import type { VariantCaseTally } from './evidence-store.js';

/** How often each case was solved, overall and per variant, over the whole history. */
export interface SolvedCase {
  caseId: string;
  /** Answered trials over every complete iteration (failed calls left out). */
  trials: number;
  passed: number;
  /** passed ÷ answered trials over every complete iteration. */
  solveRate: number;
  /** Share of trials passed per variant (in `SolvedMatrix.variants` order); null when never run. */
  byVariant: (number | null)[];
}

export interface SolvedMatrix {
  variants: string[];
  /** Hardest first (lowest solve rate), then by case id. */
  cases: SolvedCase[];
}

export function buildSolvedMatrix(
  tallies: readonly VariantCaseTally[],
  variantOrder: readonly string[] = [],
): SolvedMatrix {
  const seen = new Set(tallies.map((tally) => tally.variant));
  const variants = [
    ...variantOrder.filter((name) => seen.has(name)),
    ...[...seen].filter((name) => !variantOrder.includes(name)).sort(),
  ];
  const column = new Map(variants.map((name, index) => [name, index]));
  const byCase = new Map<string, SolvedCase>();
  for (const tally of tallies) {
    let row = byCase.get(tally.caseId);
    if (!row) {
      row = {
        caseId: tally.caseId,
        trials: 0,
        passed: 0,
        solveRate: 0,
        byVariant: variants.map(() => null),
      };
      byCase.set(tally.caseId, row);
    }
    const answered = tally.trials - tally.errors;
    row.trials += answered;
    row.passed += tally.passed;
    row.byVariant[column.get(tally.variant) as number] =
      answered === 0 ? null : tally.passed / answered;
  }
  const cases = [...byCase.values()];
  for (const row of cases) row.solveRate = row.trials === 0 ? 0 : row.passed / row.trials;
  cases.sort((a, b) => a.solveRate - b.solveRate || a.caseId.localeCompare(b.caseId));
  return { variants, cases };
}
