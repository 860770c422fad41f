/**
 * Which copy of the store a part of the page reads: the live store, or (for a panel the browser
 * is not rendering) the copy that catches up after the next paint. Components read state with
 * {@link useView}; actions always go to the live store.
 */
import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import { afterNextPaint, createLaggingStore, type ReadableStore } from './lagging.ts';
import { useAppStore, type State } from './store.ts';

/** The store as of the last painted frame, for panels out of view. */
export const laggingStore: ReadableStore<State> = createLaggingStore(useAppStore, afterNextPaint);

/** The store the components below read; the live one unless a panel says otherwise. */
export const ViewStoreContext = createContext<ReadableStore<State>>(useAppStore);

/** Reads a slice of state from the store this part of the page shows. */
export function useView<T>(selector: (s: State) => T): T {
  return useStore(useContext(ViewStoreContext), selector);
}
