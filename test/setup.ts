import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterEach, beforeAll } from 'vitest';
import { useAppStore } from '../src/state/store.ts';
import { stopSyncs } from './helpers/syncs.ts';

beforeAll(() => {
  // jsdom has no canvas: the heatmaps' pixels are checked in the real-browser tests.
  Object.defineProperty(HTMLCanvasElement.prototype, 'getContext', { value: () => null });
});

afterEach(() => {
  cleanup();
  stopSyncs.splice(0).forEach((stop) => stop());
  useAppStore.setState(useAppStore.getInitialState(), true);
  useAppStore.temporal.getState().clear();
  localStorage.clear();
  window.history.replaceState(null, '', '/');
});
