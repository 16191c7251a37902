/**
 * How many epochs a finetune runs by default, after OpenAI's cookbook rule: aim for 3, but
 * make at least 100 and at most 25,000 example-passes, with epochs kept within 1–25.
 */
export const defaultEpochRule = {
  target: 3,
  minimumPasses: 100,
  maximumPasses: 25_000,
  minimumEpochs: 1,
  maximumEpochs: 25,
} as const;

export type EpochRule = { [K in keyof typeof defaultEpochRule]: number };

/**
 * Epochs for `examples` training rows. Where the target misses the pass bounds, the epochs
 * are the fewest that reach the minimum (rounded up) or the most that stay under the maximum
 * (rounded down), then clamped. (The cookbook rounds down on both sides, which can leave a
 * small file under 100 passes; rounding up keeps the stated minimum.)
 */
export function chooseEpochs(examples: number, rule: EpochRule = defaultEpochRule): number {
  if (examples <= 0) return 0;
  let epochs = rule.target;
  if (examples * rule.target < rule.minimumPasses)
    epochs = Math.ceil(rule.minimumPasses / examples);
  else if (examples * rule.target > rule.maximumPasses)
    epochs = Math.floor(rule.maximumPasses / examples);
  return Math.min(rule.maximumEpochs, Math.max(rule.minimumEpochs, epochs));
}

/** The epochs a finetune job runs, and where the number came from, in words. */
export interface JobEpochs {
  epochs: number;
  source: string;
}

/**
 * The epochs `tunegate finetune` sends to every engine: the ones asked for (`--epochs`,
 * `lab.finetune.epochs`), else the rule above for the number of uploaded examples. `ready`,
 * `data stats` and the local fine-tuning API resolve epochs here too, so they price the job
 * that runs.
 */
export function jobEpochs(
  examples: number,
  given?: { epochs: number; source: string } | undefined,
): JobEpochs {
  if (given !== undefined) return { epochs: given.epochs, source: given.source };
  return {
    epochs: Math.max(1, chooseEpochs(examples)),
    source: `the auto-epoch rule for ${examples.toLocaleString('en-US')} examples`,
  };
}
