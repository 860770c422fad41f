/// <reference types="vite/client" />
/// <reference types="vite-plugin-pwa/client" />

/** The message catalogs, a loader per "<part>.<locale>" (vite.config.ts's lingui-catalogs plugin). */
declare module 'virtual:lingui-catalogs' {
  import type { Messages } from '@lingui/core';
  export const catalogs: Record<string, () => Promise<{ messages: Messages }>>;
}

/** WebAssembly text, compiled by wabt when imported (vite.config.ts's `wat` plugin): the binary in base64. */
declare module '*.wat' {
  const base64: string;
  export default base64;
}
