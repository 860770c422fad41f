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
    if (handle)
      void handle
        .getFile()
        .then(openModelFile, (error: unknown) => console.error('The file could not be read.', error));
  });
}

export function startOffline(): void {
  followLanguage();
  openLaunchedFiles();
  if (!('serviceWorker' in navigator)) return;
  let registration: ServiceWorkerRegistration | undefined;
  let reloading = false;
  // Asked to: the waiting version takes over, then the page reloads into it (on a first visit
  // too, where workbox-window's own reload does not fire). Already taken over from another tab:
  // reload at once.
  const reloadIntoUpdate = () => {
    if (!registration?.waiting) {
      window.location.reload();
      return;
    }
    reloading = true;
    navigator.serviceWorker.addEventListener('controllerchange', () => window.location.reload(), { once: true });
    void updateSW(true);
  };
  const offer = () => {
    if (!reloading) useOffline.setState({ update: reloadIntoUpdate });
  };
  // A new version that took over this page from another tab (this page runs the old code until
  // it reloads): offered too. The first visit's own worker taking control is not a new version.
  let controlled = navigator.serviceWorker.controller !== null;
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (controlled) offer();
    controlled = true;
  });
  const updateSW = registerSW({
    onNeedRefresh: offer,
    // Another tab or window chose the new version: this page keeps running (never reloaded
    // without being asked) and offers the reload again.
    onNeedReload: offer,
    onOfflineReady: () => useOffline.setState({ offlineReady: true }),
    onRegisteredSW: (_url, r) => {
      registration = r;
      // Offline, the check fails: it is tried again the next hour.
      if (r) setInterval(() => void r.update().catch(() => undefined), HOUR);
    },
    // No service worker here (blocked, private mode): the app works, only not offline.
    onRegisterError: (error: unknown) => console.warn('The app could not be made available offline.', error),
  });
}
