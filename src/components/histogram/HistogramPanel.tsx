import { useTensor } from '../../state/hooks.ts';
import type { MatrixId } from '../../state/store.ts';
import { PanelBoundary } from '../common/PanelBoundary.tsx';
import { matrixName } from '../common/names.ts';
import { Problem } from '../common/Problem.tsx';
import { ErrorHistogram } from './ErrorHistogram.tsx';
import { Metrics } from './Metrics.tsx';
import { SchemeComparison } from './SchemeComparison.tsx';
import { ValueHistogram } from './ValueHistogram.tsx';
import { Panel } from '../common/Panel.tsx';
import './histogram.css';

function MatrixHistograms({ id }: { id: MatrixId }) {
  const tensor = useTensor(id);
  const label = matrixName(id);
  if (!tensor.ok) return <Problem title={`${label}: no histogram`} failure={tensor.failure} />;
  return (
    <div className="histogram-row" role="group" aria-label={`${label} error analysis`}>
      <h3>{label}</h3>
      <ValueHistogram view={tensor.value} />
      <ErrorHistogram view={tensor.value} />
      <Metrics view={tensor.value} />
    </div>
  );
}

/** Section 4: error distributions and metrics. */
export function HistogramPanel() {
  return (
    <Panel
      id="histograms"
      title="4 · Error histograms and metrics"
      lede={
        <>
          Rounding to the nearest level leaves an error within ±S/2, spread roughly evenly, so its mean square is about
          S²/12. Values outside the range are clipped instead. The result&apos;s error also carries the inputs&apos;
          rounding (through the product), so it can spread beyond its own ±S/2. SQNR = 10·log₁₀(Σr² / Σ(r̂ − r)²).
        </>
      }
    >
      {(['lhs', 'rhs', 'result'] as const).map((id) => (
        <PanelBoundary key={id} name={`${id.toUpperCase()} histograms`}>
          <MatrixHistograms id={id} />
        </PanelBoundary>
      ))}
      <PanelBoundary name="scheme comparison">
        <SchemeComparison />
      </PanelBoundary>
    </Panel>
  );
}
