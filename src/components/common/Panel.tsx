import type { ReactNode } from 'react';

/** Props of {@link Panel}. */
interface PanelProps {
  /** Prefix of the heading's id ("gemm" → "gemm-title"), which names the region. */
  id: string;
  title: string;
  /** One paragraph saying what the panel shows and how to read it. */
  lede: ReactNode;
  children: ReactNode;
}

/** One numbered section of the page: a named region with its heading and lede. */
export function Panel({ id, title, lede, children }: PanelProps) {
  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      <p className="lede">{lede}</p>
      {children}
    </section>
  );
}
