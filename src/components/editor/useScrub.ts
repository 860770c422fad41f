import { useCallback, type PointerEvent } from 'react';
import { useAppStore, type InputId } from '../../state/store.ts';
import { laggingStore } from '../../state/view.ts';

/** Pixels of horizontal travel before a press becomes a scrub (so clicks still focus). */
const THRESHOLD = 4;

/** The scrub in progress, if any: one at a time, tied to the pointer that started it. */
let active: { readonly pointerId: number; readonly end: () => void } | null = null;

/**
 * Dragging horizontally on a cell scrubs its value: one quantization step S every 4 px (so you
 * can watch a value cross the grid), a tenth of that with Shift; Escape puts the value back, and
 * the undo history as it was. Every move updates the store, so every view follows live; the whole
 * drag is one undo step. A finger does not scrub: on a phone a swipe scrolls the grid.
 *
 * The drag belongs to the pointer that started it, and it always ends — with that pointer's
 * release or cancel, a lost pointer capture, a move with no button down (a release the page did not
 * see), the window losing focus, or a new press of the same pointer — and the undo history always
 * resumes then. The listeners are on the window, so a cell that re-renders or scrolls out of the
 * grid cannot keep a drag alive. While it scrubs, the panels out of view follow a few times a
 * second rather than every frame (laggingStore.hold), and all of them once it ends.
 */
export function useScrub(id: InputId) {
  const setCell = useAppStore((s) => s.setCell);
  return useCallback(
    (row: number, col: number, e: PointerEvent<HTMLInputElement>) => {
      if (e.button !== 0 || e.pointerType === 'touch' || document.activeElement === e.currentTarget) return;
      if (active?.pointerId === e.pointerId) active.end(); // its release was never seen
      if (active) return;
      const target = e.currentTarget;
      const { pointerId, clientX: startX } = e;
      // Read at the start of the drag (the callback itself stays the same across edits).
      const state = useAppStore.getState();
      const matrix = state[id];
      const card = useAppStore.derive.params(state, id);
      const scale = card.ok ? card.value.params.scale : 0.01;
      const start = matrix.data[row * matrix.cols + col] as number;
      const perPixel = scale / 4;
      const history = useAppStore.temporal.getState();
      const { pastStates, futureStates } = history;
      let scrubbing = false;
      let paused = false;
      let release: () => void = () => undefined;

      const move = (ev: globalThis.PointerEvent) => {
        if (ev.pointerId !== pointerId) return;
        if (ev.buttons === 0) {
          end();
          return;
        }
        const dx = ev.clientX - startX;
        if (!scrubbing && Math.abs(dx) < THRESHOLD) return;
        if (!scrubbing) {
          scrubbing = true;
          try {
            target.setPointerCapture(pointerId);
          } catch {
            // The pointer is gone already, or no capture here: the window's listeners still follow it.
          }
          target.classList.add('is-scrubbing');
          release = laggingStore.hold();
        }
        ev.preventDefault();
        const value = Math.fround(start + dx * perPixel * (ev.shiftKey ? 0.1 : 1));
        if (!Number.isFinite(value)) return;
        setCell(id, row, col, value);
        // The first move recorded the value before the drag; the rest of the drag is one undo step.
        if (!paused) {
          paused = true;
          history.pause();
        }
      };
      const up = (ev: globalThis.PointerEvent) => {
        if (ev.pointerId !== pointerId) return;
        if (scrubbing) ev.preventDefault();
        end();
      };
      const onKey = (ev: KeyboardEvent) => {
        if (ev.key !== 'Escape' || !scrubbing) return;
        ev.preventDefault();
        useAppStore.getState().setCell(id, row, col, start);
        end();
        useAppStore.temporal.setState({ pastStates, futureStates });
      };
      function end() {
        window.removeEventListener('pointermove', move);
        window.removeEventListener('pointerup', up);
        window.removeEventListener('pointercancel', up);
        window.removeEventListener('blur', end);
        window.removeEventListener('keydown', onKey, true);
        target.removeEventListener('lostpointercapture', end);
        target.classList.remove('is-scrubbing');
        if (paused) history.resume();
        release();
        if (scrubbing && document.activeElement === target) target.blur();
        active = null;
      }
      active = { pointerId, end };
      window.addEventListener('pointermove', move);
      window.addEventListener('pointerup', up);
      window.addEventListener('pointercancel', up);
      window.addEventListener('blur', end);
      window.addEventListener('keydown', onKey, true);
      target.addEventListener('lostpointercapture', end);
    },
    [id, setCell],
  );
}
