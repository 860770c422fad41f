/**
 * The page's link as the share bar reads it: the writer that sync.ts starts registers here, so
 * that the first paint needs none of the link's code (sync.ts, the codec and deflate load after
 * it, or before it only when there is a link or a saved session to restore).
 */
import type { LinkWriter } from './linkWriter.ts';

/** Where the last session is kept. */
export const STORAGE_KEY = 'quantization-explorer/session';

/** A local-storage value, or null (also where storage is disabled: private mode, a sandboxed iframe). */
export function readStorage(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

/** Whether there is a link or a saved session to restore. */
export const somethingToRestore = (): boolean => window.location.hash.length > 1 || readStorage(STORAGE_KEY) !== null;

/** Links longer than this are hard to share (chat apps, QR codes): the share bar says so. */
export const COMFORTABLE_LINK_CHARS = 2000;

let active: LinkWriter | null = null;
let unforward: () => void = () => undefined;
const listeners = new Set<() => void>();
const notify = () => listeners.forEach((listener) => listener());

/** Makes `writer` the page's link writer (null: none); those subscribed hear its writes. */
export function setActiveWriter(writer: LinkWriter | null): void {
  unforward();
  active = writer;
  unforward = writer ? writer.subscribe(notify) : () => undefined;
  notify();
}

/** The page's writer, if the sync has started. */
export const activeWriter = (): LinkWriter | null => active;

/** Subscribes to link writes (useSyncExternalStore's subscribe), from before the sync starts too. */
export function subscribeLink(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The fragment last written, or '' before the sync has started. */
export function currentLink(): string {
  return active?.written() ?? '';
}

/** The current state's fragment, as soon as it is written (encoded off the page's thread where possible). */
export function settledLink(): Promise<string> {
  return active ? active.settle() : Promise.reject(new Error('The link is not being written on this page.'));
}
