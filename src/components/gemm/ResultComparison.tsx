import { useId, useState } from 'react';
import { outputErrorLsb } from '../../engine/index.ts';
import { useProduct, useTrace } from '../../state/hooks.ts';
import { useAppStore } from '../../state/store.ts';
import { codeRangeName, formatShort } from '../../viz/format.ts';
import { Problem } from '../common/Problem.tsx';
import { signed } from '../../viz/int64.ts';

/** Largest block of result cells shown as buttons; beyond, pick with the row/column fields. */
const SHOWN = 8;

/**
 * A 1-based index field (row or column) of the result: an index inside it is followed at once; one
 * outside is said under the field (the cell followed stays) until it is corrected or left.
 */
function IndexField({
  label,
  max,
  value,
  onPick,
}: {
  label: string;
  max: number;
  value: number;
  onPick: (i: number) => void;
}) {
  const [draft, setDraft] = useState<string | null>(null);
  const id = useId();
  const errorId = useId();
  const inside = (text: string) => /^\d+$/.test(text) && Number(text) >= 1 && Number(text) <= max;
  const problem =
    draft === null || inside(draft)
      ? null
      : draft === ''
        ? `Type a ${label} from 1 to ${max}.`
        : `The result has no ${label} ${draft}: it has ${max} (1 to ${max}).`;
  return (
    <span className="index-field">
      <label htmlFor={id}>{label}</label>
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
  const product = useProduct();
  const traced = useTrace();
  const select = useAppStore((s) => s.select);
  if (!product.ok) return <Problem title="The integer product cannot be computed" failure={product.failure} />;
  const { result } = product.value;
  const { rows, cols } = result.output;
  const codes = codeRangeName(result.resultParams);
  const selRow = traced.ok ? traced.value.row : 0;
  const selCol = traced.ok ? traced.value.col : 0;
  return (
    <div className="result-comparison">
      <table
        aria-label={`Result: ${codes} code, error in output LSBs, float ideal → dequantized; choose a cell to follow`}
      >
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
                      aria-label={`${lines.replace(/\n/g, ' ')}: follow result row ${i + 1}, column ${k + 1} (${codes} code, error, ideal → dequantized)`}
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
        <IndexField label="row" max={rows} value={selRow} onPick={(row) => select({ row, col: selCol })} />
        <IndexField label="column" max={cols} value={selCol} onPick={(col) => select({ row: selRow, col })} />
        {(rows > SHOWN || cols > SHOWN) && (
          <span className="muted">
            Showing the first {Math.min(rows, SHOWN)} × {Math.min(cols, SHOWN)} of {rows} × {cols}; pick any cell here
            or click it on the result heatmaps.
          </span>
        )}
      </div>
    </div>
  );
}
