import { useLingui } from '@lingui/react';
import { memo, useLayoutEffect, useRef, type KeyboardEvent } from 'react';
import type { Matrix } from '../../engine/index.ts';
import { useLit } from '../../state/hooks.ts';
import { useAppStore, type MatrixId } from '../../state/store.ts';
import { useView } from '../../state/view.ts';
import type { ColourMap } from '../../viz/colour.ts';
import { Legend } from './Legend.tsx';
import { renderHeatmap } from './renderHeatmap.ts';
import { ValuesTable } from './ValuesTable.tsx';

/** Props of {@link Heatmap}. */
interface HeatmapProps {
  id: MatrixId;
  /** e.g. "LHS float". */
  title: string;
  matrix: Matrix;
  map: ColourMap;
  /** How to print a value (legend, table). */
  format: (x: number) => string;
}

/** On-screen size of one cell: large for small matrices, down to 1 px for 512-wide ones. */
function cellSize(rows: number, cols: number): number {
  return Math.max(1, Math.min(30, Math.floor(200 / Math.max(rows, cols))));
}

/**
 * One heatmap on a canvas (React owns the element, renderHeatmap paints it). Hover, a tap, or focus
 * and arrow keys pick a cell; the pick is shared through the store, so every view lights it.
 */
export const Heatmap = memo(function Heatmap({ id, title, matrix, map, format }: HeatmapProps) {
  const { i18n } = useLingui();
  const canvas = useRef<HTMLCanvasElement>(null);
  const setHover = useAppStore((s) => s.setHover);
  const hover = useView((s) => (s.hover?.matrix === id ? s.hover : null));
  const lit = useLit(id);
  const select = useAppStore((s) => s.select);
  const { rows, cols } = matrix;
  const size = cellSize(rows, cols);

  useLayoutEffect(() => {
    const ctx = canvas.current?.getContext('2d');
    if (ctx) renderHeatmap(ctx, rows, cols, matrix.data, map);
  }, [rows, cols, matrix, map]);

  /** The cell under a pointer, if any. */
  const cellAt = (clientX: number, clientY: number) => {
    const rect = canvas.current?.getBoundingClientRect();
    if (!rect) return null;
    const col = Math.floor(((clientX - rect.left) / rect.width) * cols);
    const row = Math.floor(((clientY - rect.top) / rect.height) * rows);
    return row >= 0 && col >= 0 && row < rows && col < cols ? { row, col } : null;
  };
  const pick = (clientX: number, clientY: number) => {
    const cell = cellAt(clientX, clientY);
    if (cell) setHover({ matrix: id, ...cell });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'Enter' && id === 'result' && hover) {
      e.preventDefault();
      select({ row: hover.row, col: hover.col });
      return;
    }
    const moves: Record<string, [number, number]> = {
      ArrowUp: [-1, 0],
      ArrowDown: [1, 0],
      ArrowLeft: [0, -1],
      ArrowRight: [0, 1],
    };
    const d = moves[e.key];
    if (!d) return;
    e.preventDefault();
    const row = Math.max(0, Math.min(rows - 1, (hover?.row ?? 0) + d[0]));
    const col = Math.max(0, Math.min(cols - 1, (hover?.col ?? 0) + d[1]));
    setHover({ matrix: id, row, col });
  };

  return (
    <figure className="heatmap">
      <figcaption>{title}</figcaption>
      <div
        className="heatmap-frame"
        tabIndex={0}
        role="group"
        aria-label={
          id === 'result'
            ? i18n._('heatmap.map.labelResult', { title, rows, cols })
            : i18n._('heatmap.map.label', { title, rows, cols })
        }
        style={{ width: cols * size, height: rows * size }}
        onPointerMove={(e) => pick(e.clientX, e.clientY)}
        onPointerDown={(e) => pick(e.clientX, e.clientY)}
        onPointerLeave={(e) => {
          // A finger "leaves" as it lifts: the tapped cell stays picked until the next tap.
          if (e.pointerType !== 'touch') setHover(null);
        }}
        onClick={(e) => {
          const cell = id === 'result' ? cellAt(e.clientX, e.clientY) : null;
          if (cell) select(cell);
        }}
        onFocus={() => {
          if (!hover) setHover({ matrix: id, row: 0, col: 0 });
        }}
        onKeyDown={onKeyDown}
      >
        <canvas ref={canvas} width={cols} height={rows} className="heatmap-canvas" aria-hidden="true" />
        {lit.row !== null && lit.row < rows && (
          <div
            className="heatmap-band"
            aria-hidden="true"
            style={{ left: 0, top: lit.row * size, width: cols * size, height: size }}
          />
        )}
        {lit.col !== null && lit.col < cols && (
          <div
            className="heatmap-band"
            aria-hidden="true"
            style={{ left: lit.col * size, top: 0, width: size, height: rows * size }}
          />
        )}
        {lit.cell && lit.cell.row < rows && lit.cell.col < cols && (
          <div
            className="heatmap-current"
            aria-hidden="true"
            style={{ left: lit.cell.col * size, top: lit.cell.row * size, width: size, height: size }}
          />
        )}
        {hover && hover.row < rows && hover.col < cols && (
          <div
            className="heatmap-pick"
            aria-hidden="true"
            style={{ left: hover.col * size, top: hover.row * size, width: size, height: size }}
          />
        )}
      </div>
      <Legend map={map} format={format} />
      <ValuesTable caption={title} matrix={matrix} format={format} />
    </figure>
  );
});
