import { useCallback, useEffect, useRef, useState } from 'react';
import type { CellFilter, CellPage, CellRowView, GroupRef } from '../../api-contract.js';
import { getJson } from './api-client.js';

export const cellPageSize = 100;

export interface CellPages {
  /** Rows matching the filter; undefined until the first page arrives. */
  total: number | undefined;
  rowAt: (index: number) => CellRowView | undefined;
  /** Fetches the pages holding these rows, if not fetched or in flight. */
  request: (first: number, last: number) => void;
  error: Error | undefined;
}

function cellsPath(
  runId: string,
  filter: CellFilter,
  group: GroupRef | null,
  page: number,
): string {
  const query = new URLSearchParams({
    offset: String(page * cellPageSize),
    limit: String(cellPageSize),
    filter,
  });
  if (group) {
    query.set('variant', group.variant);
    query.set('model', group.model);
    query.set('samplingIndex', String(group.samplingIndex));
  }
  return `/api/runs/${encodeURIComponent(runId)}/cells?${query}`;
}

/**
 * The cell list's rows, fetched a page at a time as they scroll into view, so a run of any size
 * costs the rows on screen. Changing the run, filter or group starts over; a new `version`
 * (the run grew) refreshes the rows in view.
 */
export function useCellPages(
  runId: string,
  filter: CellFilter,
  group: GroupRef | null,
  version: number,
): CellPages {
  const pages = useRef(new Map<number, CellRowView[]>());
  /** Pages shown but fetched before the run grew: kept on screen until their refetch lands. */
  const stale = useRef(new Set<number>());
  const inFlight = useRef(new Set<number>());
  const generation = useRef(0);
  const shown = useRef('');
  const [total, setTotal] = useState<number | undefined>(undefined);
  const [error, setError] = useState<Error | undefined>(undefined);
  const [, setTick] = useState(0);

  const fetchPage = useCallback(
    (page: number) => {
      const fresh = pages.current.has(page) && !stale.current.has(page);
      if (fresh || inFlight.current.has(page)) return;
      inFlight.current.add(page);
      const mine = generation.current;
      getJson<CellPage>(cellsPath(runId, filter, group, page))
        .then((result) => {
          if (mine !== generation.current) return;
          pages.current.set(page, result.rows);
          stale.current.delete(page);
          setTotal(result.total);
          setTick((tick) => tick + 1);
        })
        .catch((caught: unknown) => {
          if (mine === generation.current) {
            setError(caught instanceof Error ? caught : new Error(String(caught)));
          }
        })
        .finally(() => {
          if (mine === generation.current) inFlight.current.delete(page);
        });
    },
    [runId, filter, group],
  );

  useEffect(() => {
    const list = `${runId}\u0000${filter}\u0000${JSON.stringify(group)}`;
    generation.current++;
    inFlight.current = new Set();
    if (list === shown.current) {
      // Only the run grew (`version`): refresh the pages in view, keeping them meanwhile.
      stale.current = new Set(pages.current.keys());
      void version;
    } else {
      shown.current = list;
      pages.current = new Map();
      stale.current = new Set();
      setTotal(undefined);
    }
    setError(undefined);
    fetchPage(0);
  }, [fetchPage, runId, filter, group, version]);

  const rowAt = useCallback(
    (index: number) => pages.current.get(Math.floor(index / cellPageSize))?.[index % cellPageSize],
    [],
  );
  const request = useCallback(
    (first: number, last: number) => {
      for (
        let page = Math.floor(first / cellPageSize);
        page <= Math.floor(last / cellPageSize);
        page++
      ) {
        fetchPage(page);
      }
    },
    [fetchPage],
  );
  return { total, rowAt, request, error };
}
