/// <reference types="vitest/config" />
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { compileMessageOrThrow } from '@lingui/message-utils/compileMessage';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { webManifest } from './src/app/webManifest.ts';
import { watModuleSource } from './test/helpers/wat.mjs';

/**
 * The production page forbids inline and remote scripts. Only in the build: the dev server's
 * React refresh preamble is an inline script.
 */
const CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
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
 * The service worker and the manifests (see src/app/offline.ts): every file of the build is
 * precached (the lazy sections, both languages' words, the digits, the bundled models), so a
 * visit without a network opens the app, every section and any link; a new version waits until
 * the person chooses "Reload to update". The page registers the worker itself, after the first
 * paint (no inline script: the CSP forbids it).
 */
function offline(): Plugin[] {
  const zh: Plugin = {
    name: 'manifest-zh-CN',
    apply: 'build',
    generateBundle() {
      this.emitFile({
        type: 'asset',
        fileName: 'manifest.zh-CN.webmanifest',
        source: JSON.stringify(webManifest('zh-CN')),
      });
    },
  };
  return [
    zh,
    ...VitePWA({
      registerType: 'prompt',
      injectRegister: false,
      manifest: webManifest('en'),
      // The icons are in the globbed files already.
      includeManifestIcons: false,
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest,tflite,gz}'],
        // Links open offline too: any navigation in scope gets the app's page.
        navigateFallback: 'index.html',
        cleanupOutdatedCaches: true,
        // The first visit's page is controlled at once, so that a later version can take it over
        // (when the person asks) without a first reload.
        clientsClaim: true,
        // The 2 MiB default: the largest file precached (the first chunk) is about 300 KB.
        maximumFileSizeToCacheInBytes: 2 * 1024 * 1024,
      },
    }),
  ];
}

/** `import bytes from './x.wat'`: the WebAssembly text compiled by wabt, as base64 (test/helpers/wat.mjs). */
function wat(): Plugin {
  return {
    name: 'wat',
    load(id) {
      if (!id.endsWith('.wat')) return null;
      this.addWatchFile(id);
      return watModuleSource(id);
    },
  };
}

const CATALOGS = 'src/i18n/catalogs';
/** The app's own sources (not a dependency's src/ folder). */
const SRC = `${resolve('src')}/`;
/** catalogs/<part>[.<topic>].<locale>.json */
const CATALOG_FILE = /^(\w+)(?:\.\w+)?\.([\w-]+)\.json$/;

/** Every catalog file, grouped by part and locale ("core.en" → its files). */
function catalogFiles(): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const file of readdirSync(CATALOGS).sort()) {
    const [, part, locale] = CATALOG_FILE.exec(file) ?? [];
    if (!part || !locale) throw new Error(`${CATALOGS}/${file} is not named <part>[.<topic>].<locale>.json`);
    const key = `${part}.${locale}`;
    groups.set(key, [...(groups.get(key) ?? []), resolve(CATALOGS, file)]);
  }
  return groups;
}

/**
 * The message catalogs (src/i18n/catalogs/<part>[.<topic>].<locale>.json: id → ICU message) as
 * `virtual:lingui-catalogs`: a loader per part and locale, each one chunk of Lingui's compiled
 * messages (every topic file of the part merged), so the page ships neither the ICU parser nor
 * other languages' or sections' words. A message that is not valid ICU fails the build, naming it.
 * In the production build the ids become short keys in the catalogs and in the code alike (as
 * Lingui's own macro hashes them): the words' chunks and the first chunk carry no long ids.
 */
function linguiCatalogs(): Plugin {
  const LOADERS = '\0virtual:lingui-catalogs';
  const PART = '\0lingui-part:';
  let short: Map<string, string> | null = null;
  return {
    name: 'lingui-catalogs',
    enforce: 'pre',
    configResolved(config) {
      if (config.command !== 'build') return;
      const ids = [...catalogFiles().entries()]
        .filter(([key]) => key.endsWith('.en'))
        .flatMap(([, files]) => files.flatMap((f) => Object.keys(JSON.parse(readFileSync(f, 'utf8')) as object)));
      short = new Map(ids.sort().map((id, k) => [id, k.toString(36)]));
    },
    resolveId(source) {
      if (source === 'virtual:lingui-catalogs') return LOADERS;
      return source.startsWith(PART) ? source : null;
    },
    load(id) {
      if (id === LOADERS) {
        // The chunk is named after the virtual module: part_locale (core_en, gemm_zh-CN).
        const entries = [...catalogFiles().keys()].map(
          (key) => `${JSON.stringify(key)}: () => import(${JSON.stringify(PART + key.replace('.', '_'))})`,
        );
        return `export const catalogs = {${entries.join(',')}};`;
      }
      if (!id.startsWith(PART)) return null;
      const files = catalogFiles().get(id.slice(PART.length).replace('_', '.')) ?? [];
      const compiled: Record<string, unknown> = {};
      for (const file of files) {
        this.addWatchFile(file);
        for (const [key, message] of Object.entries(JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>)) {
          try {
            compiled[short?.get(key) ?? key] = compileMessageOrThrow(message);
          } catch (e) {
            throw new Error(`${file}: message "${key}" is not valid ICU: ${String(e)}`, { cause: e });
          }
        }
      }
      return `export const messages = ${JSON.stringify(compiled)};`;
    },
    transform(code, id) {
      if (!short || !id.startsWith(SRC) || !/\.tsx?$/.test(id)) return null;
      const ids = short;
      // Ids are always written as whole single-quoted literals (test/i18n/catalogs.test.ts reads them so).
      const out = code.replace(/'([a-z]\w*(?:\.\w+)+)'/g, (literal, name: string) => {
        const key = ids.get(name);
        return key === undefined ? literal : `'${key}'`;
      });
      return out === code ? null : { code: out, map: null };
    },
  };
}

/**
 * Modules only the sections and tools loaded on demand use: they stay in their own chunks, and
 * everything else goes into one first chunk (Rolldown would otherwise cut the first paint's code
 * into a chunk per set of importers: 19 files, 4 KB more gzipped). A module used only on demand
 * but missing here lands in the first chunk: `npm run bench:ui` reports the initial JavaScript.
 */
const PIPELINE_MODULES =
  /state\/derived\/pipeline\.ts|engine\/(quantizedMatMul|resultReal|stepTrace|integerMatMul|requantize|floatMatMul|simd|fixedPoint|epilogue|multiplier|int64)\./;

const LAZY_MODULES =
  /components\/(link|params|heatmap|histogram|gemm|multiplier|calibration|training|lesson|export|presenter|model|formats)\/|src\/(training\/(?!settings)|export\/|models\/)|src\/formats\/(?!names)|state\/derived\/format\.ts|engine\/kernels\/|node_modules\/(flatbuffers|@bufbuild|@dagrejs)\/|lesson\/chapters|lingui-part|Worker|node_modules\/(d3-|fflate)|viz\/(heatmap|histogram|linear|colour|color)|node_modules\/(qrcode|dijkstrajs)|app\/offline\.ts|pwa-register|workbox-window|QrCode|SchemePicker|problemText|common\/(Problem|FailureText)\.tsx|WholeField|NumberField|state\/(calibration|modelStore)\.ts|compareMethods|roundingModes|useClickerKeys|NumberedPages|engine\/(calibration|onnxCalibration|schemeCalibration|pairwiseSum)\.ts|permalink\/(?!activeLink|linkError)/;

/**
 * The engine (src/engine, one public entry: its index.ts re-exports every public module) only
 * defines things: importing it runs nothing, so each chunk and worker keeps from it only what
 * it uses (package.json's `sideEffects: false`, for this folder).
 */
const ENGINE_SIDE_EFFECT_FREE = {
  // Everything else as its package.json says (undefined: the default).
  moduleSideEffects: (id: string) => (id.includes('/src/engine/') ? false : undefined),
};

// One config for the app, the unit/component tests (jsdom) and the real-browser tests (node,
// driving Debian's Chromium through playwright-core against the production build).
export default defineConfig({
  plugins: [react(), contentSecurityPolicy(), linguiCatalogs(), wat(), ...offline()],
  base: './',
  resolve: {
    alias: [
      {
        find: /^use-sync-external-store\/shim(\/index\.js)?$/,
        replacement: resolve('src/app/useSyncExternalStoreShim.ts'),
      },
    ],
  },
  // Workers are bundled on their own: they import the engine's kernels too.
  worker: { format: 'es', plugins: () => [wat()], rolldownOptions: { treeshake: ENGINE_SIDE_EFFECT_FREE } },
  build: {
    target: 'es2022',
    // Every browser the app supports (ES2022) has <link rel="modulepreload">: no polyfill.
    modulePreload: { polyfill: false },
    sourcemap: true,
    rolldownOptions: {
      treeshake: ENGINE_SIDE_EFFECT_FREE,
      output: {
        codeSplitting: {
          // A group takes only what its test names (not all it imports: the engine's barrel
          // would otherwise pull the pipeline into the first chunk).
          includeDependenciesRecursively: false,
          groups: [
            {
              // What the first paint needs, in one file rather than a chunk per set of importers.
              name: 'app',
              test: (id: string) => !LAZY_MODULES.test(id) && !PIPELINE_MODULES.test(id),
            },
            {
              // The integer pipeline: loaded with the first panel that shows the product.
              name: 'pipeline',
              test: PIPELINE_MODULES,
            },
          ],
        },
      },
    },
  },
  // HTTPS_KEY and HTTPS_CERT (PEM files): `npm start` serves over HTTPS, so that a classroom's
  // phones can use the app offline and install it (service workers need a secure origin).
  preview: {
    port: 4173,
    strictPort: true,
    ...(process.env.HTTPS_KEY && process.env.HTTPS_CERT
      ? { https: { key: readFileSync(process.env.HTTPS_KEY), cert: readFileSync(process.env.HTTPS_CERT) } }
      : {}),
  },
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
