import type { ServerJobEventRecord } from '../../store/server-fine-tuning-records.js';
import type { SqliteServerFineTuningStore } from '../../store/sqlite-server-fine-tuning-store.js';
import { newId } from './fine-tuning-ids.js';

/** Appends one event to a job's log (what `GET …/events` lists, newest first). */
export function recordJobEvent(
  store: SqliteServerFineTuningStore,
  jobId: string,
  createdAt: number,
  message: string,
  options: {
    level?: ServerJobEventRecord['level'];
    type?: ServerJobEventRecord['type'];
    data?: Record<string, unknown>;
  } = {},
): void {
  store.insertEvent({
    id: newId.event(),
    jobId,
    createdAt,
    level: options.level ?? 'info',
    type: options.type ?? 'message',
    message,
    data: options.data ?? null,
  });
}
