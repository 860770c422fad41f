import { useLingui } from '@lingui/react';
import { useTensor } from '../../state/hooks.ts';
import type { CellRef } from '../../state/store.ts';
import { useView } from '../../state/view.ts';
import { formatFloat32, formatShort } from '../../viz/format.ts';
import { signed } from '../../viz/int64.ts';
import { matrixName } from '../common/names.ts';
import { FORMAT_LABEL } from '../../formats/names.ts';

function Reading({ cell }: { cell: CellRef }) {
  const { i18n } = useLingui();
  const tensor = useTensor(cell.matrix);
  if (!tensor.ok) return null;
  const v = tensor.value;
  const t = cell.row * v.real.cols + cell.col;
  if (cell.row >= v.real.rows || cell.col >= v.real.cols) return null;
  const r = v.real.data[t] as number;
  const err = v.error.data[t] as number;
  const g = v.groupOf ? (v.groupOf[t] as number) : null;
  const scale = g === null ? v.params.scale : (v.groups[g] as (typeof v.groups)[number]).scale;
  const stored = v.format;
  return (
    <>
      <strong>
        {i18n._('heatmap.readout.cell', { matrix: matrixName(cell.matrix), row: cell.row + 1, col: cell.col + 1 })}
      </strong>{' '}
      r = <span data-testid="readout-r">{formatFloat32(r)}</span> · q ={' '}
      <span data-testid="readout-q">{signed(v.quantized.data[t] as number)}</span> · r̂ ={' '}
      <span data-testid="readout-rhat">{formatFloat32(v.dequantized.data[t] as number)}</span> · r̂ − r ={' '}
      <span data-testid="readout-error">{formatShort(err, 4)}</span>{' '}
      <span className="muted">
        {stored
          ? i18n._('heatmap.readout.inBlock', {
              format: FORMAT_LABEL[stored.format],
              block: (g ?? 0) + 1,
              step: formatShort(scale, 4),
            })
          : g === null
            ? i18n._('heatmap.readout.inS', { ratio: formatShort(err / scale, 3) })
            : i18n._('heatmap.readout.inGroupS', {
                ratio: formatShort(err / scale, 3),
                group: g + 1,
                scale: formatShort(scale, 4),
              })}
      </span>
    </>
  );
}

/** The values of the inspected cell, wherever it was picked (grid, heatmap, keyboard). */
export function HoverReadout() {
  const { i18n } = useLingui();
  const hover = useView((s) => s.hover);
  return (
    <p className="readout" aria-live="polite" data-testid="readout">
      {hover ? <Reading cell={hover} /> : <span className="muted">{i18n._('heatmap.readout.hint')}</span>}
    </p>
  );
}
