/**
 * The one place that connects the store to the address bar and to local storage:
 * - on start, restore from the link (#q1.…), else from the last session, else the example;
 *   a bad link or a damaged saved session is explained in a notice and never half-applied;
 * - while editing, the link writer (linkWriter.ts) writes the link with history.replaceState and
 *   saves the session once edits pause, and everything at once when the page is left;
 * - when another link is pasted into the address bar (hashchange), load it.
 * Playback never holds back an edit: only the playback's own steps wait until it pauses.
 */
import type { StoreApi } from 'zustand';
import type { TemporalState } from 'zundo';
import { decodeLink, encodeLink } from './codec.ts';
import { FIELDS, linkData, type DataKey, type Persisted } from './fields.ts';
import { createLinkWriter } from './linkWriter.ts';
import { activeWriter, readStorage, setActiveWriter, STORAGE_KEY } from './activeLink.ts';
import { createOffThreadEncoder } from './offThread.ts';
import type { State, Undoable } from '../state/store.ts';

export { WRITE_DELAY_MS } from './linkWriter.ts';

export { STORAGE_KEY } from './activeLink.ts';
/**
 * The tab that saved the session and the link the session was newer than: a page reloaded during
 * the quiet period (or when leaving) reloads the address as it was, one write behind the saved
 * session. Only that tab's reload restores the session (another tab may hold the same link).
 */
const SUPERSEDES_KEY = `${STORAGE_KEY}/supersedes`;
/** This tab's id, in session storage: it lives as long as the tab, across reloads. */
const TAB_KEY = `${STORAGE_KEY}/tab`;

const PERSISTED = (Object.keys(FIELDS) as DataKey[]).filter((k) => !('transient' in FIELDS[k]));

type AppStore = StoreApi<State> & { temporal: StoreApi<TemporalState<Undoable>> };

/** This tab's id (made on its first page; '' without session storage). */
function tabId(): string {
  try {
    let id = window.sessionStorage.getItem(TAB_KEY);
    if (id === null) {
      // Not crypto.randomUUID: it is missing on plain http (a classroom's address).
      id = Array.from(crypto.getRandomValues(new Uint32Array(2)), (n) => n.toString(36)).join('-');
      window.sessionStorage.setItem(TAB_KEY, id);
    }
    return id;
  } catch {
    return '';
  }
}

/** `tab link`: what the saved session supersedes, and where (the link has no spaces). */
const supersedesRecord = (tab: string, link: string) => `${tab} ${link}`;

/** Saves the session, and the link it supersedes in this tab (what the address bar held until now). */
function writeStorage(fragment: string, tab: string, supersedes: string): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, fragment);
    window.localStorage.setItem(SUPERSEDES_KEY, supersedesRecord(tab, supersedes));
  } catch {
    // Quota or disabled storage: the link still holds the state.
  }
}

/** Whether this page load reloads the page (or goes back to it) rather than opening an address. */
function isReload(): boolean {
  const entry = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
  return entry?.type === 'reload' || entry?.type === 'back_forward';
}

function writeAddressBar(fragment: string): void {
  window.history.replaceState(window.history.state, '', `#${fragment}`);
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

/** How a store change concerns the link: not at all, only as a playback step, or as an edit. */
function linkChange(s: State, prev: State): 'none' | 'step' | 'edit' {
  // Embed mode is a flag of the link; when playback pauses, the step it reached is written.
  if (s.embed !== prev.embed || (prev.playing && !s.playing)) return 'edit';
  const changed = PERSISTED.filter((k) => !Object.is(s[k], prev[k]));
  if (changed.length === 0) return 'none';
  return s.playing && changed.every((k) => k === 'step') ? 'step' : 'edit';
}

/** Starts syncing; returns a function that stops it. */
export function startPermalinkSync(store: AppStore): () => void {
  const tab = tabId();
  const encodeOffThread = createOffThreadEncoder();
  const writer = createLinkWriter({
    encodeHere: () => encodeLink(store.getState(), { embed: store.getState().embed }),
    encodeOffThread: encodeOffThread && (() => encodeOffThread(linkData(store.getState()), store.getState().embed)),
    // The storage sink runs before the writer records the new fragment: written() is still the old one.
    sinks: [writeAddressBar, (fragment) => writeStorage(fragment, tab, writer.written())],
    later: (run, ms) => {
      const timer = setTimeout(run, ms);
      return () => clearTimeout(timer);
    },
  });
  setActiveWriter(writer);

  const load = (hash: string, undoable: boolean): boolean => {
    const decoded = decodeLink(hash.replace(/^#/, ''));
    if (!decoded.ok) {
      store.getState().setNotice({ kind: 'linkRefused', problem: decoded.error.problem, keptWork: undoable });
      return false;
    }
    apply(store, decoded.state, undoable);
    store.getState().setEmbed(decoded.embed);
    return true;
  };

  // 1. Restore, and write what is shown at once (a bad link leaves the address bar). This tab's
  // reload of the address its saved session superseded restores the session: its last edits were
  // made after that address was written (a reload during the quiet period, or on leaving the page).
  const saved = readStorage(STORAGE_KEY);
  const session = saved === null ? null : decodeLink(saved);
  const hash = window.location.hash.replace(/^#/, '');
  const stale =
    session?.ok === true && hash !== '' && isReload() && readStorage(SUPERSEDES_KEY) === supersedesRecord(tab, hash);
  const fromLink = !stale && hash !== '' && load(hash, false);
  if (!fromLink && session) {
    if (session.ok) apply(store, session.state, false);
    else if (hash === '') store.getState().setNotice({ kind: 'sessionUnreadable', problem: session.error.problem });
  }
  writer.touched();
  writer.flush();

  // 2. Follow edits. Pointer moves and notices never write; playback steps wait for the pause.
  const unsubscribe = store.subscribe((s, prev) => {
    const change = linkChange(s, prev);
    if (change === 'edit') writer.changed();
    else if (change === 'step') writer.touched();
  });

  // 3. Links pasted into the address bar.
  const onHashChange = () => {
    const current = window.location.hash.replace(/^#/, '');
    if (current === writer.written() || current === '') return;
    if (!load(current, true)) writeAddressBar(writer.written());
  };
  // Leaving: the field being typed in commits its text first (a blur commits), so a value typed
  // without Enter is not lost. A phone may discard a hidden page without a pagehide: write then too.
  const leave = () => {
    if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
    writer.flush();
  };
  const onHidden = () => {
    if (document.visibilityState === 'hidden') writer.flush();
  };
  window.addEventListener('hashchange', onHashChange);
  window.addEventListener('pagehide', leave);
  document.addEventListener('visibilitychange', onHidden);
  return () => {
    writer.flush();
    writer.stop();
    unsubscribe();
    if (activeWriter() === writer) setActiveWriter(null);
    window.removeEventListener('hashchange', onHashChange);
    window.removeEventListener('pagehide', leave);
    document.removeEventListener('visibilitychange', onHidden);
  };
}
