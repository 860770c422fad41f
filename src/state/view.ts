/**
 * Which copy of the store a part of the page reads: the live store, or (for a panel the browser
 * is not rendering) the copy that catches up after the next paint. Components read state with
 * {@link useView}; actions always go to the live store.
 */
import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { Derive } from './derived/index.ts';
import { afterNextPaint, createLaggingStore, type LaggingStore, type ReadableStore } from './lagging.ts';
import { useAppStore, type State } from './store.ts';

/** A store the page can read, with its derived selectors (shared by the live store and its copy). */
export interface ViewStore extends ReadableStore<State> {
  readonly derive: Derive;
}

/** The store as of the last painted frame, for panels out of view. */
export const laggingStore: ViewStore & Pick<LaggingStore<State>, 'hold'> = {
  ...createLaggingStore(useAppStore, afterNextPaint),
  derive: useAppStore.derive,
};

/** The store the components below read; the live one unless a panel says otherwise. */
export const ViewStoreContext = createContext<ViewStore>(useAppStore);

/** Reads a slice of state from the store this part of the page shows. */
export function useView<T>(selector: (s: State) => T): T {
  return useStore(useContext(ViewStoreContext), selector);
}
