/**
 * `use-sync-external-store/shim` for @lingui/react: React 19 has the hook itself, so the shim's
 * fallback for React 17 need not ship (vite.config.ts aliases the shim here).
 */
export { useSyncExternalStore } from 'react';
