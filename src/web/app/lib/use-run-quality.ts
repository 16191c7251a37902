import { useEffect, useState } from 'react';
import type { GroupQualityView, QualityEvent } from '../../api-contract.js';
import { openEvents } from './api-client.js';
import { groupKey } from './format.js';

/**
 * Consistency and diversity of each group, streamed one group at a time after the matrix is on
 * screen (they read every output); `version` asks for them again when the run has grown.
 */
export function useRunQuality(
  runId: string | null,
  version: number,
): { quality: Map<string, GroupQualityView>; done: boolean } {
  const [quality, setQuality] = useState(() => new Map<string, GroupQualityView>());
  const [done, setDone] = useState(false);
  useEffect(() => {
    if (runId === null) return;
    void version;
    setDone(false);
    return openEvents<QualityEvent>(
      `/api/runs/${encodeURIComponent(runId)}/quality`,
      (event) => {
        if (event.type === 'group') {
          setQuality((previous) => new Map(previous).set(groupKey(event.group), event.quality));
        } else setDone(true);
      },
      () => setDone(true),
    );
  }, [runId, version]);
  return { quality, done };
}
