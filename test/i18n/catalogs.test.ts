/**
 * The message catalogs: in every language the same keys, each part's words used only where that
 * part is loaded, every key used and every id the code asks for present, the same placeholders,
 * and each language written in its own script.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../src/i18n/locales.ts';

type Catalog = Record<string, string>;
const DIR = 'src/i18n/catalogs';
/** files[part.topic][locale]: every catalog file, catalogs/<part>[.<topic>].<locale>.json. */
const files: Record<string, Record<string, Catalog>> = {};
/** The part each file is in (core.editor → core). */
const partOfFile = new Map<string, string>();
for (const file of readdirSync(DIR)) {
  const [, part, topic, locale] = /^(\w+)(?:\.(\w+))?\.([\w-]+)\.json$/.exec(file) ?? [];
  if (!part || !locale) throw new Error(`${file} is not named <part>[.<topic>].<locale>.json`);
  const name = topic ? `${part}.${topic}` : part;
  partOfFile.set(name, part);
  (files[name] ??= {})[locale] = JSON.parse(readFileSync(join(DIR, file), 'utf8')) as Catalog;
}
const names = Object.keys(files);
const parts = [...new Set(partOfFile.values())];
const all = (locale: string): Catalog => Object.assign({}, ...names.map((n) => files[n]?.[locale] ?? {})) as Catalog;
const en = all('en');
const zh = all('zh-CN');
/** Which part an id is in. */
const partOf = new Map(
  names.flatMap((n) => Object.keys(files[n]?.en ?? {}).map((id) => [id, partOfFile.get(n) ?? n] as const)),
);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}
/** The part loaded with a source file's code: its section's (components/gemm/… → gemm), else core. */
function partOfSource(path: string): string {
  const section = /components\/(\w+)\//.exec(path)?.[1] ?? (path.includes('src/lesson/') ? 'lesson' : '');
  return parts.includes(section) && section !== 'core' ? section : 'core';
}
/** Every message id the code names: quoted strings in the catalogs' namespaces (gemm.…, ch.…). */
const namespaces = [...new Set(Object.keys(en).map((id) => id.split('.')[0]))].join('|');
const idPattern = new RegExp(`'((?:${namespaces})\\.[\\w.]+)'`, 'g');
const asked = sourceFiles('src').flatMap((file) =>
  [...readFileSync(file, 'utf8').matchAll(idPattern)].map((m) => ({ id: m[1] as string, file })),
);
const placeholders = (message: string) => [...message.matchAll(/\{(\w+)/g)].map((m) => m[1]).sort();
const CJK = /[\u3400-\u9fff]/;

describe('the message catalogs', () => {
  it('has every file in every language, with the same keys, and no id in two files', () => {
    for (const name of names) {
      expect([name, Object.keys(files[name] ?? {}).sort()]).toEqual([name, [...LOCALES].sort()]);
      expect([name, Object.keys(files[name]?.['zh-CN'] ?? {}).sort()]).toEqual([
        name,
        Object.keys(files[name]?.en ?? {}).sort(),
      ]);
    }
    const count = names.reduce((n, name) => n + Object.keys(files[name]?.en ?? {}).length, 0);
    expect(Object.keys(en)).toHaveLength(count);
  });

  it('has every id the code asks for, and no id the code never uses', () => {
    const missing = asked.filter(({ id }) => !(id in en)).map(({ id, file }) => `${file}: ${id}`);
    const used = new Set(asked.map(({ id }) => id));
    const unused = Object.keys(en).filter((id) => !used.has(id));
    expect({ missing, unused }).toEqual({ missing: [], unused: [] });
  });

  it("asks for a part's words only in code that loads with that part (or core's anywhere)", () => {
    const elsewhere = asked
      .filter(({ id, file }) => partOf.has(id) && partOf.get(id) !== 'core' && partOf.get(id) !== partOfSource(file))
      .map(({ id, file }) => `${basename(file)}: ${id} (${partOf.get(id)})`);
    expect(elsewhere).toEqual([]);
  });

  it('gives each message the same placeholders in both languages', () => {
    for (const id of Object.keys(en)) {
      expect([id, placeholders(zh[id] ?? '')]).toEqual([id, placeholders(en[id] ?? '')]);
    }
  });

  it('writes Chinese in Chinese and English in English (no message left untranslated)', () => {
    // English words outside the placeholders (placeholders, signs and acronyms such as SVG need none).
    const words = (m: string) => /[a-z]{2,}/.test(m.replace(/\{[^{}]*\}/g, ''));
    expect(Object.entries(zh).filter(([, m]) => !CJK.test(m) && words(m))).toEqual([]);
    expect(Object.entries(en).filter(([, m]) => CJK.test(m))).toEqual([]);
  });
});
