import type { Slice } from '../kernels/compute-memory.js';

/** One tensor the optimizer updates: value and gradient share a layout. */
export interface TrainableTensor {
  name: string;
  value: Slice;
  gradient: Slice;
  /** Whether AdamW's decoupled weight decay applies (matrices yes, norm gains no). */
  decay: boolean;
  /** Called after each update, to refresh copies kept in another layout. */
  afterUpdate?: () => void;
}
