import { useLingui } from '@lingui/react';
import { useState } from 'react';
import type { Matrix } from '../../engine/index.ts';

/** Largest table rendered; beyond, the first rows/columns are shown and the rest summarised. */
const MAX_SHOWN = 64;

/** The heatmap's values as a table, rendered only when opened (text alternative). */
export function ValuesTable({
  caption,
  matrix,
  format,
}: {
  caption: string;
  matrix: Matrix;
  format: (x: number) => string;
}) {
  const { i18n } = useLingui();
  const [open, setOpen] = useState(false);
  const rows = Math.min(matrix.rows, MAX_SHOWN);
  const cols = Math.min(matrix.cols, MAX_SHOWN);
  return (
    <details className="values-table" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{i18n._('heatmap.table.summary')}</summary>
      {open && (
        <table>
          <caption>
            {rows < matrix.rows || cols < matrix.cols
              ? i18n._('heatmap.table.captionFirst', {
                  caption,
                  rows,
                  cols,
                  allRows: matrix.rows,
                  allCols: matrix.cols,
                })
              : caption}
          </caption>
          <thead>
            <tr>
              <td />
              {Array.from({ length: cols }, (_, j) => (
                <th key={j} scope="col">
                  {i18n._('heatmap.table.col', { n: j + 1 })}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {Array.from({ length: rows }, (_, i) => (
              <tr key={i}>
                <th scope="row">{i18n._('heatmap.table.row', { n: i + 1 })}</th>
                {Array.from({ length: cols }, (_, j) => (
                  <td key={j}>{format(matrix.data[i * matrix.cols + j] as number)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </details>
  );
}
