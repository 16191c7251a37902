import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import type { CellFilter, GroupRef } from '../../api-contract.js';
import { milliseconds } from '../lib/format.js';
import { useCellPages } from '../lib/use-cell-pages.js';
import { ErrorBox } from './error-box.js';
import { PassBadge } from './pass-badge.js';

const rowHeight = 34;

interface CellListProps {
  runId: string;
  filter: CellFilter;
  group: GroupRef | null;
  version: number;
  selectedKey: string | null;
  onSelect: (key: string) => void;
  onFirstPage: () => void;
}

/** Every cell of the run that passes the filter, virtualised: only rows on screen exist. */
export function CellList(props: CellListProps) {
  const { runId, filter, group, version, selectedKey, onSelect, onFirstPage } = props;
  const cells = useCellPages(runId, filter, group, version);
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: cells.total ?? 0,
    getScrollElement: () => scroller.current,
    estimateSize: () => rowHeight,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index;
  const last = items.at(-1)?.index;
  const { request } = cells;
  useEffect(() => {
    // `version` is read so that rows in view are fetched again when the run grows.
    void version;
    if (first !== undefined && last !== undefined) request(first, last);
  }, [request, first, last, version]);
  const loaded = cells.total !== undefined;
  useEffect(() => {
    if (loaded) onFirstPage();
  }, [loaded, onFirstPage]);

  if (cells.error) return <ErrorBox error={cells.error} />;
  return (
    <div className="cell-list">
      <p className="cell-count" data-testid="cell-count">
        {cells.total === undefined
          ? 'loading cells…'
          : `${cells.total.toLocaleString('en-US')} cells`}
      </p>
      <div className="cell-scroller" ref={scroller} data-testid="cell-scroller">
        <div className="cell-spacer" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((item) => {
            const row = cells.rowAt(item.index);
            return (
              <div
                key={item.key}
                className="cell-row-slot"
                style={{ height: item.size, transform: `translateY(${item.start}px)` }}
              >
                {row ? (
                  <button
                    type="button"
                    className={`cell-row${row.key === selectedKey ? ' selected' : ''}`}
                    onClick={() => onSelect(row.key)}
                    data-cell-key={row.key}
                  >
                    <PassBadge passed={row.passed} status={row.status} />
                    <span className="cell-case">{row.caseId}</span>
                    <span className="cell-repeat">#{row.repeat}</span>
                    <span className="cell-group">
                      {row.variant} · {row.model}
                    </span>
                    <span className="cell-preview">{row.preview}</span>
                    <span className="cell-latency">{milliseconds(row.latencyMs)}</span>
                  </button>
                ) : (
                  <div className="cell-row placeholder">…</div>
                )}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
