import { PanelBoundary } from '../common/PanelBoundary.tsx';
import { HoverReadout } from './HoverReadout.tsx';
import { MatrixHeatmaps } from './MatrixHeatmaps.tsx';
import { Panel } from '../common/Panel.tsx';
import './heatmap.css';

/** Section 3: float, quantized, dequantized and error heatmaps for LHS, RHS and the result. */
export function HeatmapPanel() {
  return (
    <Panel
      id="heatmaps"
      title="3 · Heatmaps"
      lede={
        <>
          Viridis for values (float and dequantized share one scale), PuOr centred at 0 for the error r̂ − r. Inside the
          range each input&apos;s error is at most S/2; the result&apos;s error also carries the inputs&apos; rounding,
          so it can exceed its own S/2.
        </>
      }
    >
      <div className="sticky-readout">
        <HoverReadout />
      </div>
      {(['lhs', 'rhs', 'result'] as const).map((id) => (
        <PanelBoundary key={id} name={`${id.toUpperCase()} heatmaps`}>
          <MatrixHeatmaps id={id} />
        </PanelBoundary>
      ))}
    </Panel>
  );
}
