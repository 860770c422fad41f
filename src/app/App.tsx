import { PanelBoundary } from '../components/common/PanelBoundary.tsx';
import { InputsPanel } from '../components/editor/InputsPanel.tsx';
import { HeatmapPanel } from '../components/heatmap/HeatmapPanel.tsx';
import { HistogramPanel } from '../components/histogram/HistogramPanel.tsx';
import { ParamsPanel } from '../components/params/ParamsPanel.tsx';
import { GemmPanel } from '../components/gemm/GemmPanel.tsx';
import { MultiplierPanel } from '../components/multiplier/MultiplierPanel.tsx';

/** The whole page: one scrollable explorable in the paper's order. */
export function App() {
  return (
    <>
      <header className="app-header">
        <h1>Quantization Explorer</h1>
        <p>
          How float matrices become 8-bit integers, and how an integer-only matrix multiply still lands on the right
          8-bit answer — bit-exact with google/gemmlowp (Jacob et al. 2018).
        </p>
      </header>
      <main>
        <PanelBoundary name="inputs">
          <InputsPanel />
        </PanelBoundary>
        <PanelBoundary name="parameters">
          <ParamsPanel />
        </PanelBoundary>
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
      </main>
    </>
  );
}
