import { useRef, type ReactNode } from 'react';
import { useAppStore } from '../../state/store.ts';
import { laggingStore, ViewStoreContext } from '../../state/view.ts';
import { useOutOfView } from './useOutOfView.ts';

/** Props of {@link Panel}. */
interface PanelProps {
  /** Prefix of the heading's id ("gemm" → "gemm-title"), which names the region. */
  id: string;
  title: string;
  /** One paragraph saying what the panel shows and how to read it. */
  lede: ReactNode;
  children: ReactNode;
}

/**
 * One numbered section of the page: a named region with its heading and lede. While it is out of
 * view, its contents read the store as of the last painted frame: an edit renders the panels a
 * person can see first, and this one right after that frame. Anything a person does inside it
 * (pointer down, focus) makes it read the live store again.
 */
export function Panel({ id, title, lede, children }: PanelProps) {
  const ref = useRef<HTMLElement>(null);
  const [outOfView, inUse] = useOutOfView(ref);
  return (
    <section
      ref={ref}
      className="panel"
      aria-labelledby={`${id}-title`}
      data-view={outOfView ? 'lagging' : 'live'}
      // A pointer or the focus inside makes it live at once: controls must show the store's state.
      onPointerDownCapture={outOfView ? inUse : undefined}
      onFocusCapture={outOfView ? inUse : undefined}
    >
      <h2 id={`${id}-title`} tabIndex={-1}>
        {title}
      </h2>
      <p className="lede">{lede}</p>
      <ViewStoreContext value={outOfView ? laggingStore : useAppStore}>{children}</ViewStoreContext>
    </section>
  );
}
