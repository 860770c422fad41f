/**
 * Loading the words: a language whose words cannot be loaded shows English instead of ids, a
 * failed first load still opens the page, and a section loaded during a switch has its words in
 * both languages.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';

/** Catalogs that fail to load, and ones that wait for `release`: "<part>.<locale>" keys. */
const failing = new Set<string>();
const held = new Set<string>();
let release = () => {};
const gate = () => new Promise<void>((resolve) => (release = resolve));
vi.mock('virtual:lingui-catalogs', async (importOriginal) => {
  const real = await importOriginal<{ catalogs: Record<string, () => Promise<unknown>> }>();
  return {
    catalogs: Object.fromEntries(
      Object.entries(real.catalogs).map(([key, load]) => [
        key,
        async () => {
          if (held.has(key)) await gate();
          return failing.has(key) ? Promise.reject(new Error(`offline: ${key}`)) : load();
        },
      ]),
    ),
  };
});

// A fresh copy of the loader, on the catalogs above (test/setup.ts loaded the real ones).
vi.resetModules();
const { activateLocale, i18n, loadPart } = await import('../../src/i18n/i18n.ts');

afterEach(() => {
  failing.clear();
  held.clear();
});

describe('loading the words', () => {
  it("shows a part's English words when its Chinese ones cannot be loaded", async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    failing.add('gemm.zh-CN');
    await activateLocale('zh-CN');
    await loadPart('gemm');
    expect(i18n._('gemm.controls.end')).toBe('Jump to end');
    expect(i18n._('history.undo')).toBe('撤销');
  });

  it('keeps the language in use when not even English words load, and sections follow it', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    await activateLocale('en');
    failing.add('core.zh-CN').add('core.en');
    await expect(activateLocale('zh-CN')).rejects.toThrow(/offline/);
    expect(i18n.locale).toBe('en');
    failing.clear();
    await loadPart('multiplier');
    expect(i18n._('multiplier.divide.label')).toMatch(/^[\x20-\x7e]+$/);
    // Chosen again, it loads.
    await activateLocale('zh-CN');
    expect(i18n._('history.undo')).toBe('撤销');
  });

  it('gives a section loaded during a switch its words in both languages', async () => {
    await activateLocale('en');
    held.add('core.zh-CN');
    const switching = activateLocale('zh-CN');
    await loadPart('calibration');
    expect(i18n.locale).toBe('en');
    expect(i18n._('calibration.use')).toBe('Use this range');
    release();
    await switching;
    expect(i18n._('calibration.use')).toBe('使用此范围');
  });
});
