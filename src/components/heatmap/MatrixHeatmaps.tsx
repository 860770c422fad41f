import { useLingui } from '@lingui/react';
import { useMemo } from 'react';
import { useTensor } from '../../state/hooks.ts';
import type { MatrixId } from '../../state/store.ts';
import { formatFloat32, formatShort } from '../../viz/format.ts';
import { heatmapScales } from '../../viz/heatmapScales.ts';
import { signed } from '../../viz/int64.ts';
import { matrixName } from '../common/names.ts';
import { Problem } from '../common/Problem.tsx';
import { Heatmap } from './Heatmap.tsx';

/** The four maps of a matrix: their title, values, colour scale and number format. */
const MAPS = [
  { title: 'heatmap.real', values: 'real', scale: 'real', format: formatFloat32 },
  { title: 'heatmap.quantized', values: 'quantized', scale: 'codes', format: signed },
  { title: 'heatmap.dequantized', values: 'dequantized', scale: 'real', format: formatFloat32 },
  // One function for every render: a new one would redraw the memoized heatmap each time.
  { title: 'heatmap.error', values: 'error', scale: 'error', format: (x: number) => formatShort(x, 3) },
] as const;

/** Float, quantized, dequantized and error heatmaps of one matrix, side by side. */
export function MatrixHeatmaps({ id }: { id: MatrixId }) {
  const { i18n } = useLingui();
  const tensor = useTensor(id);
  const view = tensor.ok ? tensor.value : null;
  const scales = useMemo(
    () => (view ? heatmapScales({ ...view.params, ...view.span }, view.metrics.maxAbsError) : null),
    [view],
  );
  const label = matrixName(id);
  if (!tensor.ok)
    return <Problem title={i18n._('heatmap.nothingToDraw', { matrix: label })} failure={tensor.failure} />;
  if (!view || !scales) return null;
  return (
    <div className="heatmap-row" role="group" aria-label={i18n._('heatmap.matrixGroup', { matrix: label })}>
      <h3>{label}</h3>
      {MAPS.map(({ title, values, scale, format }) => (
        <Heatmap
          key={values}
          id={id}
          title={i18n._(title, { matrix: label })}
          matrix={view[values]}
          map={scales[scale]}
          format={format}
        />
      ))}
    </div>
  );
}
