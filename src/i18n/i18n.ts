/**
 * Lingui's runtime with the active locale's catalog, loaded on demand: each catalog
 * (catalogs/<locale>.json, compiled at build time by vite.config.ts's lingui-catalogs plugin) is
 * its own chunk, so a page fetches only the words of its language.
 */
import { i18n, type Messages } from '@lingui/core';
import type { Locale } from './locales.ts';

const catalogs = import.meta.glob<{ messages: Messages }>('./catalogs/*.json', { query: '?lingui' });

/** The language asked for last: a catalog that arrives after a newer request is not activated. */
let latest: Locale | null = null;

/** Loads `locale`'s catalog, makes it the active one and sets `<html lang>` (unless a newer request came meanwhile). */
export async function activateLocale(locale: Locale): Promise<void> {
  latest = locale;
  const load = catalogs[`./catalogs/${locale}.json`];
  if (!load) throw new Error(`No catalog for ${locale}.`);
  const { messages } = await load();
  if (latest !== locale) return;
  if (i18n.locale !== locale) i18n.loadAndActivate({ locale, messages });
  document.documentElement.lang = locale;
}

export { i18n };
