/**
 * The lesson in Chromium as a lecturer and a student use it: walked with the keyboard end to end in
 * both languages, a task done and confirmed, axe in each language and on a phone, no sideways scroll.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import en from '../../src/i18n/catalogs/lesson.en.json';
import zh from '../../src/i18n/catalogs/lesson.zh-CN.json';
import { CHAPTER_IDS } from '../../src/lesson/chapterIds.ts';
import { decodeLink } from '../../src/permalink/codec.ts';
import { seriousViolations } from './axe.ts';
import { canRunBrowser, openPage, useSession } from './browser.ts';

const titles = (catalog: Record<string, string>) => CHAPTER_IDS.map((id) => catalog[`ch.${id}.title`]);
const chapterTitle = (page: Page) => page.locator('#lesson-title').textContent();

describe.runIf(canRunBrowser)('the lesson in Chromium', () => {
  const current = useSession();

  it('is walked with the keyboard end to end in English and in Chinese, with a task done on the way', async () => {
    const errors: string[] = [];
    const page = await openPage(current(), '', errors);
    await page.setViewportSize({ width: 1280, height: 720 });
    const start = page.getByRole('button', { name: 'Start the lesson' });
    await start.focus();
    await page.keyboard.press('Enter');
    expect(await chapterTitle(page)).toBe(en['ch.why.title']);
    // Chapter 1's task, with the keyboard: the cell, a value, Enter; then back out of the grid.
    await page.getByRole('textbox', { name: 'LHS row 1, column 1' }).focus();
    await page.keyboard.type('1.5');
    await page.keyboard.press('Enter');
    const task = page.locator('.lesson-tasks li').first();
    await expect.poll(() => task.textContent()).toContain('(Done)');
    await expect.poll(() => page.locator('.lesson-tasks [role=status]').textContent()).toContain('Done:');
    await page.locator('#lesson-title').focus();
    // Every clicker key, to the last chapter and back to the first.
    const seen = [await chapterTitle(page)];
    for (const key of ['ArrowRight', 'PageDown', 'Space', 'ArrowRight', 'PageDown', 'Space', 'ArrowRight']) {
      await page.keyboard.press(key);
      await expect.poll(() => chapterTitle(page)).not.toBe(seen[seen.length - 1]);
      seen.push(await chapterTitle(page));
    }
    expect(seen).toEqual(titles(en));
    for (let k = 0; k < 7; k++) await page.keyboard.press(k % 2 ? 'PageUp' : 'ArrowLeft');
    await expect.poll(() => chapterTitle(page)).toBe(en['ch.why.title']);
    expect(await seriousViolations(page)).toEqual([]);
    // The same walk in Chinese, chosen from the language menu.
    await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
    await expect.poll(() => chapterTitle(page)).toBe(zh['ch.why.title']);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    await page.locator('#lesson-title').focus();
    const seenZh = [await chapterTitle(page)];
    for (let k = 0; k < 7; k++) {
      await page.keyboard.press('PageDown');
      await expect.poll(() => chapterTitle(page)).not.toBe(seenZh[seenZh.length - 1]);
      seenZh.push(await chapterTitle(page));
    }
    expect(seenZh).toEqual(titles(zh));
    expect(await seriousViolations(page)).toEqual([]);
    // The link (written once the keys pause) reopens the same chapter in the same language.
    const linked = () => {
      const d = decodeLink(page.url().slice(page.url().indexOf('#') + 1));
      return d.ok ? [d.state.lesson, d.state.locale] : null;
    };
    await expect.poll(linked).toEqual([7, 'zh-CN']);
    const url = page.url();
    const again = await openPage(current(), url.slice(url.indexOf('#')), errors);
    await again.locator('#lesson-title').waitFor();
    expect(await chapterTitle(again)).toBe(zh['ch.ranges.title']);
    expect(errors).toEqual([]);
  });

  it('fits a phone: no sideways scroll in any chapter, tap targets of 44 px, axe clean', async () => {
    const page = await openPage(current(), '', [], {
      viewport: { width: 390, height: 844 },
      hasTouch: true,
      isMobile: true,
    });
    await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
    await page.getByRole('button', { name: '开始课程' }).tap();
    for (let k = 1; k <= CHAPTER_IDS.length; k++) {
      await page.getByRole('button', { name: new RegExp(`^第 ${k} 章：`) }).tap();
      await expect.poll(() => chapterTitle(page)).toBe(titles(zh)[k - 1]);
      await page.waitForTimeout(300);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(390);
    }
    const small = await page.evaluate(
      () =>
        [...document.querySelectorAll('.lesson-nav button')]
          .map((b) => b.getBoundingClientRect())
          .filter((r) => r.width < 44 || r.height < 44).length,
    );
    expect(small).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('presents at 1280×720: numbers of at least 24 px, high contrast, chrome hidden, keyboard only, Escape leaves', async () => {
    const page = await openPage(current(), '');
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.getByRole('button', { name: 'Start the lesson' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Presenter mode' }).focus();
    await page.keyboard.press('Enter');
    await page.locator('.app.presenter').waitFor();
    await page.getByRole('navigation', { name: 'Lesson' }).waitFor();
    // The share bar and the undo buttons are out of the way; the lesson's own navigation stays.
    expect(await page.getByRole('button', { name: 'Copy link' }).isVisible()).toBe(false);
    expect(await page.getByRole('navigation', { name: 'Lesson' }).isVisible()).toBe(true);
    const px = (selector: string) =>
      page.evaluate(
        (sel) => [...document.querySelectorAll(sel)].map((e) => parseFloat(getComputedStyle(e).fontSize)),
        selector,
      );
    // Chapter 3: the grid's numbers and the parameter card's.
    await page.locator('#lesson-title').focus();
    await page.keyboard.press('PageDown');
    await page.keyboard.press('PageDown');
    await expect.poll(() => chapterTitle(page)).toBe(en['ch.minmax.title']);
    const cells = await px('.cell input');
    expect(cells.length).toBeGreaterThan(0);
    expect(Math.min(...cells)).toBeGreaterThanOrEqual(24);
    // Every number written on the stage (not the charts' scaled drawings): text with a digit.
    const numbers = await page.evaluate(() =>
      [...document.querySelectorAll('.lesson-stage *, .lesson-chapter *')]
        .filter((e) => e.children.length === 0 && !e.closest('svg') && /\d/.test(e.textContent))
        .filter((e) => (e as HTMLElement).offsetParent !== null)
        .map((e) => [e.textContent.slice(0, 30), parseFloat(getComputedStyle(e).fontSize)] as const),
    );
    expect(numbers.length).toBeGreaterThan(20);
    expect(numbers.filter(([, size]) => size < 24)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(1280);
    expect(await seriousViolations(page)).toEqual([]);
    await page.locator('#lesson-title').focus();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('.app.presenter').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Copy link' }).isVisible()).toBe(true);
  });

  it('presents the explorer one section at a time in Chinese at 1920×1080: clicker keys, numbers ≥ 24 px, axe', async () => {
    const page = await openPage(current(), '');
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
    await page.getByRole('button', { name: '演示模式' }).focus();
    await page.keyboard.press('Enter');
    const nav = page.getByRole('navigation', { name: '各节' });
    await nav.waitFor();
    const sections = () => page.locator('main section.panel:visible > h2').allTextContents();
    expect(await sections()).toEqual([expect.stringMatching(/^1 · /)]);
    // The clicker's keys: → turns the section, and the new one is read from its title at the top.
    for (let k = 2; k <= 9; k++) {
      await page.keyboard.press('ArrowRight');
      // Sections 3–9 load in one chunk group after the first paint; under a full test run on two
      // cores that can take a few seconds, so the first of them is given time to arrive.
      await expect.poll(sections, { timeout: 10_000 }).toEqual([expect.stringMatching(new RegExp(`^${k} · `))]);
      await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toMatch(new RegExp(`^${k} · `));
      expect(await page.evaluate(() => window.scrollY)).toBe(0);
    }
    // PageDown scrolls a section taller than the screen before it turns the page.
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await expect.poll(sections).toEqual([expect.stringMatching(/^7 · /)]);
    const tall = await page.evaluate(() => document.documentElement.scrollHeight > window.innerHeight + 1);
    expect(tall).toBe(true);
    await page.keyboard.press('PageDown');
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
    expect(await sections()).toEqual([expect.stringMatching(/^7 · /)]);
    await nav.getByRole('button', { name: '第 5 节' }).click();
    await expect.poll(sections).toEqual([expect.stringMatching(/^5 · /)]);
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    const small = await page.evaluate(() =>
      [...document.querySelectorAll('main .panel *')]
        .filter((e) => e.children.length === 0 && !e.closest('svg') && /\d/.test(e.textContent))
        .filter((e) => (e as HTMLElement).offsetParent !== null)
        .map((e) => [e.textContent.slice(0, 30), parseFloat(getComputedStyle(e).fontSize)] as const)
        .filter(([, size]) => size < 24),
    );
    expect(small).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(1920);
    expect(await seriousViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('main section.panel:visible').count()).toBe(9);
    // Back on the whole page, where section 5 is.
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
  });
});
