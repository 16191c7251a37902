export type DecayShape = 'cosine' | 'linear' | 'constant';

export interface LearningRateSchedule {
  peak: number;
  warmupSteps: number;
  totalSteps: number;
  decay: DecayShape;
  /** The rate at the last step, as a fraction of the peak. */
  minimumRatio: number;
}

/**
 * The rate for 0-based `step`: linear warm-up from peak/warmupSteps to the peak, then the decay
 * shape from the peak down to peak·minimumRatio at the last step.
 */
export function learningRateAt(schedule: LearningRateSchedule, step: number): number {
  const { peak, warmupSteps, totalSteps, decay, minimumRatio } = schedule;
  if (step < warmupSteps) return (peak * (step + 1)) / warmupSteps;
  if (decay === 'constant') return peak;
  const span = Math.max(1, totalSteps - warmupSteps - 1);
  const progress = Math.min(1, (step - warmupSteps) / span);
  const minimum = peak * minimumRatio;
  const factor = decay === 'linear' ? 1 - progress : 0.5 * (1 + Math.cos(Math.PI * progress));
  return minimum + (peak - minimum) * factor;
}
