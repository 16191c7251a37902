/** How big a demo run is: `full` is the README's demo, `small` a quicker one for CI. */
export type DemoSizeName = 'full' | 'small';

export interface DemoSize {
  name: DemoSizeName;
  evalCases: number;
  fewShotPool: number;
  validationRows: number;
  /** Generated training rows before the data stage cleans them (rule 5 wants 200 clean). */
  trainingCandidates: number;
  repeats: number;
  epochs: number;
  learningRateMultiplier: number;
}

export const demoSizes: Record<DemoSizeName, DemoSize> = {
  full: {
    name: 'full',
    evalCases: 40,
    fewShotPool: 16,
    validationRows: 40,
    trainingCandidates: 1100,
    repeats: 3,
    epochs: 3,
    learningRateMultiplier: 3,
  },
  small: {
    name: 'small',
    evalCases: 20,
    fewShotPool: 10,
    validationRows: 20,
    trainingCandidates: 500,
    repeats: 2,
    epochs: 4,
    learningRateMultiplier: 3,
  },
};
