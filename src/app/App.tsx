import { lazy, Suspense } from 'react';
import { PanelBoundary } from '../components/common/PanelBoundary.tsx';
import { HistoryControls } from '../components/session/HistoryControls.tsx';
import { NoticeBanner } from '../components/session/NoticeBanner.tsx';
import { ShareBar } from '../components/session/ShareBar.tsx';
import { useAppStore } from '../state/store.ts';
import { InputsPanel } from '../components/editor/InputsPanel.tsx';
import { ParamsPanel } from '../components/params/ParamsPanel.tsx';
import '../components/session/session.css';

// Sections 3 to 6 sit below the fold: their code (and d3's colour schemes) loads after the first paint.
const HeatmapPanel = lazy(() =>
  import('../components/heatmap/HeatmapPanel.tsx').then((m) => ({ default: m.HeatmapPanel })),
);
const HistogramPanel = lazy(() =>
  import('../components/histogram/HistogramPanel.tsx').then((m) => ({ default: m.HistogramPanel })),
);
const GemmPanel = lazy(() => import('../components/gemm/GemmPanel.tsx').then((m) => ({ default: m.GemmPanel })));
const CalibrationPanel = lazy(() =>
  import('../components/calibration/CalibrationPanel.tsx').then((m) => ({ default: m.CalibrationPanel })),
);
const TrainingPanel = lazy(() =>
  import('../components/training/TrainingPanel.tsx').then((m) => ({ default: m.TrainingPanel })),
);
const MultiplierPanel = lazy(() =>
  import('../components/multiplier/MultiplierPanel.tsx').then((m) => ({ default: m.MultiplierPanel })),
);

/** The whole page: one scrollable explorable in the paper's order. */
export function App() {
  const embed = useAppStore((s) => s.embed);
  return (
    <div className={embed ? 'app embed' : 'app'}>
      <header className="app-header chrome">
        <h1>Quantization Explorer</h1>
        <p>
          How float matrices become small integers, and how an integer-only matrix multiply still lands on the right
          answer — bit-exact with google/gemmlowp (Jacob et al. 2018).
        </p>
        <div className="header-tools">
          <HistoryControls />
          <ShareBar />
        </div>
      </header>
      <NoticeBanner />
      <main>
        <PanelBoundary name="inputs">
          <InputsPanel />
        </PanelBoundary>
        <PanelBoundary name="parameters">
          <ParamsPanel />
        </PanelBoundary>
        <Suspense
          fallback={<p className="panel muted">Loading the heatmaps, histograms, integer GEMM and multiplier…</p>}
        >
          <PanelBoundary name="heatmaps">
            <HeatmapPanel />
          </PanelBoundary>
          <PanelBoundary name="histograms">
            <HistogramPanel />
          </PanelBoundary>
          <PanelBoundary name="integer GEMM">
            <GemmPanel />
          </PanelBoundary>
          <PanelBoundary name="multiplier">
            <MultiplierPanel />
          </PanelBoundary>
          <PanelBoundary name="calibration">
            <CalibrationPanel />
          </PanelBoundary>
          <PanelBoundary name="training">
            <TrainingPanel />
          </PanelBoundary>
        </Suspense>
      </main>
    </div>
  );
}
