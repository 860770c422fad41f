import { useLingui } from '@lingui/react';
import { lazy, Suspense, useEffect, useRef, useState, type ReactNode } from 'react';
import type { LessonPanel } from '../lesson/chapters.ts';
import { LanguageMenu } from '../components/session/LanguageMenu.tsx';
import { PanelBoundary, SECTION_NAME } from '../components/common/PanelBoundary.tsx';
import { HistoryControls } from '../components/session/HistoryControls.tsx';
import { NoticeBanner } from '../components/session/NoticeBanner.tsx';
import { OfflineBanner } from '../components/session/OfflineBanner.tsx';
import { ShareBar } from '../components/session/ShareBar.tsx';
import { withWords } from '../i18n/i18n.ts';
import { withPipeline } from '../state/pipelineCode.ts';
import { openModelFile } from './openModelFile.ts';
import { useAppStore } from '../state/store.ts';
import { InputsPanel } from '../components/editor/InputsPanel.tsx';
import '../components/session/session.css';
import './styles/print.css';

// Sections 2 to 9 sit below the fold: their code (and d3's colour schemes) loads after the first paint,
// with the integer pipeline's for those that show the product or the parameters.
const ParamsPanel = lazy(() =>
  withWords('params', () => withPipeline(() => import('../components/params/ParamsPanel.tsx'))).then((m) => ({
    default: m.ParamsPanel,
  })),
);
const HeatmapPanel = lazy(() =>
  withWords('heatmap', () => withPipeline(() => import('../components/heatmap/HeatmapPanel.tsx'))).then((m) => ({
    default: m.HeatmapPanel,
  })),
);
const HistogramPanel = lazy(() =>
  withWords('histogram', () => withPipeline(() => import('../components/histogram/HistogramPanel.tsx'))).then((m) => ({
    default: m.HistogramPanel,
  })),
);
const GemmPanel = lazy(() =>
  withWords('gemm', () => withPipeline(() => import('../components/gemm/GemmPanel.tsx'))).then((m) => ({
    default: m.GemmPanel,
  })),
);
const CalibrationPanel = lazy(() =>
  withWords('calibration', () => import('../components/calibration/CalibrationPanel.tsx')).then((m) => ({
    default: m.CalibrationPanel,
  })),
);
const TrainingPanel = lazy(() =>
  withWords('training', () => import('../components/training/TrainingPanel.tsx')).then((m) => ({
    default: m.TrainingPanel,
  })),
);
// Section 9 shows a GGUF tensor's blocks with the formats' own view, and so their words too.
const ModelPanel = lazy(() =>
  withWords('model', () => withWords('formats', () => import('../components/model/ModelPanel.tsx'))).then((m) => ({
    default: m.ModelPanel,
  })),
);
const LessonView = lazy(() =>
  withWords('lesson', () => withPipeline(() => import('../components/lesson/LessonView.tsx'))).then((m) => ({
    default: m.LessonView,
  })),
);
const ExportDialog = lazy(() =>
  withWords('export', () => withPipeline(() => import('../components/export/ExportDialog.tsx'))).then((m) => ({
    default: m.ExportDialog,
  })),
);
// Presenter mode's theme and section bar load when it is first turned on.
const PresenterTheme = lazy(() =>
  import('../components/presenter/SectionNav.tsx').then((m) => ({ default: m.PresenterTheme })),
);
const SectionNav = lazy(() =>
  import('../components/presenter/SectionNav.tsx').then((m) => ({ default: m.SectionNav })),
);
const MultiplierPanel = lazy(() =>
  withWords('multiplier', () => withPipeline(() => import('../components/multiplier/MultiplierPanel.tsx'))).then(
    (m) => ({
      default: m.MultiplierPanel,
    }),
  ),
);

/** The whole page: one scrollable explorable in the paper's order. */
export function App() {
  const embed = useAppStore((s) => s.embed);
  const lesson = useAppStore((s) => s.lesson);
  const setLesson = useAppStore((s) => s.setLesson);
  const presenter = useAppStore((s) => s.presenter);
  const setPresenter = useAppStore((s) => s.setPresenter);
  const { i18n } = useLingui();
  const [exporting, setExporting] = useState(false);
  // Leaving the lesson gives focus back to the button that starts it.
  const startButton = useRef<HTMLButtonElement>(null);
  const wasInLesson = useRef(lesson !== null);
  useEffect(() => {
    if (wasInLesson.current && lesson === null) startButton.current?.focus();
    wasInLesson.current = lesson !== null;
  }, [lesson]);
  // Escape leaves presenter mode, unless something on the page used it (a cell's edit, the QR code).
  useEffect(() => {
    if (!presenter) return;
    const onKey = (e: KeyboardEvent) => {
      const inside =
        e.target instanceof Element && e.target.closest('input, textarea, select, dialog, [role="dialog"]');
      if (e.key === 'Escape' && !e.defaultPrevented && !inside) setPresenter(false);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [presenter, setPresenter]);
  // A link, the saved session or undo naming a model: its store opens it (or asks for its file).
  const hasModelView = useAppStore((s) => s.modelView !== null);
  useEffect(() => {
    if (hasModelView) void import('../state/modelStore.ts');
  }, [hasModelView]);
  // A model file dropped anywhere on the page opens in section 9 (read in a worker; nothing is uploaded).
  useEffect(() => {
    const hasFiles = (e: DragEvent) => e.dataTransfer?.types.includes('Files') ?? false;
    const onOver = (e: DragEvent) => {
      if (hasFiles(e)) e.preventDefault();
    };
    const onDrop = (e: DragEvent) => {
      const file = e.dataTransfer?.files[0];
      if (!file) return;
      e.preventDefault();
      void openModelFile(file);
    };
    window.addEventListener('dragover', onOver);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragover', onOver);
      window.removeEventListener('drop', onDrop);
    };
  }, []);
  const className = ['app', embed && 'embed', presenter && 'presenter'].filter(Boolean).join(' ');
  return (
    <div className={className}>
      {presenter && (
        <Suspense fallback={null}>
          <PresenterTheme />
        </Suspense>
      )}
      <header className="app-header chrome">
        <h1>Quantization Explorer</h1>
        {presenter && (
          <button type="button" className="presenter-leave" onClick={() => setPresenter(false)}>
            {i18n._('presenter.leave')}
          </button>
        )}
        <p>{i18n._('app.tagline')}</p>
        <div className="header-tools">
          <HistoryControls />
          <ShareBar />
          <LanguageMenu />
          <button type="button" onClick={() => setExporting(true)}>
            {i18n._('export.open')}
          </button>
          <button type="button" onClick={() => setPresenter(true)}>
            {i18n._('presenter.enter')}
          </button>
          {lesson === null && (
            <button type="button" className="lesson-start" ref={startButton} onClick={() => setLesson(0)}>
              {i18n._('lesson.start')}
            </button>
          )}
        </div>
      </header>
      <NoticeBanner />
      <OfflineBanner />
      {exporting && (
        <Suspense fallback={null}>
          <ExportDialog onClose={() => setExporting(false)} />
        </Suspense>
      )}
      {lesson !== null ? (
        <main>
          <Suspense fallback={<p className="panel muted">{i18n._('lesson.loading')}</p>}>
            <LessonView at={lesson} panel={lessonPanel} />
          </Suspense>
        </main>
      ) : (
        <Explorer presenter={presenter} />
      )}
    </div>
  );
}

/** The explorer's sections, in the paper's order, each by the name its error boundary uses. */
type SectionId = keyof typeof SECTION_NAME;
const PANELS: Readonly<Record<SectionId, ReactNode>> = {
  inputs: <InputsPanel />,
  params: <ParamsPanel />,
  heatmap: <HeatmapPanel />,
  histogram: <HistogramPanel />,
  gemm: <GemmPanel />,
  multiplier: <MultiplierPanel />,
  calibration: <CalibrationPanel />,
  training: <TrainingPanel />,
  model: <ModelPanel />,
};
const SECTION_IDS = Object.keys(PANELS) as SectionId[];

/** A section of the page, as a lesson's chapter shows it. */
const lessonPanel = (panel: LessonPanel): ReactNode => PANELS[panel];

/** Section 1 paints first; the others load on demand (with their words). */
const FIRST_PAINT = 1;

/** The explorer: every section, in the paper's order; in presenter mode one section at a time. */
function Explorer({ presenter }: { presenter: boolean }) {
  const { i18n } = useLingui();
  const [shown, setShown] = useState(0);
  const main = useRef<HTMLElement>(null);
  const section = () => main.current?.querySelectorAll<HTMLElement>(':scope > .section-slot')[shown];
  // A new section is shown from its top and read from its title; leaving presenter mode shows the
  // page where the section was. The other sections stay mounted (hidden): nothing in them is lost.
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const slot = section();
    if (!presenter) {
      slot?.scrollIntoView();
      return;
    }
    window.scrollTo(0, 0);
    // A section still loading gets the focus when its title arrives.
    const focusTitle = () => {
      const title = section()?.querySelector<HTMLElement>('section.panel h2');
      title?.focus();
      return title !== null && title !== undefined;
    };
    if (focusTitle() || !main.current) return;
    const observer = new MutationObserver(() => {
      if (focusTitle()) observer.disconnect();
    });
    observer.observe(main.current, { childList: true, subtree: true });
    return () => observer.disconnect();
    // section() reads the DOM of this render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [presenter, shown]);
  const sections = (from: number, to: number) =>
    SECTION_IDS.slice(from, to).map((name, k) => (
      <div key={name} className="section-slot" hidden={presenter && from + k !== shown}>
        <PanelBoundary name={i18n._(SECTION_NAME[name])}>{PANELS[name]}</PanelBoundary>
      </div>
    ));
  return (
    <main ref={main}>
      {presenter && (
        <Suspense fallback={null}>
          <SectionNav at={shown} go={setShown} sections={SECTION_IDS} />
        </Suspense>
      )}
      {sections(0, FIRST_PAINT)}
      <Suspense fallback={<p className="panel muted">{i18n._('app.loadingSections')}</p>}>
        {sections(FIRST_PAINT, SECTION_IDS.length)}
      </Suspense>
    </main>
  );
}
