import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterEach, beforeAll } from 'vitest';
import { activateLocale, i18n } from '../src/i18n/i18n.ts';
import { useOffline } from '../src/app/offlineStore.ts';
import { useAppStore } from '../src/state/store.ts';
import { stopSyncs } from './helpers/syncs.ts';

beforeAll(async () => {
  // jsdom has no canvas: the heatmaps' pixels are checked in the real-browser tests.
  Object.defineProperty(HTMLCanvasElement.prototype, 'getContext', { value: () => null });
  // Words are worded in the page's language: English unless a test switches.
  await activateLocale('en');
});

afterEach(async () => {
  cleanup();
  stopSyncs.splice(0).forEach((stop) => stop());
  useAppStore.setState(useAppStore.getInitialState(), true);
  useOffline.setState(useOffline.getInitialState(), true);
  useAppStore.temporal.getState().clear();
  localStorage.clear();
  window.history.replaceState(null, '', '/');
  if (i18n.locale !== 'en') await activateLocale('en');
});
