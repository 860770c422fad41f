import type { Matrix } from '../../engine/index.ts';

/** Props of {@link MatrixTable}. */
interface MatrixTableProps {
  /** Accessible caption naming the matrix. */
  caption: string;
  /** The matrix to show. */
  matrix: Matrix;
  /** How to print one entry. */
  format?: (x: number) => string;
}

/** A small read-only matrix as a table (screen-reader friendly). */
export function MatrixTable({ caption, matrix, format = String }: MatrixTableProps) {
  const rows = Array.from({ length: matrix.rows }, (_, i) =>
    Array.from({ length: matrix.cols }, (_, j) => matrix.data[i * matrix.cols + j] as number),
  );
  return (
    <table className="matrix-table">
      <caption>{caption}</caption>
      <tbody>
        {rows.map((row, i) => (
          <tr key={i}>
            {row.map((v, j) => (
              <td key={j}>{format(v)}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
