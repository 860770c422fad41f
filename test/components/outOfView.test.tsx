/** Panels out of view follow an edit after the frame, and come back to the live state when used. */
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useAppStore } from '../../src/state/store.ts';
import { laggingStore } from '../../src/state/view.ts';
import { renderApp } from '../helpers/renderApp.tsx';

/** A stand-in IntersectionObserver (jsdom has none) that tests drive by hand. */
const observers: { element: Element | null; callback: IntersectionObserverCallback }[] = [];
class FakeIntersectionObserver {
  readonly entry: (typeof observers)[number];
  constructor(callback: IntersectionObserverCallback) {
    this.entry = { element: null, callback };
    observers.push(this.entry);
  }
  observe(element: Element) {
    this.entry.element = element;
  }
  disconnect() {
    this.entry.element = null;
  }
}

/** Tells the observer of `section` whether it intersects the viewport. */
function setInView(section: HTMLElement, inView: boolean) {
  const entry = observers.find((o) => o.element === section);
  if (!entry) throw new Error('the section is not observed');
  act(() => {
    entry.callback(
      [{ target: section, isIntersecting: inView } as unknown as IntersectionObserverEntry],
      {} as IntersectionObserver,
    );
  });
}

/** Renders the app once the lagging copy of the store has caught up with the live one. */
async function renderCaughtUp(): Promise<void> {
  await renderApp();
  await waitFor(() => expect(laggingStore.getState()).toBe(useAppStore.getState()));
}

beforeEach(() => {
  observers.length = 0;
  vi.stubGlobal('IntersectionObserver', FakeIntersectionObserver);
});
afterEach(() => {
  vi.unstubAllGlobals();
});

describe('a panel out of view', () => {
  it('shows an edit after the panels in view, without being scrolled to', async () => {
    await renderCaughtUp();
    const histograms = screen.getByRole('region', { name: /Error histograms/ });
    setInView(histograms, false);
    expect(histograms).toHaveAttribute('data-view', 'lagging');
    const mseBefore = screen.getByTestId('lhs-mse').textContent;

    act(() => useAppStore.getState().setCell('lhs', 0, 0, -3));

    // The parameters (in view) follow at once; the histograms' metrics, right after.
    expect(screen.getByTestId('lhs-min')).toHaveTextContent('−3');
    expect(screen.getByTestId('lhs-mse').textContent).toBe(mseBefore);
    await waitFor(() => expect(screen.getByTestId('lhs-mse').textContent).not.toBe(mseBefore));
  });

  it('reads the live state as soon as a pointer goes down in it', async () => {
    await renderCaughtUp();
    const histograms = screen.getByRole('region', { name: /Error histograms/ });
    setInView(histograms, false);
    const mseBefore = screen.getByTestId('lhs-mse').textContent;
    act(() => useAppStore.getState().setCell('lhs', 0, 0, -3));
    expect(screen.getByTestId('lhs-mse').textContent).toBe(mseBefore);

    fireEvent.pointerDown(screen.getByTestId('lhs-mse'));

    expect(histograms).toHaveAttribute('data-view', 'live');
    expect(screen.getByTestId('lhs-mse').textContent).not.toBe(mseBefore);
  });

  it('is live again once it scrolls into view', async () => {
    await renderCaughtUp();
    const params = screen.getByRole('region', { name: /Quantization parameters/ });
    setInView(params, false);
    act(() => useAppStore.getState().setCell('lhs', 0, 0, -3));
    expect(screen.getByTestId('lhs-min')).not.toHaveTextContent('−3');
    setInView(params, true);
    expect(params).toHaveAttribute('data-view', 'live');
    expect(screen.getByTestId('lhs-min')).toHaveTextContent('−3');
  });
});
