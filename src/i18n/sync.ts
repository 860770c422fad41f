/** Keeps the page's language in step with the store: the one chosen (in the link), else the browser's. */
import type { StoreApi } from 'zustand';
import type { State } from '../state/store.ts';
import { activateLocale } from './i18n.ts';
import { browserLocale } from './locales.ts';

const localeOf = (s: State) => s.locale ?? browserLocale(navigator.languages);

/** Loads the language's words (before the first paint), then follows switches; returns a stop. */
export async function startLocaleSync(store: StoreApi<State>): Promise<() => void> {
  await activateLocale(localeOf(store.getState()));
  return store.subscribe((s, previous) => {
    if (s.locale !== previous.locale) {
      activateLocale(localeOf(s)).catch((e: unknown) => console.error('The language could not be loaded.', e));
    }
  });
}
