/**
 * The offline app's state (src/app/offline.ts sets it): whether everything is stored for use
 * without a network, and a waiting new version, applied only when the person asks.
 */
import { create } from 'zustand';

export interface OfflineState {
  /** The app is precached: it opens without a network from now on (said once). */
  readonly offlineReady: boolean;
  /** A new version is waiting: this reloads into it (the session is saved on the way). */
  readonly update: (() => void) | null;
}

export const useOffline = create<OfflineState>()(() => ({ offlineReady: false, update: null }));
