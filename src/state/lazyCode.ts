/**
 * Code the first paint does without, loaded once on demand. Whoever needs it asks for it; each
 * store that listens re-derives its views when it arrives.
 */
export interface LazyCode<T> {
  /** The code, once loaded. */
  readonly get: () => T | null;
  /** Loads the code (once); resolves when it is here. */
  readonly load: () => Promise<T>;
  /** Calls `listener` when the code arrives; returns how to stop. */
  readonly subscribe: (listener: () => void) => () => void;
}

export function lazyCode<T>(importer: () => Promise<T>): LazyCode<T> {
  let code: T | null = null;
  let pending: Promise<T> | null = null;
  const listeners = new Set<() => void>();
  return {
    get: () => code,
    // A load that failed (a network blip) is tried again the next time it is asked for.
    load: () =>
      (pending ??= importer().then(
        (m) => {
          code = m;
          for (const listener of listeners) listener();
          return m;
        },
        (error: unknown) => {
          pending = null;
          throw error;
        },
      )),
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
