/// <reference types="vitest/config" />
import { readFileSync } from 'node:fs';
import { compileMessageOrThrow } from '@lingui/message-utils/compileMessage';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * The production page forbids inline and remote scripts. Only in the build: the dev server's
 * React refresh preamble is an inline script.
 */
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

function contentSecurityPolicy(): Plugin {
  return {
    name: 'content-security-policy',
    apply: 'build',
    transformIndexHtml: () => [
      { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CSP }, injectTo: 'head-prepend' },
    ],
  };
}

/**
 * Message catalogs (src/i18n/catalogs/<part>.<locale>.json: id → ICU message) imported with `?lingui`
 * become modules of Lingui's compiled messages, so the page ships neither the ICU parser nor the
 * other locales' words. A message that is not valid ICU fails the build, naming it.
 */
function linguiCatalogs(): Plugin {
  const PREFIX = '\0lingui-catalog:';
  return {
    name: 'lingui-catalogs',
    enforce: 'pre',
    async resolveId(source, importer) {
      if (!source.endsWith('.json?lingui')) return null;
      const resolved = await this.resolve(source.slice(0, -'?lingui'.length), importer, { skipSelf: true });
      // Not ending in .json: Vite's JSON plugin leaves the compiled module alone.
      return resolved && `${PREFIX}${resolved.id}.js`;
    },
    load(id) {
      if (!id.startsWith(PREFIX)) return null;
      const file = id.slice(PREFIX.length, -'.js'.length);
      this.addWatchFile(file);
      const source = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
      const compiled = Object.fromEntries(
        Object.entries(source).map(([key, message]) => {
          try {
            return [key, compileMessageOrThrow(message)];
          } catch (e) {
            throw new Error(`${file}: message "${key}" is not valid ICU: ${String(e)}`, { cause: e });
          }
        }),
      );
      return `export const messages = ${JSON.stringify(compiled)};`;
    },
  };
}

/**
 * Modules only the sections and tools loaded on demand use: they stay in their own chunks, and
 * everything else goes into one first chunk (Rolldown would otherwise cut the first paint's code
 * into a chunk per set of importers: 19 files, 4 KB more gzipped). A module used only on demand
 * but missing here lands in the first chunk: `npm run bench:ui` reports the initial JavaScript.
 */
const LAZY_MODULES =
  /components\/(heatmap|histogram|gemm|multiplier|calibration|training|lesson|export)\/|src\/(training|export)\/|lesson\/chapters|catalogs|Worker|node_modules\/(d3-|fflate)|viz\/(heatmap|histogram|linear|colour|color)|node_modules\/(qrcode|dijkstrajs)|QrCode|SchemePicker|WholeField|NumberField|state\/calibration\.ts|compareMethods|roundingModes/;

// One config for the app, the unit/component tests (jsdom) and the real-browser tests (node,
// driving Debian's Chromium through playwright-core against the production build).
export default defineConfig({
  plugins: [react(), contentSecurityPolicy(), linguiCatalogs()],
  base: './',
  build: {
    target: 'es2022',
    sourcemap: true,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            {
              // What the first paint needs, in one file rather than a chunk per set of importers.
              name: 'app',
              test: (id: string) => !LAZY_MODULES.test(id),
            },
          ],
        },
      },
    },
  },
  preview: { port: 4173, strictPort: true },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'jsdom',
          include: ['test/**/*.test.{ts,tsx}'],
          exclude: ['test/e2e/**'],
          setupFiles: ['test/setup.ts'],
          // Rendering the whole page takes seconds on a busy 2-core machine (CI runs everything at once).
          testTimeout: 20_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
