import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { startPermalinkSync } from '../permalink/sync.ts';
import { useAppStore } from '../state/store.ts';
import { App } from './App.tsx';
import './styles/tokens.css';
import './styles/base.css';

startPermalinkSync(useAppStore);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element.');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
