/** URL and local-storage sync against a fresh store (jsdom's location, history and storage). */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { decodeLink, encodeLink } from '../../src/permalink/codec.ts';
import { STORAGE_KEY, startPermalinkSync, WRITE_DELAY_MS } from '../../src/permalink/sync.ts';
import { createAppStore } from '../../src/state/store.ts';

const fragment = () => window.location.hash.slice(1);

describe('startPermalinkSync', () => {
  let stop: () => void = () => undefined;
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    stop();
    vi.useRealTimers();
  });

  it('writes the state into the URL once edits pause, with replaceState, and saves the session', () => {
    const store = createAppStore();
    const replace = vi.spyOn(window.history, 'replaceState');
    stop = startPermalinkSync(store);
    replace.mockClear();
    for (let k = 0; k < 10; k++) store.getState().setCell('lhs', 0, 0, k + 0.5);
    expect(replace).not.toHaveBeenCalled();
    vi.advanceTimersByTime(WRITE_DELAY_MS);
    // Encoding (here on the page: jsdom has no workers), the address bar and storage are three
    // tasks (each can take tens of ms).
    expect(replace).not.toHaveBeenCalled();
    vi.advanceTimersToNextTimer();
    expect(replace).not.toHaveBeenCalled();
    vi.advanceTimersToNextTimer();
    expect(replace).toHaveBeenCalledTimes(1);
    expect(fragment()).toBe(encodeLink(store.getState()));
    expect(localStorage.getItem(STORAGE_KEY)).not.toBe(fragment());
    vi.advanceTimersToNextTimer();
    expect(localStorage.getItem(STORAGE_KEY)).toBe(fragment());
    replace.mockRestore();
  });

  it('writes everything at once when the page is left, even halfway through a write', () => {
    const store = createAppStore();
    stop = startPermalinkSync(store);
    store.getState().setCell('lhs', 0, 0, 1.5);
    window.dispatchEvent(new Event('pagehide'));
    expect(fragment()).toBe(encodeLink(store.getState()));
    expect(localStorage.getItem(STORAGE_KEY)).toBe(fragment());

    store.getState().setCell('lhs', 0, 0, 2.5);
    vi.advanceTimersByTime(WRITE_DELAY_MS);
    vi.advanceTimersToNextTimer(); // encoded
    vi.advanceTimersToNextTimer(); // the address bar is written, storage not yet
    expect(fragment()).toBe(encodeLink(store.getState()));
    expect(localStorage.getItem(STORAGE_KEY)).not.toBe(fragment());
    window.dispatchEvent(new Event('pagehide'));
    expect(localStorage.getItem(STORAGE_KEY)).toBe(encodeLink(store.getState()));
  });

  it('writes everything at once when the page is hidden (a phone may discard it without a pagehide)', () => {
    const store = createAppStore();
    stop = startPermalinkSync(store);
    store.getState().setCell('lhs', 0, 0, 1.5);
    const visibility = vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('hidden');
    document.dispatchEvent(new Event('visibilitychange'));
    visibility.mockRestore();
    expect(localStorage.getItem(STORAGE_KEY)).toBe(encodeLink(store.getState()));
  });

  it('restores a link exactly on start, including embed mode', () => {
    const source = createAppStore();
    source.getState().setCell('rhs', 1, 2, -0.125);
    source.getState().setProductOptions({ activation: 'relu6' });
    window.history.replaceState(null, '', `/#${encodeLink(source.getState(), { embed: true })}`);
    const store = createAppStore();
    stop = startPermalinkSync(store);
    expect(store.getState().rhs.data[1 * 3 + 2]).toBe(-0.125);
    expect(store.getState().productOptions.activation).toBe('relu6');
    expect(store.getState().embed).toBe(true);
    expect(store.temporal.getState().pastStates).toHaveLength(0); // a restored link is not an undoable edit
  });

  it('explains a bad link and falls back to the last session', () => {
    const saved = createAppStore();
    saved.getState().setCell('lhs', 0, 0, 42);
    localStorage.setItem(STORAGE_KEY, encodeLink(saved.getState()));
    window.history.replaceState(null, '', '/#q1.this-is-not-a-state');
    const store = createAppStore();
    stop = startPermalinkSync(store);
    expect(store.getState().notice).toEqual({ kind: 'linkRefused', problem: { kind: 'damaged' }, keptWork: false });
    expect(store.getState().lhs.data[0]).toBe(42);
    expect(fragment()).toBe(encodeLink(store.getState()));
  });

  /** One tab edits the example, the page is left at once; returns the example's link. */
  function editThenLeave(): string {
    const first = createAppStore();
    stop = startPermalinkSync(first);
    const exampleLink = fragment();
    first.getState().setCell('lhs', 0, 0, 4.5);
    window.dispatchEvent(new Event('pagehide'));
    stop();
    window.history.replaceState(null, '', `/#${exampleLink}`); // the reload's address
    return exampleLink;
  }

  it('restores the saved session on a reload of the link it superseded (an edit not yet in the address bar)', () => {
    const exampleLink = editThenLeave(); // the reload's address: as it was before the edit
    const navigation = vi
      .spyOn(performance, 'getEntriesByType')
      .mockReturnValue([{ type: 'reload' } as unknown as PerformanceEntry]);
    const reloaded = createAppStore();
    stop = startPermalinkSync(reloaded);
    expect(reloaded.getState().lhs.data[0]).toBe(4.5);
    stop();
    // The same address opened on purpose (not a reload) shows the link.
    navigation.mockReturnValue([{ type: 'navigate' } as unknown as PerformanceEntry]);
    window.history.replaceState(null, '', `/#${exampleLink}`);
    const opened = createAppStore();
    stop = startPermalinkSync(opened);
    expect(opened.getState().lhs.data[0]).not.toBe(4.5);
    navigation.mockRestore();
  });

  it('restores the session on a reload only in the tab that saved it (another tab keeps its link)', () => {
    const exampleLink = editThenLeave();
    const navigation = vi
      .spyOn(performance, 'getEntriesByType')
      .mockReturnValue([{ type: 'reload' } as unknown as PerformanceEntry]);
    sessionStorage.clear(); // another tab: its own session storage
    const otherTab = createAppStore();
    stop = startPermalinkSync(otherTab);
    expect(otherTab.getState().lhs.data[0]).not.toBe(4.5);
    expect(fragment()).toBe(exampleLink);
    navigation.mockRestore();
  });

  it('shows the link on a reload when the session it would restore is damaged', () => {
    const exampleLink = editThenLeave();
    localStorage.setItem(STORAGE_KEY, 'q1.damaged');
    const navigation = vi
      .spyOn(performance, 'getEntriesByType')
      .mockReturnValue([{ type: 'reload' } as unknown as PerformanceEntry]);
    const reloaded = createAppStore();
    stop = startPermalinkSync(reloaded);
    expect(reloaded.getState().lhs.data[0]).not.toBe(4.5);
    expect(fragment()).toBe(exampleLink);
    expect(reloaded.getState().notice).toBeNull();
    navigation.mockRestore();
  });

  it('restores the last session when the URL has no state', () => {
    const saved = createAppStore();
    saved.getState().drawWithSeed('rhs', 99);
    localStorage.setItem(STORAGE_KEY, encodeLink(saved.getState()));
    const store = createAppStore();
    stop = startPermalinkSync(store);
    expect(store.getState().seeds.rhs).toBe(99);
    expect(store.getState().rhs).toEqual(saved.getState().rhs);
  });

  it('loads a link pasted into the address bar (hashchange) as one undoable step, and refuses a bad one', () => {
    const store = createAppStore();
    stop = startPermalinkSync(store);
    const other = createAppStore();
    other.getState().setCell('lhs', 1, 1, 7);
    window.history.replaceState(null, '', `/#${encodeLink(other.getState())}`);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    expect(store.getState().lhs.data[5]).toBe(7);
    store.temporal.getState().undo();
    expect(store.getState().lhs.data[5]).not.toBe(7);

    const before = store.getState().lhs;
    window.history.replaceState(null, '', '/#q7.abc');
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    expect(store.getState().notice).toEqual({
      kind: 'linkRefused',
      problem: { kind: 'version', found: 7, reads: 1 },
      keptWork: true,
    });
    expect(store.getState().lhs).toBe(before);
  });
});

describe('startPermalinkSync during playback', () => {
  it('writes an edit made while playing once edits pause, even if playback never ends', () => {
    vi.useFakeTimers();
    const store = createAppStore();
    const stop = startPermalinkSync(store);
    store.getState().setPlaying(true);
    store.getState().setStep(2);
    store.getState().setCell('lhs', 0, 0, 5);
    vi.advanceTimersByTime(WRITE_DELAY_MS);
    vi.runOnlyPendingTimers(); // encoding, address bar, storage
    vi.runOnlyPendingTimers();
    vi.runOnlyPendingTimers();
    expect(store.getState().playing).toBe(true);
    const saved = decodeLink(localStorage.getItem(STORAGE_KEY) ?? '');
    expect(saved.ok && saved.state.lhs?.data[0]).toBe(5);
    expect(fragment()).toBe(localStorage.getItem(STORAGE_KEY));
    stop();
    vi.useRealTimers();
  });

  it('writes the edits and the step reached when the page is left during playback', () => {
    vi.useFakeTimers();
    const store = createAppStore();
    const stop = startPermalinkSync(store);
    store.getState().setPlaying(true);
    store.getState().setCell('rhs', 1, 1, -7);
    store.getState().setStep(3);
    window.dispatchEvent(new Event('pagehide'));
    const saved = decodeLink(localStorage.getItem(STORAGE_KEY) ?? '');
    expect(saved.ok && saved.state.rhs?.data[4]).toBe(-7);
    expect(saved.ok && saved.state.step).toBe(3);
    expect(fragment()).toBe(encodeLink(store.getState()));
    stop();
    vi.useRealTimers();
  });

  it('writes the step once playback pauses, not on every tick', () => {
    vi.useFakeTimers();
    const store = createAppStore();
    const stop = startPermalinkSync(store);
    const replace = vi.spyOn(window.history, 'replaceState');
    store.getState().setPlaying(true);
    for (let k = 1; k <= 5; k++) {
      store.getState().setStep(k);
      vi.advanceTimersByTime(WRITE_DELAY_MS * 2);
    }
    expect(replace).not.toHaveBeenCalled();
    store.getState().setPlaying(false);
    vi.advanceTimersByTime(WRITE_DELAY_MS * 2);
    expect(replace).toHaveBeenCalledTimes(1);
    expect(fragment()).toBe(encodeLink(store.getState()));
    replace.mockRestore();
    stop();
    vi.useRealTimers();
  });
});
