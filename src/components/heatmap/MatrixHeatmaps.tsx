import { useMemo } from 'react';
import { useTensor } from '../../state/hooks.ts';
import type { MatrixId } from '../../state/store.ts';
import { formatFloat32, formatShort } from '../../viz/format.ts';
import { heatmapScales } from '../../viz/heatmapScales.ts';
import { signed } from '../../viz/int64.ts';
import { matrixName } from '../common/names.ts';
import { Problem } from '../common/Problem.tsx';
import { Heatmap } from './Heatmap.tsx';

/** Float, quantized, dequantized and error heatmaps of one matrix, side by side. */
export function MatrixHeatmaps({ id }: { id: MatrixId }) {
  const tensor = useTensor(id);
  const view = tensor.ok ? tensor.value : null;
  const scales = useMemo(
    () => (view ? heatmapScales({ ...view.params, ...view.span }, view.metrics.maxAbsError) : null),
    [view],
  );
  const label = matrixName(id);
  if (!tensor.ok) return <Problem title={`${label}: nothing to draw`} failure={tensor.failure} />;
  if (!view || !scales) return null;
  return (
    <div className="heatmap-row" role="group" aria-label={`${label} heatmaps`}>
      <h3>{label}</h3>
      <Heatmap id={id} title={`${label} float r`} matrix={view.real} map={scales.real} format={formatFloat32} />
      <Heatmap id={id} title={`${label} quantized q`} matrix={view.quantized} map={scales.codes} format={signed} />
      <Heatmap
        id={id}
        title={`${label} dequantized r̂`}
        matrix={view.dequantized}
        map={scales.real}
        format={formatFloat32}
      />
      <Heatmap
        id={id}
        title={`${label} error r̂ − r`}
        matrix={view.error}
        map={scales.error}
        format={(x) => formatShort(x, 3)}
      />
    </div>
  );
}
