/**
 * Every word a person sees or hears is in the page's language: the whole explorer (every section,
 * its accessible names and chart descriptions) is rendered in English, then switched to Chinese
 * through the language menu, and read for words of the other language or message ids left raw.
 */
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { CHAPTER_IDS } from '../../src/lesson/chapterIds.ts';
import { useAppStore } from '../../src/state/store.ts';
import { renderApp } from '../helpers/renderApp.tsx';

/** Where words are not the page's: code, mathematics, and anything marked so (a language's own name). */
const NOT_WORDS = 'code, kbd, samp, math, script, style, [translate="no"]';
/** Attributes a screen reader or a tooltip reads out. */
const SPOKEN = [
  'aria-label',
  'aria-description',
  'aria-roledescription',
  'aria-valuetext',
  'title',
  'placeholder',
  'alt',
];

/** Every piece of text under `root` meant as words in the page's language, each with the section it is in. */
function wordsIn(root: Element): { text: string; where: string }[] {
  const out: { text: string; where: string }[] = [];
  const where = (e: Element) => {
    const region = e.closest('section[aria-labelledby], header, [role="dialog"]');
    const name = region?.getAttribute('aria-labelledby');
    return (name && document.getElementById(name)?.textContent) || region?.tagName.toLowerCase() || 'page';
  };
  // Words in another language on purpose (a language menu names each language in itself).
  const foreign = (e: Element) => e.closest('[lang]')?.getAttribute('lang') !== document.documentElement.lang;
  const skip = (e: Element) => e.closest(NOT_WORDS) !== null || foreign(e);
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const parent = n.parentElement;
    if (parent && !skip(parent) && n.textContent?.trim()) out.push({ text: n.textContent, where: where(parent) });
  }
  for (const e of root.querySelectorAll('*')) {
    if (skip(e)) continue;
    for (const a of SPOKEN) {
      const value = e.getAttribute(a);
      if (value?.trim()) out.push({ text: value, where: `${where(e)} [${a}]` });
    }
  }
  return out;
}

/**
 * English prose: two or more English words in a row (letters only, at least one a lowercase word
 * of three letters or more). Single terms a Chinese text keeps (LHS, min, S, ReLU6) pass.
 */
const ENGLISH = /\b[A-Za-z][a-z']+(?: [A-Za-z][a-z']*)+\b/g;
const englishPhrases = (text: string) =>
  [...text.matchAll(ENGLISH)].map((m) => m[0]).filter((p) => p.split(' ').some((w) => /^[a-z']{3,}$/.test(w)));
/** A message id shown raw, its words not loaded (namespace.key); file names pass. */
const RAW_ID = /\b[a-z]{2,}(?:\.[a-z][A-Za-z0-9]+)+\b/g;
const rawIds = (text: string) =>
  [...text.matchAll(RAW_ID)].map((m) => m[0]).filter((id) => !/\.(ts|cc|py|json|csv|npy|svg|png)$/.test(id));
const CJK = /[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]/;

describe('the page in one language', () => {
  it('shows no Chinese in English, and no English prose or raw message id in Chinese, in every section', async () => {
    const user = userEvent.setup();
    await renderApp();
    const english = wordsIn(document.body);
    expect(english.length).toBeGreaterThan(200);
    expect(english.filter(({ text }) => CJK.test(text))).toEqual([]);
    expect(english.flatMap(({ text, where }) => rawIds(text).map((id) => `${where}: ${id}`))).toEqual([]);

    await user.selectOptions(screen.getByLabelText('Language'), 'zh-CN');
    await vi.waitFor(() => expect(screen.getByLabelText('语言')).toHaveValue('zh-CN'), { timeout: 10_000 });
    const leaks = wordsIn(document.body).flatMap(({ text, where }) =>
      [...englishPhrases(text), ...rawIds(text)].map((p) => `${where}: “${p}” in “${text.trim().slice(0, 80)}”`),
    );
    expect([...new Set(leaks)]).toEqual([]);
  }, 60_000);

  it('shows every chapter of the lesson, its panels and the header in one language, each way', async () => {
    const user = userEvent.setup();
    useAppStore.getState().setLesson(0);
    await renderApp();
    const leaksIn = (language: 'en' | 'zh-CN') =>
      wordsIn(document.body).flatMap(({ text, where }) =>
        language === 'en'
          ? [...(CJK.test(text) ? [text] : []), ...rawIds(text)].map((p) => `${where}: “${p}”`)
          : [...englishPhrases(text), ...rawIds(text)].map((p) => `${where}: “${p}” in “${text.trim().slice(0, 80)}”`),
      );
    const walk = async (language: 'en' | 'zh-CN', next: RegExp) => {
      const leaks: string[] = [];
      for (let k = 0; k < CHAPTER_IDS.length; k++) {
        await vi.waitFor(() => expect(useAppStore.getState().lesson).toBe(k));
        // The chapter's panels are in place (each loads on demand with its words).
        await vi.waitFor(() => expect(document.querySelector('.lesson-stage .panel h2')).not.toBeNull(), {
          timeout: 10_000,
        });
        leaks.push(...leaksIn(language));
        if (k < CHAPTER_IDS.length - 1) await user.click(screen.getByRole('button', { name: next }));
      }
      return [...new Set(leaks)];
    };
    expect(await walk('en', /^Next/)).toEqual([]);
    await user.selectOptions(screen.getByLabelText('Language'), 'zh-CN');
    await vi.waitFor(() => expect(screen.getByLabelText('语言')).toHaveValue('zh-CN'), { timeout: 10_000 });
    await user.click(screen.getByRole('button', { name: /^第 1 章/ }));
    expect(await walk('zh-CN', /^下一章/)).toEqual([]);
  }, 120_000);
});
