export { describeSweep, runSweep, type SweepOptions } from './run-sweep.js';
export { defaultSweepAxes, gridSize, sweepAxes } from './sweep-grid.js';
export type { SweepAxes, SweepPoint, SweepResult } from './sweep-result.js';
