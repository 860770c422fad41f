/**
 * The message catalogs: the same keys in every language, every key used and every id the code
 * asks for present, the same placeholders, and each language written in its own script.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import en from '../../src/i18n/catalogs/en.json';
import zh from '../../src/i18n/catalogs/zh-CN.json';
import { LOCALES } from '../../src/i18n/locales.ts';

const catalogs: Record<string, Record<string, string>> = { en, 'zh-CN': zh };

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}
const source = sourceFiles('src')
  .map((f) => readFileSync(f, 'utf8'))
  .join('\n');
/** Every message id the code names: quoted strings in the catalogs' namespaces (lesson.…, ch.…). */
const namespaces = [...new Set(Object.keys(en).map((id) => id.split('.')[0]))].join('|');
const asked = new Set(
  [...source.matchAll(new RegExp(`'((?:${namespaces})\\.[\\w.]+)'`, 'g'))].map((m) => m[1] as string),
);
const placeholders = (message: string) => [...message.matchAll(/\{(\w+)/g)].map((m) => m[1]).sort();
const CJK = /[\u3400-\u9fff]/;

describe('the message catalogs', () => {
  it('has a catalog for every language, with the same keys', () => {
    expect(Object.keys(catalogs).sort()).toEqual([...LOCALES].sort());
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
  });

  it('has every id the code asks for, and no id the code never uses', () => {
    const missing = [...asked].filter((id) => !(id in en));
    const unused = Object.keys(en).filter((id) => !asked.has(id));
    expect({ missing, unused }).toEqual({ missing: [], unused: [] });
  });

  it('gives each message the same placeholders in both languages', () => {
    for (const id of Object.keys(en)) {
      expect([id, placeholders(zh[id as keyof typeof zh])]).toEqual([id, placeholders(en[id as keyof typeof en])]);
    }
  });

  it('writes Chinese in Chinese and English in English (no message left untranslated)', () => {
    expect(Object.entries(zh).filter(([, m]) => !CJK.test(m))).toEqual([]);
    expect(Object.entries(en).filter(([, m]) => CJK.test(m))).toEqual([]);
  });
});
