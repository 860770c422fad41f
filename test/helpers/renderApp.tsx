/** Renders the whole app, as main.tsx does (the link sync included), and waits for its lazily loaded sections. */
import { render, screen } from '@testing-library/react';
import { App } from '../../src/app/App.tsx';
import { startPermalinkSync } from '../../src/permalink/sync.ts';
import { useAppStore } from '../../src/state/store.ts';
import { stopSyncs } from './syncs.ts';

export async function renderApp(): Promise<void> {
  stopSyncs.push(startPermalinkSync(useAppStore));
  render(<App />);
  await screen.findByRole('region', { name: /The multiplier/ }, { timeout: 10_000 });
}
