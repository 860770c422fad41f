import { useLingui } from '@lingui/react';
import { useId, useState } from 'react';
import { outputErrorLsb } from '../../engine/index.ts';
import { useProduct, useTrace } from '../../state/hooks.ts';
import { useAppStore } from '../../state/store.ts';
import { codeRangeName, formatShort } from '../../viz/format.ts';
import { Problem } from '../common/Problem.tsx';
import { signed } from '../../viz/int64.ts';

/** Largest block of result cells shown as buttons; beyond, pick with the row/column fields. */
const SHOWN = 8;

/** The words of a row or column field: its name and what it says of a wrong index. */
const INDEX_TEXT = {
  row: { label: 'gemm.pick.row', empty: 'gemm.pick.rowEmpty', outside: 'gemm.pick.rowOutside' },
  col: { label: 'gemm.pick.column', empty: 'gemm.pick.columnEmpty', outside: 'gemm.pick.columnOutside' },
} as const;

/**
 * A 1-based index field (row or column) of the result: an index inside it is followed at once; one
 * outside is said under the field (the cell followed stays) until it is corrected or left.
 */
function IndexField({
  axis,
  max,
  value,
  onPick,
}: {
  axis: keyof typeof INDEX_TEXT;
  max: number;
  value: number;
  onPick: (i: number) => void;
}) {
  const { i18n } = useLingui();
  const text = INDEX_TEXT[axis];
  const [draft, setDraft] = useState<string | null>(null);
  const id = useId();
  const errorId = useId();
  const inside = (text: string) => /^\d+$/.test(text) && Number(text) >= 1 && Number(text) <= max;
  const problem =
    draft === null || inside(draft)
      ? null
      : draft === ''
        ? i18n._(text.empty, { max })
        : i18n._(text.outside, { index: draft, max });
  return (
    <span className="index-field">
      <label htmlFor={id}>{i18n._(text.label)}</label>
      <input
        id={id}
        type="number"
        min={1}
        max={max}
        value={draft ?? value + 1}
        aria-invalid={problem !== null}
        aria-describedby={problem ? errorId : undefined}
        onChange={(e) => {
          const text = e.target.value.trim();
          setDraft(text);
          if (inside(text)) onPick(Number(text) - 1);
        }}
        onBlur={() => setDraft(null)}
      />
      {problem && (
        <span id={errorId} role="alert" className="error">
          {problem}
        </span>
      )}
    </span>
  );
}

/** The float ideal next to the integer result, each cell's error in output LSBs; click to follow a cell. */
export function ResultComparison() {
  const { i18n } = useLingui();
  const product = useProduct();
  const traced = useTrace();
  const select = useAppStore((s) => s.select);
  if (!product.ok) return <Problem title={i18n._('gemm.result.cannotCompute')} failure={product.failure} />;
  const { result } = product.value;
  const { rows, cols } = result.output;
  const codes = codeRangeName(result.resultParams);
  const selRow = traced.ok ? traced.value.row : 0;
  const selCol = traced.ok ? traced.value.col : 0;
  return (
    <div className="result-comparison">
      <table aria-label={i18n._('gemm.result.label', { codes })}>
        <tbody>
          {Array.from({ length: Math.min(rows, SHOWN) }, (_, i) => (
            <tr key={i}>
              {Array.from({ length: Math.min(cols, SHOWN) }, (_, k) => {
                const t = i * cols + k;
                const ideal = result.ideal.data[t] as number;
                const deq = result.dequantized.data[t] as number;
                const lsb = outputErrorLsb(result, t);
                const selected = i === selRow && k === selCol;
                // One text node per cell (three lines by CSS): edits re-lay out 2 objects per cell, not 9.
                const lines = `${signed(result.output.data[t] as number)}\n${formatShort(lsb, 2)} LSB\n${formatShort(ideal, 3)} → ${formatShort(deq, 3)}`;
                return (
                  <td key={k}>
                    <button
                      type="button"
                      className={selected ? 'result-cell is-selected' : 'result-cell'}
                      aria-pressed={selected}
                      aria-label={i18n._('gemm.result.cell', {
                        values: lines.replace(/\n/g, ' '),
                        row: i + 1,
                        col: k + 1,
                        codes,
                      })}
                      onClick={() => select({ row: i, col: k })}
                    >
                      {lines}
                    </button>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <div className="cell-picker">
        <IndexField axis="row" max={rows} value={selRow} onPick={(row) => select({ row, col: selCol })} />
        <IndexField axis="col" max={cols} value={selCol} onPick={(col) => select({ row: selRow, col })} />
        {(rows > SHOWN || cols > SHOWN) && (
          <span className="muted">
            {i18n._('gemm.result.partial', {
              shownRows: Math.min(rows, SHOWN),
              shownCols: Math.min(cols, SHOWN),
              rows,
              cols,
            })}
          </span>
        )}
      </div>
    </div>
  );
}
