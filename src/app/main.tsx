import { I18nProvider } from '@lingui/react';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { i18n } from '../i18n/i18n.ts';
import { startLocaleSync } from '../i18n/sync.ts';
import { startPermalinkSync } from '../permalink/sync.ts';
import { useAppStore } from '../state/store.ts';
import { App } from './App.tsx';
import './styles/tokens.css';
import './styles/base.css';

startPermalinkSync(useAppStore);

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
