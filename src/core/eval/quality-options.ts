import type { TaskConfig } from '../task/task-schema.js';

/** How a task's outputs are compared and whether n-gram diversity means anything for them. */
export interface QualityOptions {
  /** JSON outputs agree when their values are equal. */
  jsonOutputs: boolean;
  /** Label outputs: diversity does not apply, agreement does. */
  labelOutputs: boolean;
}

export function qualityOptions(task: TaskConfig): QualityOptions {
  return { jsonOutputs: task.output.kind === 'json', labelOutputs: task.output.kind === 'label' };
}
