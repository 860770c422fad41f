/**
 * Writes the state's link to the address bar and to local storage, as a small state machine:
 *
 *     idle ──change──▶ scheduled ──quiet for WRITE_DELAY_MS──▶ encoding ──encoded──▶ writing ──▶ idle
 *
 * - change: the persisted state changed; a burst of changes makes one write (the timer restarts).
 * - encoding: the state is encoded in a worker (tens of milliseconds for big matrices), or, with no
 *   worker or a failed one, on the page in a task of its own. A change meanwhile is remembered and
 *   written after this write.
 * - writing: the address bar, then storage, each in a task of its own (each takes tens of ms for
 *   a long link).
 * - flush (the page is being left): whatever is unwritten is encoded and written at once, here.
 * - stale: a change not worth writing now (a playback step) is only remembered, so that a flush
 *   or the next write still includes it.
 */

/** Where the writer is. */
export type WriterPhase =
  | { readonly kind: 'idle' }
  | { readonly kind: 'scheduled' }
  | { readonly kind: 'encoding'; readonly id: number; readonly dirty: boolean }
  | { readonly kind: 'writing'; readonly fragment: string; readonly done: number; readonly dirty: boolean };

/** What the writer does to the world (the page's, or a test's stand-ins). */
export interface WriterEffects {
  /** The current state's link fragment, encoded on this thread. */
  encodeHere(): string;
  /** Encodes the current state in a worker; null where there is none. */
  readonly encodeOffThread: (() => Promise<string>) | null;
  /** The two writes, in order. */
  readonly sinks: readonly ((fragment: string) => void)[];
  /** Runs `run` after `ms` milliseconds (0: as a task of its own); returns a cancel function. */
  later(run: () => void, ms: number): () => void;
}

/** Milliseconds of quiet before the link is written. */
export const WRITE_DELAY_MS = 250;

/** The link writer of one page. */
export interface LinkWriter {
  /** The persisted state changed: write it once changes pause. */
  changed(): void;
  /** The persisted state changed, but it need not be written now (a flush will). */
  touched(): void;
  /** Writes whatever is unwritten, at once, on this thread. */
  flush(): void;
  /** The last fragment written to both sinks ('' before the first). */
  written(): string;
  /**
   * The current state's fragment once it is written (at once when nothing is pending, else as
   * soon as every change so far is written, without the quiet period).
   */
  settle(): Promise<string>;
  /** Called after each completed write. */
  subscribe(listener: () => void): () => void;
  readonly phase: () => WriterPhase;
  /** Stops the timers (the writes not yet made are dropped). */
  stop(): void;
}

/** A link writer over `effects`. */
export function createLinkWriter(effects: WriterEffects): LinkWriter {
  let phase: WriterPhase = { kind: 'idle' };
  let stale = false;
  let written = '';
  let cancel: () => void = () => undefined;
  let requests = 0;
  const listeners = new Set<() => void>();
  /** settle() calls waiting for the current state to be written; while any wait, there is no quiet period. */
  let waiters: ((fragment: string) => void)[] = [];

  /** Resolves the waiters once everything is written. */
  const settled = () => {
    if (phase.kind !== 'idle' || stale) return;
    const done = waiters;
    waiters = [];
    done.forEach((resolve) => resolve(written));
  };

  const go = (next: WriterPhase) => {
    phase = next;
  };

  const schedule = () => {
    cancel();
    go({ kind: 'scheduled' });
    cancel = effects.later(encode, waiters.length > 0 ? 0 : WRITE_DELAY_MS);
  };

  /** scheduled → encoding: in a worker, else on the page in a task of its own. */
  const encode = () => {
    const id = ++requests;
    stale = false;
    go({ kind: 'encoding', id, dirty: false });
    const onThisThread = () => {
      cancel = effects.later(() => encoded(id, effects.encodeHere()), 0);
    };
    if (!effects.encodeOffThread) {
      onThisThread();
      return;
    }
    effects.encodeOffThread().then(
      (fragment) => encoded(id, fragment),
      () => {
        if (phase.kind === 'encoding' && phase.id === id) onThisThread();
      },
    );
  };

  /** encoding → writing (a reply to an older request, or after a flush, is dropped). */
  const encoded = (id: number, fragment: string) => {
    if (phase.kind !== 'encoding' || phase.id !== id) return;
    if (fragment === written) {
      // Nothing new to write (an edit undone, playback paused where it was written).
      if (phase.dirty) schedule();
      else {
        go({ kind: 'idle' });
        settled();
      }
      return;
    }
    go({ kind: 'writing', fragment, done: 0, dirty: phase.dirty });
    writeStep();
  };

  /**
   * writing: one sink per task, then idle, or scheduled again if the state changed meanwhile (read
   * when the last sink is done: a change may come between two sinks).
   */
  const writeStep = () => {
    if (phase.kind !== 'writing') return;
    const { fragment, done } = phase;
    cancel = effects.later(() => {
      if (phase.kind !== 'writing' || phase.fragment !== fragment) return;
      effects.sinks[done]?.(fragment);
      if (done + 1 < effects.sinks.length) {
        go({ ...phase, done: done + 1 });
        writeStep();
        return;
      }
      finish(fragment);
      if (phase.dirty) schedule();
      else {
        go({ kind: 'idle' });
        settled();
      }
    }, 0);
  };

  const subscribe = (listener: () => void) => {
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  };

  const finish = (fragment: string) => {
    written = fragment;
    listeners.forEach((listener) => listener());
  };

  return {
    changed() {
      if (phase.kind === 'encoding') go({ ...phase, dirty: true });
      else if (phase.kind === 'writing') go({ ...phase, dirty: true });
      else schedule();
    },
    touched() {
      stale = true;
    },
    flush() {
      if (phase.kind === 'idle' && !stale) return;
      cancel();
      const unfinished = phase.kind === 'writing' && !phase.dirty && !stale ? phase : null;
      const fragment = unfinished ? unfinished.fragment : effects.encodeHere();
      const from = unfinished ? unfinished.done : 0;
      stale = false;
      go({ kind: 'idle' });
      if (fragment !== written) {
        effects.sinks.slice(from).forEach((sink) => sink(fragment));
        finish(fragment);
      }
      settled();
    },
    written: () => written,
    settle() {
      if (phase.kind === 'idle' && !stale) return Promise.resolve(written);
      const promise = new Promise<string>((resolve) => waiters.push(resolve));
      // Encode now; a write in progress is followed at once (no quiet period) by any newer state.
      if (phase.kind === 'idle' || phase.kind === 'scheduled') {
        cancel();
        encode();
      }
      return promise;
    },
    subscribe,
    phase: () => phase,
    stop() {
      cancel();
      go({ kind: 'idle' });
      stale = false;
      settled();
    },
  };
}
