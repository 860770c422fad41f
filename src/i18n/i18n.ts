/**
 * Lingui's runtime with the active locale's words, loaded on demand. The words come in parts
 * (catalogs/<part>.<locale>.json, or several files catalogs/<part>.<topic>.<locale>.json; compiled
 * at build time by vite.config.ts's lingui-catalogs plugin), each part and language one chunk: the
 * first paint needs only `core`, and a section loaded on demand brings its own part (see
 * `withWords`), in the page's language only.
 */
import { i18n, type Messages } from '@lingui/core';
import { catalogs } from 'virtual:lingui-catalogs';
import type { Locale } from './locales.ts';

/** The parts of the catalogs: `core` for the first paint, the others with the code that shows them. */
export type Part =
  | 'core'
  | 'params'
  | 'link'
  | 'lesson'
  | 'export'
  | 'heatmap'
  | 'histogram'
  | 'gemm'
  | 'multiplier'
  | 'calibration'
  | 'training'
  | 'model'
  | 'formats';

/** The parts the page has asked for: a language switch loads all of them in the new language. */
const wanted = new Set<Part>(['core']);
/** The language asked for last: words that arrive after a newer request are not activated. */
let latest: Locale | null = null;

async function wordsOf(part: Part, locale: Locale): Promise<Messages> {
  const load = catalogs[`${part}.${locale}`];
  if (!load) throw new Error(`No catalog ${part} for ${locale}.`);
  return (await load()).messages;
}

/** A part's words in `locale`, or, when they cannot be loaded, in English (never the ids on screen). */
async function wordsOrEnglish(part: Part, locale: Locale): Promise<Messages> {
  try {
    return await wordsOf(part, locale);
  } catch (e) {
    if (locale === 'en') throw e;
    console.error(`The words of ${part} in ${locale} could not be loaded; showing English.`, e);
    return wordsOf(part, 'en');
  }
}

/**
 * Loads `locale`'s words (every part asked for so far), makes it the active language and sets
 * `<html lang>`, unless a newer request came meanwhile. Rejects (the language in use stays) when
 * not even the English words of a part could be loaded.
 */
export async function activateLocale(locale: Locale): Promise<void> {
  latest = locale;
  let parts: Messages[];
  try {
    parts = await Promise.all([...wanted].map((part) => wordsOrEnglish(part, locale)));
  } catch (e) {
    // Sections loaded from now on follow the language in use, not the one that failed.
    if (latest === locale) latest = (i18n.locale as Locale | '') || null;
    throw e;
  }
  if (latest !== locale) return;
  i18n.load(locale, Object.assign({}, ...parts) as Messages);
  if (i18n.locale !== locale) i18n.activate(locale);
  document.documentElement.lang = locale;
}

/**
 * Loads one part's words in the page's language (and keeps it asked for, for later switches);
 * during a switch, in the language shown until it ends too. Resolves once they are in the catalog
 * of the language active by then.
 */
export async function loadPart(part: Part): Promise<void> {
  wanted.add(part);
  const shown = (i18n.locale as Locale | '') || null;
  if (shown !== null && shown !== latest) i18n.load(shown, await wordsOrEnglish(part, shown));
  // A switch that started before this part was wanted did not load it: follow `latest` until it holds still.
  for (let locale = latest; locale !== null;) {
    const messages = await wordsOrEnglish(part, locale);
    i18n.load(locale, messages);
    if (latest === locale) return;
    locale = latest;
  }
}

/** A module loaded on demand together with its part of the words (for React's `lazy`). */
export async function withWords<T>(part: Part, load: () => Promise<T>): Promise<T> {
  // Words that cannot be loaded at all leave their ids on screen, not a blank section.
  const [module] = await Promise.all([
    load(),
    loadPart(part).catch((e: unknown) => console.error(`The words of ${part} could not be loaded.`, e)),
  ]);
  return module;
}

export { i18n };
