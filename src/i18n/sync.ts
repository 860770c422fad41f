/** Keeps the page's language in step with the store: the one chosen (in the link), else the browser's. */
import type { StoreApi } from 'zustand';
import type { State } from '../state/store.ts';
import { activateLocale, i18n } from './i18n.ts';
import { browserLocale, type Locale } from './locales.ts';

const localeOf = (s: State) => s.locale ?? browserLocale(navigator.languages);

/**
 * Loads the language's words (before the first paint), then follows switches; returns a stop. A
 * language whose words cannot be loaded leaves the one in use, and choosing it again tries again;
 * if even the first load fails, the page opens in English, or at worst showing the words' ids.
 */
export async function startLocaleSync(store: StoreApi<State>): Promise<() => void> {
  /** The language last asked of the catalogs (null after a failure: the next change retries). */
  let requested: Locale | null = null;
  const follow = async (locale: Locale) => {
    if (locale === requested) return;
    requested = locale;
    try {
      await activateLocale(locale);
    } catch (e) {
      requested = null;
      throw e;
    }
  };
  const stop = store.subscribe((s, previous) => {
    // Only a change of language loads words, not every edit or hover (after a failure, the next change retries).
    if (s.locale === previous.locale && requested !== null) return;
    follow(localeOf(s)).catch((e: unknown) => console.error('The language could not be loaded.', e));
  });
  try {
    await follow(localeOf(store.getState()));
  } catch (e) {
    console.error('The language could not be loaded.', e);
    if (!i18n.locale) await activateLocale('en').catch(() => i18n.activate('en'));
  }
  return stop;
}
