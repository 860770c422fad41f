/**
 * Presenter mode, loaded when it is first turned on: its theme (presenter.css: type from the
 * viewport, high contrast, the chrome hidden) and, outside a lesson, the bar that shows the
 * explorer one section at a time.
 */
import { useLingui } from '@lingui/react';
import { NumberedPages } from '../common/NumberedPages.tsx';
import { SECTION_NAME } from '../common/PanelBoundary.tsx';
import { useClickerKeys } from '../common/useClickerKeys.ts';
import './presenter.css';

/** Rendering it loads presenter mode's styles (with this module); it draws nothing itself. */
export function PresenterTheme() {
  return null;
}

/** The way through the sections: previous, each section by number, next, and the clicker keys. */
export function SectionNav({
  at,
  go,
  sections,
}: {
  at: number;
  go: (to: number) => void;
  sections: readonly (keyof typeof SECTION_NAME)[];
}) {
  const { i18n } = useLingui();
  useClickerKeys(at, sections.length, go, { scrollFirst: true });
  return (
    <nav className="section-nav chrome" aria-label={i18n._('presenter.sections')}>
      <NumberedPages
        at={at}
        count={sections.length}
        go={go}
        previous={i18n._('presenter.previous')}
        next={i18n._('presenter.next')}
        name={(k) =>
          i18n._('presenter.goto', { n: k + 1, name: i18n._(SECTION_NAME[sections[k] as keyof typeof SECTION_NAME]) })
        }
      />
      <span className="muted">{i18n._('presenter.progress', { n: at + 1, total: sections.length })}</span>
    </nav>
  );
}
