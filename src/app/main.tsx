import { I18nProvider } from '@lingui/react';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { i18n } from '../i18n/i18n.ts';
import { startLocaleSync } from '../i18n/sync.ts';
import { somethingToRestore } from '../permalink/activeLink.ts';
import { useAppStore } from '../state/store.ts';
import { App } from './App.tsx';
import './styles/tokens.css';
import './styles/base.css';

// The link's code (sync, codec, deflate) loads before the first paint only when there is a link
// or a saved session to restore, so that the page first shows that; otherwise right after it.
// (No top-level await: the link's chunk imports this first chunk, which must finish evaluating.)
const startPermalink = () =>
  import('../permalink/sync.ts').then(
    ({ startPermalinkSync }) => startPermalinkSync(useAppStore),
    (error: unknown) => console.error('The link could not be loaded: edits are not saved.', error),
  );

async function start(): Promise<void> {
  const restoring = somethingToRestore();
  if (restoring) await startPermalink();
  // The words of the page's language load before its first paint; a switch loads the other's. If
  // they cannot be loaded the page still opens (in English, or at worst showing the words' ids).
  await startLocaleSync(useAppStore);
  const root = document.getElementById('root');
  if (!root) throw new Error('index.html has no #root element.');
  createRoot(root).render(
    <StrictMode>
      <I18nProvider i18n={i18n}>
        <App />
      </I18nProvider>
    </StrictMode>,
  );
  if (!restoring) void startPermalink();
  // Offline use and the installed app: after the first paint, in the production build.
  if (import.meta.env.PROD)
    void import('./offline.ts').then(
      ({ startOffline }) => startOffline(),
      (error: unknown) => console.error('The offline code could not be loaded.', error),
    );
}

void start();
