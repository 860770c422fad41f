/**
 * The one place that connects the store to the address bar and to local storage:
 * - on start, restore from the link (#q1.…), else from the last session, else the example;
 *   a bad link or a damaged saved session is explained in a notice and never half-applied;
 * - while editing, write the link with history.replaceState and save the session, coalesced
 *   (one write per burst of edits, not one per keystroke), and on leaving the page;
 * - when another link is pasted into the address bar (hashchange), load it.
 */
import type { StoreApi } from 'zustand';
import type { TemporalState } from 'zundo';
import { decodeLink, encodeLink } from './codec.ts';
import { FIELDS, linkData, type DataKey, type Persisted } from './fields.ts';
import { createOffThreadEncoder } from './offThread.ts';
import type { State, Undoable } from '../state/store.ts';

/** Where the last session is kept. */
export const STORAGE_KEY = 'quantization-explorer/session';
/** Milliseconds of quiet before the link and the saved session are written. */
export const WRITE_DELAY_MS = 250;

const PERSISTED = (Object.keys(FIELDS) as DataKey[]).filter((k) => !('transient' in FIELDS[k]));

/** The fragment last written to the address bar, for views that show the link (no second encoding). */
let writtenLink = '';
const linkListeners = new Set<() => void>();

/** Subscribes to link writes (useSyncExternalStore's subscribe). */
export function subscribeLink(listener: () => void): () => void {
  linkListeners.add(listener);
  return () => linkListeners.delete(listener);
}

/** The fragment last written, or '' before the sync has started. */
export function currentLink(): string {
  return writtenLink;
}

type AppStore = StoreApi<State> & { temporal: StoreApi<TemporalState<Undoable>> };

function readStorage(): string | null {
  try {
    return window.localStorage.getItem(STORAGE_KEY);
  } catch {
    return null; // storage disabled (private mode, sandboxed iframe)
  }
}

function writeStorage(fragment: string): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, fragment);
  } catch {
    // Quota or disabled storage: the link still holds the state.
  }
}

/** Applies restored fields as one step (undoable when `undoable`). */
function apply(store: AppStore, state: Persisted, undoable: boolean): void {
  if (!undoable) store.temporal.getState().pause();
  store.setState({ ...state, hover: null, playing: false });
  if (!undoable) {
    store.temporal.getState().resume();
    store.temporal.getState().clear();
  }
}

/** Starts syncing; returns a function that stops it. */
export function startPermalinkSync(store: AppStore): () => void {
  let lastWritten = '';
  let timer: ReturnType<typeof setTimeout> | undefined;

  const fragmentOf = (s: State) => encodeLink(s, { embed: s.embed });

  const load = (hash: string, undoable: boolean): boolean => {
    const decoded = decodeLink(hash.replace(/^#/, ''));
    if (!decoded.ok) {
      store.getState().setNotice({
        kind: 'error',
        text: `This link could not be opened: ${decoded.error.message} ${undoable ? 'Your current work is unchanged.' : 'Showing your last session (or the example) instead.'}`,
      });
      return false;
    }
    apply(store, decoded.state, undoable);
    store.getState().setEmbed(decoded.embed);
    return true;
  };

  /** The steps of the last write not yet run. */
  let pending: (() => void)[] = [];
  const runPending = () => {
    const steps = pending;
    pending = [];
    steps.forEach((step) => step());
  };
  /** Writes a fragment to the address bar, then to storage: two tasks, or at once when `now`. */
  const put = (fragment: string, now: boolean) => {
    if (fragment === lastWritten) return;
    lastWritten = fragment;
    pending = [
      () => window.history.replaceState(window.history.state, '', `#${fragment}`),
      () => {
        writeStorage(fragment);
        writtenLink = fragment;
        linkListeners.forEach((listener) => listener());
      },
    ];
    if (now) {
      runPending();
      return;
    }
    const steps = pending;
    const next = () => {
      if (pending !== steps) return; // already run by a flush, or replaced by a newer write
      steps.shift()?.();
      if (steps.length > 0) setTimeout(next, 0);
    };
    setTimeout(next, 0);
  };

  const encodeOffThread = createOffThreadEncoder();
  /** Which write is the latest (a reply to an older one is dropped), and whether it is being encoded. */
  let writes = 0;
  let encoding = false;
  /**
   * Encodes the state and writes it. For a large state encoding, the address bar and storage each
   * take tens of milliseconds: the encoding runs in a worker where there is one (else in a task of
   * its own), the two writes in tasks of their own. `now` does it all at once, on this thread.
   */
  const write = (now = false) => {
    timer = undefined;
    const id = ++writes;
    const state = store.getState();
    if (now || !encodeOffThread) {
      encoding = false;
      put(fragmentOf(state), now);
      return;
    }
    encoding = true;
    const done = (fragment: () => string) => {
      if (id !== writes) return;
      encoding = false;
      put(fragment(), false);
    };
    encodeOffThread(linkData(state), state.embed).then(
      (fragment) => done(() => fragment),
      () => done(() => fragmentOf(store.getState())), // no worker after all: encode here
    );
  };
  // 1. Restore.
  const hash = window.location.hash;
  const fromLink = hash.length > 1 && load(hash, false);
  if (!fromLink) {
    const saved = readStorage();
    if (saved) {
      const decoded = decodeLink(saved);
      if (decoded.ok) apply(store, decoded.state, false);
      else if (hash.length <= 1) {
        store.getState().setNotice({
          kind: 'info',
          text: `Your last session could not be restored (${decoded.error.message}); showing the example.`,
        });
      }
    }
  }
  write(true);

  // 2. Follow edits.
  const unsubscribe = store.subscribe((s, prev) => {
    const changed =
      s.embed !== prev.embed || s.playing !== prev.playing || PERSISTED.some((k) => !Object.is(s[k], prev[k]));
    // Pointer moves and notices never write; during playback the step is written once it pauses.
    if (!changed || s.playing) return;
    clearTimeout(timer);
    timer = setTimeout(() => write(), WRITE_DELAY_MS);
  });
  const flush = () => {
    if (timer !== undefined || encoding) {
      clearTimeout(timer);
      write(true);
    } else runPending();
  };

  // 3. Links pasted into the address bar.
  const onHashChange = () => {
    const current = window.location.hash.replace(/^#/, '');
    if (current === lastWritten || current === '') return;
    if (load(current, true)) {
      lastWritten = '';
      write();
    } else {
      window.history.replaceState(window.history.state, '', `#${lastWritten}`);
    }
  };
  window.addEventListener('hashchange', onHashChange);
  window.addEventListener('pagehide', flush);
  return () => {
    flush();
    unsubscribe();
    window.removeEventListener('hashchange', onHashChange);
    window.removeEventListener('pagehide', flush);
  };
}
