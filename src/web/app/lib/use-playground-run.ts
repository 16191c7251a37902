import { useCallback, useEffect, useRef, useState } from 'react';
import type {
  PlaygroundCellView,
  PlaygroundEvent,
  PlaygroundQualityView,
  PlaygroundStarted,
  PlaygroundStartRequest,
} from '../../api-contract.js';
import { openEvents, postJson } from './api-client.js';

export interface PlaygroundRunState {
  id: string | null;
  total: number;
  cells: PlaygroundCellView[];
  quality: Map<string, PlaygroundQualityView>;
  status: 'idle' | 'running' | 'done' | 'cancelled' | 'failed';
  error: string | null;
}

const idle: PlaygroundRunState = {
  id: null,
  total: 0,
  cells: [],
  quality: new Map(),
  status: 'idle',
  error: null,
};

/** Starts playground runs and collects their cells and live agreement and diversity. */
export function usePlaygroundRun(): {
  state: PlaygroundRunState;
  start: (request: PlaygroundStartRequest) => Promise<void>;
  cancel: () => void;
} {
  const [state, setState] = useState<PlaygroundRunState>(idle);
  const close = useRef<(() => void) | null>(null);
  useEffect(() => () => close.current?.(), []);

  const apply = useCallback((event: PlaygroundEvent) => {
    setState((previous) => {
      switch (event.type) {
        case 'cell':
          return { ...previous, cells: [...previous.cells, event.cell] };
        case 'quality': {
          const quality = new Map(previous.quality);
          quality.set(JSON.stringify([event.quality.variant, event.quality.model]), event.quality);
          return { ...previous, quality };
        }
        case 'done':
          return { ...previous, status: event.cancelled ? 'cancelled' : 'done' };
        case 'error':
          return { ...previous, status: 'failed', error: event.message };
      }
    });
  }, []);

  const start = useCallback(
    async (request: PlaygroundStartRequest) => {
      close.current?.();
      setState({ ...idle, status: 'running' });
      try {
        const started = await postJson<PlaygroundStarted>('/api/playground', request);
        setState({ ...idle, id: started.id, total: started.totalCells, status: 'running' });
        close.current = openEvents<PlaygroundEvent>(
          `/api/playground/${encodeURIComponent(started.id)}/events`,
          apply,
        );
      } catch (error) {
        setState({
          ...idle,
          status: 'failed',
          error: error instanceof Error ? error.message : String(error),
        });
      }
    },
    [apply],
  );

  const cancel = useCallback(() => {
    if (state.id) void postJson(`/api/playground/${encodeURIComponent(state.id)}/cancel`, {});
  }, [state.id]);

  return { state, start, cancel };
}
