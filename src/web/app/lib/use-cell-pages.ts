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
 * costs the rows on screen. Changing the run, filter, group or `version` starts over.
 */
export function useCellPages(
  runId: string,
  filter: CellFilter,
  group: GroupRef | null,
  version: number,
): CellPages {
  const pages = useRef(new Map<number, CellRowView[]>());
  const inFlight = useRef(new Set<number>());
  const generation = useRef(0);
  const [total, setTotal] = useState<number | undefined>(undefined);
  const [error, setError] = useState<Error | undefined>(undefined);
  const [, setTick] = useState(0);

  const fetchPage = useCallback(
    (page: number) => {
      if (pages.current.has(page) || inFlight.current.has(page)) return;
      inFlight.current.add(page);
      const mine = generation.current;
      getJson<CellPage>(cellsPath(runId, filter, group, page))
        .then((result) => {
          if (mine !== generation.current) return;
          pages.current.set(page, result.rows);
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
    // `version` is read so that new cells in a running run start the list over.
    void version;
    generation.current++;
    pages.current = new Map();
    inFlight.current = new Set();
    setTotal(undefined);
    setError(undefined);
    fetchPage(0);
  }, [fetchPage, version]);

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
