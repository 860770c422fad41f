/**
 * Lingui's runtime with the active locale's catalog, loaded on demand: each catalog
 * (catalogs/<locale>.json, compiled at build time by vite.config.ts's lingui-catalogs plugin) is
 * its own chunk, so a page fetches only the words of its language.
 */
import { i18n, type Messages } from '@lingui/core';
import type { Locale } from './locales.ts';

const catalogs = import.meta.glob<{ messages: Messages }>('./catalogs/*.json', { query: '?lingui' });

/** Loads `locale`'s catalog (once), makes it the active one and sets `<html lang>`. */
export async function activateLocale(locale: Locale): Promise<void> {
  if (i18n.locale !== locale) {
    const load = catalogs[`./catalogs/${locale}.json`];
    if (!load) throw new Error(`No catalog for ${locale}.`);
    const { messages } = await load();
    i18n.loadAndActivate({ locale, messages });
  }
  document.documentElement.lang = locale;
}

export { i18n };
