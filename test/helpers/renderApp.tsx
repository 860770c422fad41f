/** Renders the whole app, as main.tsx does (the link sync included), and waits for its lazily loaded sections. */
import { I18nProvider } from '@lingui/react';
import { render, screen } from '@testing-library/react';
import { App } from '../../src/app/App.tsx';
import { i18n } from '../../src/i18n/i18n.ts';
import { startLocaleSync } from '../../src/i18n/sync.ts';
import { startPermalinkSync } from '../../src/permalink/sync.ts';
import { useAppStore } from '../../src/state/store.ts';
import { stopSyncs } from './syncs.ts';

export async function renderApp(): Promise<void> {
  stopSyncs.push(startPermalinkSync(useAppStore));
  stopSyncs.push(await startLocaleSync(useAppStore));
  render(
    <I18nProvider i18n={i18n}>
      <App />
    </I18nProvider>,
  );
  // The explorer's last lazily loaded section, or in a lesson its chapter.
  if (useAppStore.getState().lesson === null) {
    await screen.findByRole('region', { name: /The multiplier/ }, { timeout: 15_000 });
  } else {
    await screen.findByRole('navigation', { name: /Lesson|课程/ }, { timeout: 10_000 });
  }
}
