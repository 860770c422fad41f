import { describe, expect, it, vi } from 'vitest';
import { createStore } from 'zustand/vanilla';
import { createLaggingStore } from '../../src/state/lagging.ts';

/** A live store, its lagging copy, and the callbacks the copy has scheduled (run by hand). */
function setup() {
  const live = createStore<{ n: number }>()(() => ({ n: 0 }));
  const scheduled: (() => void)[] = [];
  const lagging = createLaggingStore(live, (run) => scheduled.push(run));
  return { live, lagging, scheduled };
}

describe('createLaggingStore', () => {
  it('shows the live state only once the scheduled catch-up runs', () => {
    const { live, lagging, scheduled } = setup();
    live.setState({ n: 1 });
    expect(lagging.getState().n).toBe(0);
    expect(scheduled).toHaveLength(1);
    scheduled.shift()?.();
    expect(lagging.getState().n).toBe(1);
  });

  it('turns a burst of changes into one catch-up and one notification with the latest state', () => {
    const { live, lagging, scheduled } = setup();
    const listener = vi.fn();
    lagging.subscribe(listener);
    live.setState({ n: 1 });
    live.setState({ n: 2 });
    live.setState({ n: 3 });
    expect(scheduled).toHaveLength(1);
    scheduled.shift()?.();
    expect(listener).toHaveBeenCalledTimes(1);
    expect(listener).toHaveBeenCalledWith({ n: 3 }, { n: 0 });
    // The next change schedules again.
    live.setState({ n: 4 });
    expect(scheduled).toHaveLength(1);
  });

  it('does not notify when the live state came back to the same object, nor after unsubscribing', () => {
    const { live, lagging, scheduled } = setup();
    const start = live.getState();
    const listener = vi.fn();
    const unsubscribe = lagging.subscribe(listener);
    live.setState({ n: 5 });
    live.setState(start, true);
    scheduled.shift()?.();
    expect(listener).not.toHaveBeenCalled();
    unsubscribe();
    live.setState({ n: 6 });
    scheduled.shift()?.();
    expect(listener).not.toHaveBeenCalled();
    expect(lagging.getState().n).toBe(6);
  });

  it('while held, catches up at most every interval however often it is scheduled; released, at the next run', () => {
    const live = createStore<{ n: number }>()(() => ({ n: 0 }));
    const scheduled: (() => void)[] = [];
    let clock = 0;
    const lagging = createLaggingStore(live, (run) => scheduled.push(run), { heldInterval: 250, now: () => clock });
    const listener = vi.fn();
    lagging.subscribe(listener);
    const release = lagging.hold();
    // A drag: one change per 16 ms frame, and the copy's scheduled catch-up run after each frame.
    for (let frame = 1; frame <= 40; frame++) {
      clock = frame * 16;
      live.setState({ n: frame });
      scheduled.shift()?.();
    }
    // 640 ms of changes: caught up at the first frame (16 ms), then once 250 ms had passed (272, 528 ms).
    expect(listener.mock.calls.map(([state]) => (state as { n: number }).n)).toEqual([1, 17, 33]);
    expect(lagging.getState().n).toBe(33);
    release();
    release(); // a second call does nothing
    clock += 16;
    scheduled.shift()?.();
    expect(lagging.getState().n).toBe(40);
    expect(scheduled).toHaveLength(0);
  });
});
