import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import type { DatasetRowView } from '../../api-contract.js';
import type { Decisions } from '../lib/review-state.js';

const rowHeight = 28;

const marks = { accept: '✓ accept', reject: '✗ reject', edit: '✎ edit' } as const;

interface DatasetRowListProps {
  rows: DatasetRowView[];
  decisions: Decisions;
  current: number;
  onPick: (position: number) => void;
}

/** Every row with its decision and problem count; the current one is kept in view. */
export function DatasetRowList({ rows, decisions, current, onPick }: DatasetRowListProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => rowHeight,
    overscan: 10,
  });
  useEffect(() => {
    virtualizer.scrollToIndex(current, { align: 'auto' });
  }, [virtualizer, current]);
  return (
    <div className="row-list" ref={scroller} data-testid="dataset-row-list">
      <div className="cell-spacer" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => {
          const row = rows[item.index];
          if (!row) return null;
          const decision = decisions.get(row.index);
          const status = decision ? marks[decision.action] : row.accepted ? 'accepted before' : '';
          return (
            <div
              key={item.key}
              className="cell-row-slot"
              style={{ height: item.size, transform: `translateY(${item.start}px)` }}
            >
              <button
                type="button"
                className={`cell-row${item.index === current ? ' selected' : ''}${decision ? ` decided-${decision.action}` : ''}`}
                onClick={() => onPick(item.index)}
              >
                <span className="cell-case">line {row.line}</span>
                <span className="cell-group">{status}</span>
                <span className="cell-preview">
                  {row.problems.length > 0
                    ? `${row.problems.length} problem${row.problems.length === 1 ? '' : 's'}`
                    : ''}
                </span>
              </button>
            </div>
          );
        })}
      </div>
    </div>
  );
}
