import { useLingui } from '@lingui/react';
import { PanelBoundary } from '../common/PanelBoundary.tsx';
import { HoverReadout } from './HoverReadout.tsx';
import { MatrixHeatmaps } from './MatrixHeatmaps.tsx';
import { matrixName } from '../common/names.ts';
import { Panel } from '../common/Panel.tsx';
import './heatmap.css';

/** Section 3: float, quantized, dequantized and error heatmaps for LHS, RHS and the result. */
export function HeatmapPanel() {
  const { i18n } = useLingui();
  return (
    <Panel id="heatmaps" title={i18n._('heatmap.title')} lede={i18n._('heatmap.lede')}>
      <div className="sticky-readout">
        <HoverReadout />
      </div>
      {(['lhs', 'rhs', 'result'] as const).map((id) => (
        <PanelBoundary key={id} name={i18n._('heatmap.matrixGroup', { matrix: matrixName(id) })}>
          <MatrixHeatmaps id={id} />
        </PanelBoundary>
      ))}
    </Panel>
  );
}
