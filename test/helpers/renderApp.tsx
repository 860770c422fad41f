/** Renders the whole app and waits for its lazily loaded sections (5 and 6). */
import { render, screen } from '@testing-library/react';
import { App } from '../../src/app/App.tsx';

export async function renderApp(): Promise<void> {
  render(<App />);
  await screen.findByRole('region', { name: /The multiplier/ }, { timeout: 10_000 });
}
