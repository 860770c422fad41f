import { useLingui } from '@lingui/react';
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { FloatMatrix } from '../../engine/index.ts';
import { parseNumber } from '../../input/parseNumber.ts';
import { formatFloat32 } from '../../viz/format.ts';
import { numberRefusedText } from '../common/inputText.ts';
import { matrixName } from '../common/names.ts';
import { groupName } from '../common/schemeText.ts';
import { useExtremes, useLit } from '../../state/hooks.ts';
import { useAppStore, type InputId } from '../../state/store.ts';
import { useView } from '../../state/view.ts';
import { GridCell, type Move } from './GridCell.tsx';
import { useGridGeometry } from './useGridGeometry.ts';
import { useScrub } from './useScrub.ts';
import { cellName } from './words.ts';

/** The viewport shows up to this many columns and rows (then it scrolls); a few more are rendered around. */
const VIEW_COLS = 6;
const VIEW_ROWS = 8;
const OVERSCAN = 2;
/** Room for a scroll bar. */
const SCROLLBAR = 20;

/** A refused edit or paste, shown under the grid (and linked to its cell when it has one). */
export interface CellError {
  readonly cell: { readonly row: number; readonly col: number } | null;
  /** The message, worded when shown (so that it follows a language switch). */
  readonly message: () => string;
}

/** Props of {@link EditorGrid}. */
interface EditorGridProps {
  id: InputId;
  label: string;
  matrix: FloatMatrix;
  error: CellError | null;
  errorId: string;
  onError: (error: CellError | null) => void;
  /** Pasted text: the editor decides whether it is one value or a block. */
  onPaste: (text: string, row: number, col: number) => void;
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.max(lo, Math.min(hi, x));
}

/** from, from + 1, …, to − 1. */
function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from) }, (_, t) => from + t);
}

/**
 * A spreadsheet-like, virtualized grid: only the visible cells (plus a margin) are in the DOM,
 * so a 512×512 paste stays responsive. One Tab stop (the active cell, always rendered): arrows and
 * Enter move inside, Tab leaves.
 */
export function EditorGrid({ id, label, matrix, error, errorId, onError, onPaste }: EditorGridProps) {
  const { i18n } = useLingui();
  const { rows, cols } = matrix;
  const setCell = useAppStore((s) => s.setCell);
  const setHover = useAppStore((s) => s.setHover);
  const hover = useView((s) => s.hover);
  const extremes = useExtremes(id);
  const scheme = useView((s) => s.productOptions.schemes[id]);
  // Per channel or block, the marks are those of the group picked in the parameter card.
  const extremesOf =
    extremes?.group == null
      ? label
      : i18n._('editor.groupOf', { matrix: label, group: groupName(scheme, extremes.group, matrix) });
  const lit = useLit(id);
  const viewport = useRef<HTMLDivElement>(null);
  const probe = useRef<HTMLDivElement>(null);
  const { cellW, cellH, headW } = useGridGeometry(probe, matrix);
  const viewW = VIEW_COLS * cellW + headW + SCROLLBAR;
  const viewH = (VIEW_ROWS + 1) * cellH + SCROLLBAR;
  const [scroll, setScroll] = useState({ top: 0, left: 0 });
  const [active, setActive] = useState({ row: 0, col: 0 });
  const [focusRequest, setFocusRequest] = useState(0);

  // Keep the active cell inside the matrix when it shrinks.
  const activeRow = Math.min(active.row, rows - 1);
  const activeCol = Math.min(active.col, cols - 1);

  const r0 = clamp(Math.floor(scroll.top / cellH) - OVERSCAN, 0, rows);
  const r1 = clamp(Math.ceil((scroll.top + viewH) / cellH) + OVERSCAN, 0, rows);
  const c0 = clamp(Math.floor(scroll.left / cellW) - OVERSCAN, 0, cols);
  const c1 = clamp(Math.ceil((scroll.left + viewW) / cellW) + OVERSCAN, 0, cols);

  // The viewport's size, kept by a ResizeObserver so that moving never forces a layout to read it.
  const viewSize = useRef({ width: 0, height: 0 });
  useLayoutEffect(() => {
    const el = viewport.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => {
      viewSize.current = { width: el.clientWidth, height: el.clientHeight };
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const scrollTo = useCallback(
    (row: number, col: number) => {
      const el = viewport.current;
      const { width, height } = viewSize.current;
      if (!el || height === 0) return; // not laid out (e.g. jsdom): nothing to scroll
      const top = row * cellH;
      const left = col * cellW;
      const shownH = height - cellH;
      const shownW = width - headW;
      let { top: scrollTop, left: scrollLeft } = scroll;
      if (top < scrollTop) scrollTop = top;
      else if (top + cellH > scrollTop + shownH) scrollTop = top + cellH - shownH;
      if (left < scrollLeft) scrollLeft = left;
      else if (left + cellW > scrollLeft + shownW) scrollLeft = left + cellW - shownW;
      if (scrollTop === scroll.top && scrollLeft === scroll.left) return;
      el.scrollTo({ top: scrollTop, left: scrollLeft });
      setScroll({ top: scrollTop, left: scrollLeft });
    },
    [scroll, cellH, cellW, headW],
  );

  useLayoutEffect(() => {
    if (focusRequest === 0) return;
    const el = viewport.current?.querySelector<HTMLInputElement>(`[data-cell="${activeRow},${activeCol}"]`);
    el?.focus({ preventScroll: true }); // scrollTo already placed it; skip a second layout pass
  }, [focusRequest, activeRow, activeCol]);

  const onMove = useCallback(
    (row: number, col: number, move: Move) => {
      let r = row;
      let c = col;
      if (move === 'up') r = Math.max(0, row - 1);
      else if (move === 'down') r = Math.min(rows - 1, row + 1);
      else if (move === 'left') c = Math.max(0, col - 1);
      else c = Math.min(cols - 1, col + 1);
      scrollTo(r, c);
      setActive({ row: r, col: c });
      // Focus now, in the event, where the page is laid out and React renders the edit and the
      // focus move together; a cell outside the rendered window is focused once React renders it.
      const target = viewport.current?.querySelector<HTMLInputElement>(`[data-cell="${r},${c}"]`);
      if (target) target.focus({ preventScroll: true });
      else setFocusRequest((n) => n + 1);
    },
    [rows, cols, scrollTo],
  );

  // Callbacks read the matrix at call time, so they stay the same object across edits and the
  // memoized cells that did not change do not re-render.
  const onCommit = useCallback(
    (row: number, col: number, text: string): boolean => {
      const parsed = parseNumber(text);
      if (!parsed.ok) {
        const current = useAppStore.getState()[id];
        const kept = current.data[row * current.cols + col] as number;
        const { problem } = parsed;
        onError({
          cell: { row, col },
          message: () => numberRefusedText(cellName(matrixName(id), row, col), problem, formatFloat32(kept)),
        });
        return false;
      }
      onError(null);
      setCell(id, row, col, parsed.value);
      return true;
    },
    [id, setCell, onError],
  );

  const onFocusCell = useCallback(
    (row: number, col: number) => {
      setActive({ row, col });
      setHover({ matrix: id, row, col });
    },
    [id, setHover],
  );
  const onHoverCell = useCallback((row: number, col: number) => setHover({ matrix: id, row, col }), [id, setHover]);
  const onScrubStart = useScrub(id);

  useEffect(() => {
    if (error?.cell && (error.cell.row >= rows || error.cell.col >= cols)) onError(null);
  }, [error, rows, cols, onError]);

  const hoverHere = hover?.matrix === id ? hover : null;

  // The rendered window, plus the active cell wherever it is: the grid's one Tab stop must exist.
  const span = (from: number, to: number, always: number) =>
    always < from || always >= to ? [always, ...range(from, to)] : range(from, to);
  const visibleRows = [];
  for (const i of span(r0, r1, activeRow)) {
    const cells = [];
    for (const j of i === activeRow ? span(c0, c1, activeCol) : range(c0, c1)) {
      const t = i * cols + j;
      const marked = extremes !== null && extremes.inGroup(i, j);
      const isMin = marked && matrix.data[t] === extremes.min;
      const isMax = marked && matrix.data[t] === extremes.max;
      const marks = [
        isMin && 'is-min',
        isMax && 'is-max',
        hoverHere?.row === i && hoverHere.col === j && 'is-hover',
        (lit.row === i || lit.col === j) && 'is-lit',
        lit.cell?.row === i && lit.cell.col === j && 'is-current',
      ]
        .filter(Boolean)
        .join(' ');
      const note =
        isMin && isMax
          ? i18n._('editor.minAndMaxOf', { what: extremesOf })
          : isMin
            ? i18n._('editor.minOf', { what: extremesOf })
            : isMax
              ? i18n._('editor.maxOf', { what: extremesOf })
              : undefined;
      cells.push(
        <div key={j} className="cell-slot" style={{ left: headW + j * cellW, width: cellW }}>
          <GridCell
            label={cellName(label, i, j)}
            row={i}
            col={j}
            value={matrix.data[t] as number}
            active={i === activeRow && j === activeCol}
            marks={marks}
            note={note}
            errorId={error?.cell?.row === i && error.cell.col === j ? errorId : undefined}
            onCommit={onCommit}
            onMove={onMove}
            onFocusCell={onFocusCell}
            onHoverCell={onHoverCell}
            onScrubStart={onScrubStart}
          />
        </div>,
      );
    }
    visibleRows.push(
      <div
        role="row"
        aria-rowindex={i + 2}
        key={i}
        className="grid-row"
        style={{ top: cellH + i * cellH, width: headW + cols * cellW }}
      >
        <div role="rowheader" className="row-head" aria-colindex={1}>
          {i + 1}
        </div>
        {cells}
      </div>,
    );
  }
  const colHeads = [];
  for (let j = c0; j < c1; j++) {
    colHeads.push(
      <div
        role="columnheader"
        aria-colindex={j + 2}
        key={j}
        className="col-head"
        style={{ left: headW + j * cellW, width: cellW }}
      >
        {j + 1}
      </div>,
    );
  }

  return (
    <div
      ref={viewport}
      className="grid-viewport"
      style={{ maxWidth: `min(100%, ${viewW}px)`, maxHeight: viewH }}
      onScroll={(e) => setScroll({ top: e.currentTarget.scrollTop, left: e.currentTarget.scrollLeft })}
      onPaste={(e) => {
        e.preventDefault();
        onPaste(e.clipboardData.getData('text/plain'), activeRow, activeCol);
      }}
      onPointerLeave={() => setHover(null)}
    >
      <div ref={probe} className="grid-probe" aria-hidden="true">
        <span>0000000000</span>
      </div>
      <div
        role="grid"
        aria-label={i18n._('editor.gridName', { matrix: label, rows, cols })}
        aria-rowcount={rows + 1}
        aria-colcount={cols + 1}
        className="grid-canvas"
        style={{ width: headW + cols * cellW, height: cellH + rows * cellH }}
      >
        <div role="row" aria-rowindex={1} className="grid-row head-row" style={{ width: headW + cols * cellW }}>
          <div role="columnheader" aria-colindex={1} className="corner">
            <span className="visually-hidden">{i18n._('editor.rowHead')}</span>
          </div>
          {colHeads}
        </div>
        {visibleRows}
      </div>
    </div>
  );
}
