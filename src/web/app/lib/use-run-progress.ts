import { useEffect, useState } from 'react';
import type { RunProgressEvent } from '../../api-contract.js';
import { openEvents } from './api-client.js';

/** Live progress of a run that is still being written (by this app or a CLI elsewhere). */
export function useRunProgress(runId: string | null, running: boolean): RunProgressEvent | null {
  const [progress, setProgress] = useState<RunProgressEvent | null>(null);
  useEffect(() => {
    setProgress(null);
    if (runId === null || !running) return;
    return openEvents<RunProgressEvent>(
      `/api/runs/${encodeURIComponent(runId)}/events`,
      setProgress,
    );
  }, [runId, running]);
  return progress;
}
