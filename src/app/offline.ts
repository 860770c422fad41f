/**
 * Offline and installed (loaded after the first paint, production builds only): registers the
 * service worker that vite-plugin-pwa generates (vite.config.ts), links the manifest of the
 * page's language, and opens files the installed app was launched with.
 *
 * A new version never takes over by itself: the page shows "Reload to update" and reloads only
 * when asked; reloading writes the session first (the link's sync flushes on pagehide), so no
 * edit is lost. The worker checks for a new version on each visit and every hour.
 */
import { registerSW } from 'virtual:pwa-register';
import { openModelFile } from './openModelFile.ts';
import { useOffline } from './offlineStore.ts';

const HOUR = 60 * 60 * 1000;

/** Chromium's File Handling API: the files an installed app was opened with. */
interface LaunchParams {
  readonly files: readonly FileSystemHandle[];
}
declare global {
  interface Window {
    readonly launchQueue?: { setConsumer(consumer: (params: LaunchParams) => void): void };
  }
}

/** The manifest of the page's language (the installed app's name follows it). */
function followLanguage(): void {
  const link = document.querySelector<HTMLLinkElement>('link[rel="manifest"]');
  if (!link) return;
  const html = document.documentElement;
  const follow = () => {
    const href = html.lang === 'zh-CN' ? './manifest.zh-CN.webmanifest' : './manifest.webmanifest';
    if (link.getAttribute('href') !== href) link.setAttribute('href', href);
  };
  follow();
  new MutationObserver(follow).observe(html, { attributes: true, attributeFilter: ['lang'] });
}

/** A file double-clicked on the desktop (the installed app is its handler) opens in section 9. */
function openLaunchedFiles(): void {
  window.launchQueue?.setConsumer(({ files }) => {
    const handle = files.find((f): f is FileSystemFileHandle => f.kind === 'file');
    if (handle) void handle.getFile().then(openModelFile);
  });
}

export function startOffline(): void {
  followLanguage();
  openLaunchedFiles();
  if (!('serviceWorker' in navigator)) return;
  // Asked to: the waiting version takes over, then the page reloads into it (on a first visit
  // too, where workbox-window's own reload does not fire).
  const reloadIntoUpdate = () => {
    navigator.serviceWorker.addEventListener('controllerchange', () => window.location.reload(), { once: true });
    void updateSW(true);
  };
  const updateSW = registerSW({
    onNeedRefresh: () => useOffline.setState({ update: reloadIntoUpdate }),
    onOfflineReady: () => useOffline.setState({ offlineReady: true }),
    onRegisteredSW: (_url, registration) => {
      if (registration) setInterval(() => void registration.update(), HOUR);
    },
    // No service worker here (blocked, private mode): the app works, only not offline.
    onRegisterError: (error: unknown) => console.warn('The app could not be made available offline.', error),
  });
}
