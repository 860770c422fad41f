import { useCallback, type PointerEvent } from 'react';
import { useAppStore, type InputId } from '../../state/store.ts';

/** Pixels of horizontal travel before a press becomes a scrub (so clicks still focus). */
const THRESHOLD = 4;

/**
 * Dragging horizontally on a cell scrubs its value: one quantization step S every 4 px (so you
 * can watch a value cross the grid), a tenth of that with Shift. Every move updates the store,
 * so every view follows live; the whole drag is one undo step.
 */
export function useScrub(id: InputId) {
  const setCell = useAppStore((s) => s.setCell);
  return useCallback(
    (row: number, col: number, e: PointerEvent<HTMLInputElement>) => {
      if (e.button !== 0 || document.activeElement === e.currentTarget) return;
      const target = e.currentTarget;
      const startX = e.clientX;
      // Read at the start of the drag (the callback itself stays the same across edits).
      const state = useAppStore.getState();
      const matrix = state[id];
      const view = useAppStore.derive.tensor(state, id);
      const scale = view.ok ? view.value.params.scale : 0.01;
      const start = matrix.data[row * matrix.cols + col] as number;
      const perPixel = scale / 4;
      let scrubbing = false;
      const move = (ev: globalThis.PointerEvent) => {
        const dx = ev.clientX - startX;
        if (!scrubbing && Math.abs(dx) < THRESHOLD) return;
        if (!scrubbing) {
          scrubbing = true;
          target.setPointerCapture(ev.pointerId);
          target.classList.add('is-scrubbing');
        }
        ev.preventDefault();
        const value = Math.fround(start + dx * perPixel * (ev.shiftKey ? 0.1 : 1));
        if (!Number.isFinite(value)) return;
        setCell(id, row, col, value);
        // The first move recorded the value before the drag; the rest of the drag is one undo step.
        useAppStore.temporal.getState().pause();
      };
      const end = (ev: globalThis.PointerEvent) => {
        target.removeEventListener('pointermove', move);
        target.removeEventListener('pointerup', end);
        target.removeEventListener('pointercancel', end);
        target.classList.remove('is-scrubbing');
        useAppStore.temporal.getState().resume();
        if (scrubbing) {
          ev.preventDefault();
          target.blur();
        }
      };
      target.addEventListener('pointermove', move);
      target.addEventListener('pointerup', end);
      target.addEventListener('pointercancel', end);
    },
    [id, setCell],
  );
}
