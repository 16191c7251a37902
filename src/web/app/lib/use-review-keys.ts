import { useEffect } from 'react';

export interface ReviewKeyActions {
  next: () => void;
  previous: () => void;
  accept: () => void;
  reject: () => void;
  edit: () => void;
  undo: () => void;
}

/**
 * Keyboard review: j / ↓ next, k / ↑ previous, a accept, r reject, e edit, u undo. Keys typed
 * into a field, or with a modifier, are left alone.
 */
export function useReviewKeys(enabled: boolean, actions: ReviewKeyActions): void {
  useEffect(() => {
    if (!enabled) return;
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (target && ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)) return;
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      const handler: Record<string, (() => void) | undefined> = {
        j: actions.next,
        ArrowDown: actions.next,
        k: actions.previous,
        ArrowUp: actions.previous,
        a: actions.accept,
        r: actions.reject,
        e: actions.edit,
        u: actions.undo,
      };
      const action = handler[event.key];
      if (!action) return;
      event.preventDefault();
      action();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled, actions]);
}
