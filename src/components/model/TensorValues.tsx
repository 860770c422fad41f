import { useLingui } from '@lingui/react';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { ModelTensor } from '../../models/index.ts';
import { dtypeRange } from '../../models/values.ts';
import { divergingMap } from '../../viz/colour.ts';
import { histogram } from '../../viz/histogram.ts';
import { float32Text } from './modelFacts.ts';

/** Most rows and columns drawn (larger tensors are sampled evenly; the text says so). */
const MAX_ROWS = 512;
const MAX_COLS = 2048;
const HIST_W = 320;
const HIST_H = 90;

/** A constant tensor as rows (its first dimension: the output channels of weights) × everything else. */
function asRows(t: ModelTensor): { rows: number; cols: number } {
  const [first = 1, ...rest] = t.shape.length ? t.shape : [t.data?.length ?? 1];
  return {
    rows: Math.max(first, 1),
    cols: Math.max(
      rest.reduce((a, b) => a * Math.max(b, 1), 1),
      1,
    ),
  };
}

/** The channel of row r's zero point and scale (per-channel on axis 0, else per tensor). */
function groupOf(t: ModelTensor, r: number): { s: number; z: number } {
  const q = t.quantization;
  const c = q && q.scales.length > 1 && q.axis === 0 ? r : 0;
  return { s: q?.scales[c] ?? 1, z: q?.zeroPoints[c] ?? 0 };
}

/**
 * A constant tensor's codes: a heatmap of q − Z (rows: the first dimension), a histogram of the
 * codes over the dtype's range, and the readout of the cell under the pointer in codes and real numbers.
 */
export function TensorValues({ tensor }: { tensor: ModelTensor }) {
  const { i18n } = useLingui();
  const canvas = useRef<HTMLCanvasElement>(null);
  const [at, setAt] = useState<{ r: number; c: number } | null>(null);
  const data = tensor.data;
  const { rows, cols } = asRows(tensor);
  const drawnRows = Math.min(rows, MAX_ROWS);
  const drawnCols = Math.min(cols, MAX_COLS);
  const stats = useMemo(() => {
    if (!data) return null;
    let lo = Infinity;
    let hi = -Infinity;
    let far = 0;
    for (let r = 0; r < rows; r++) {
      const { z } = groupOf(tensor, r);
      for (let i = r * cols; i < Math.min((r + 1) * cols, data.length); i++) {
        const v = data[i] as number;
        if (v < lo) lo = v;
        if (v > hi) hi = v;
        if (Math.abs(v - z) > far) far = Math.abs(v - z);
      }
    }
    return { lo, hi, far };
  }, [data, tensor, rows, cols]);
  useEffect(() => {
    const ctx = canvas.current?.getContext('2d');
    if (!ctx || !data || !stats) return;
    const map = divergingMap(Math.max(stats.far, 1));
    const image = ctx.createImageData(drawnCols, drawnRows);
    for (let y = 0; y < drawnRows; y++) {
      const r = Math.floor((y * rows) / drawnRows);
      const { z } = groupOf(tensor, r);
      for (let x = 0; x < drawnCols; x++) {
        const c = Math.floor((x * cols) / drawnCols);
        const v = (data[r * cols + c] as number) - z;
        const level = Math.round(Math.min(Math.max(v * map.levelScale + map.levelOffset, 0), 255));
        const o = (y * drawnCols + x) * 4;
        image.data[o] = map.table[level * 3] ?? 0;
        image.data[o + 1] = map.table[level * 3 + 1] ?? 0;
        image.data[o + 2] = map.table[level * 3 + 2] ?? 0;
        image.data[o + 3] = 255;
      }
    }
    ctx.putImageData(image, 0, 0);
  }, [data, stats, tensor, rows, cols, drawnRows, drawnCols]);
  const bars = useMemo(() => {
    if (!data || !stats) return null;
    const range = dtypeRange(tensor.dtype);
    // One bar per code for 8-bit codes; 64 bars over the values' span otherwise.
    const perCode = range !== null && range.qmax - range.qmin <= 255;
    const [lo, hi] = perCode ? [range.qmin, range.qmax + 1] : [stats.lo, stats.hi];
    const bins = perCode ? range.qmax - range.qmin + 1 : 64;
    return { lo, last: perCode ? range.qmax : stats.hi, ...histogram(data, lo, hi, bins, HIST_W, HIST_H) };
  }, [data, stats, tensor.dtype]);
  if (!data || !stats || !bars) return null;
  const sampled = drawnRows < rows || drawnCols < cols;
  // CSS pixels per cell: up to 8, the whole width within about 640 px.
  const pixel = Math.max(1, Math.min(8, Math.floor(640 / drawnCols)));
  const readout = at && { ...at, code: data[at.r * cols + at.c] as number, ...groupOf(tensor, at.r) };
  return (
    <div className="tensor-values">
      <h4>{i18n._('model.valuesHeading', { name: tensor.name })}</h4>
      <p className="muted">
        {i18n._('model.valuesSummary', { rows, cols, lo: stats.lo, hi: stats.hi, far: stats.far })}
        {sampled && ` ${i18n._('model.valuesSampled', { rows: drawnRows, cols: drawnCols })}`}
      </p>
      <div
        className="tensor-heatmap-scroll"
        tabIndex={0}
        role="region"
        aria-label={i18n._('model.valuesRegion', { name: tensor.name })}
      >
        <canvas
          ref={canvas}
          width={drawnCols}
          height={drawnRows}
          className="tensor-heatmap"
          style={{ width: `${drawnCols * pixel}px`, height: `${drawnRows * pixel}px` }}
          role="img"
          aria-label={i18n._('model.valuesAlt', { rows, cols, far: stats.far })}
          onPointerMove={(e) => {
            const box = e.currentTarget.getBoundingClientRect();
            const c = Math.floor(((e.clientX - box.left) / box.width) * cols);
            const r = Math.floor(((e.clientY - box.top) / box.height) * rows);
            if (r >= 0 && r < rows && c >= 0 && c < cols) setAt({ r, c });
          }}
          onPointerLeave={() => setAt(null)}
        />
      </div>
      <p className="tensor-readout">
        {readout
          ? i18n._('model.valuesReadout', {
              r: readout.r,
              c: readout.c,
              code: readout.code,
              z: readout.z,
              real: float32Text(Math.fround(readout.s * (readout.code - readout.z))),
            })
          : i18n._('model.valuesHint')}
      </p>
      <svg
        className="tensor-histogram"
        viewBox={`0 0 ${HIST_W} ${HIST_H + 14}`}
        role="img"
        aria-label={i18n._('model.histogramAlt', { lo: stats.lo, hi: stats.hi, count: data.length })}
      >
        {bars.bars.map((b, j) => (
          <rect key={j} x={b.x} y={b.y} width={Math.max(b.width, 0.5)} height={b.height} />
        ))}
        <text x={0} y={HIST_H + 12}>
          {bars.lo}
        </text>
        <text x={HIST_W} y={HIST_H + 12} textAnchor="end">
          {bars.last}
        </text>
      </svg>
    </div>
  );
}
