/**
 * A read-only copy of a store that catches up once the browser has painted. Panels the browser
 * is not rendering (scrolled out of view) read this copy, so an edit first renders what a person
 * can see, in one frame, and the panels out of view follow right after that frame.
 */
import type { StoreApi } from 'zustand';

/** What the React bindings need of a store: read, and be told of changes. */
export type ReadableStore<T> = Pick<StoreApi<T>, 'getState' | 'getInitialState' | 'subscribe'>;

/** Runs a callback later; the app's runs it after the next painted frame. */
export type Schedule = (run: () => void) => void;

/** A lagging copy that a continuous gesture can hold back. */
export interface LaggingStore<T> extends ReadableStore<T> {
  /**
   * While held (a drag that changes the state every frame), the copy catches up at most every
   * `heldInterval` ms instead of after every frame: the panels out of view re-render a few times a
   * second, not sixty. Returns the release; the last release catches up after the next paint.
   */
  hold(): () => void;
}

/** Options of {@link createLaggingStore}. */
export interface LaggingOptions {
  /** The longest a held copy lags behind (default 250 ms). */
  readonly heldInterval?: number;
  readonly now?: () => number;
}

/**
 * A store that holds `live`'s state as of the last time `schedule` ran its callback. Any number
 * of changes before then cost one catch-up, which notifies its listeners once.
 */
export function createLaggingStore<T>(
  live: ReadableStore<T>,
  schedule: Schedule,
  { heldInterval = 250, now = () => performance.now() }: LaggingOptions = {},
): LaggingStore<T> {
  let state = live.getState();
  let pending = false;
  let holds = 0;
  let caughtUpAt = -Infinity;
  const listeners = new Set<(state: T, previous: T) => void>();
  const catchUp = () => {
    if (holds > 0 && now() - caughtUpAt < heldInterval) {
      schedule(catchUp);
      return;
    }
    pending = false;
    caughtUpAt = now();
    const previous = state;
    state = live.getState();
    if (Object.is(state, previous)) return;
    for (const listener of listeners) listener(state, previous);
  };
  live.subscribe(() => {
    if (pending) return;
    pending = true;
    schedule(catchUp);
  });
  return {
    getState: () => state,
    getInitialState: () => live.getInitialState(),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    hold() {
      holds++;
      let released = false;
      return () => {
        if (released) return;
        released = true;
        holds--;
      };
    },
  };
}

/** Runs `run` after the next frame has been painted (at once where there are no frames, e.g. jsdom). */
export const afterNextPaint: Schedule = (run) => {
  if (typeof requestAnimationFrame !== 'function') {
    setTimeout(run, 0);
    return;
  }
  // rAF callbacks run just before the frame is rendered; a task queued from one runs after it.
  requestAnimationFrame(() => setTimeout(run, 0));
};
