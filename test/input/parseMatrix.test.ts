import { describe, expect, it } from 'vitest';
import { parseMatrix } from '../../src/input/parseMatrix.ts';

function rowsOf(text: string): number[][] | string {
  const r = parseMatrix(text);
  if (!r.ok) return r.message;
  const { rows, cols, data } = r.matrix;
  return Array.from({ length: rows }, (_, i) => Array.from(data.subarray(i * cols, (i + 1) * cols)));
}

describe('parseMatrix', () => {
  it('reads a spreadsheet block (tabs) with a trailing newline', () => {
    expect(rowsOf('1\t2\t3\n4\t5\t6\n')).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
  });
  it('reads CSV and semicolons', () => {
    expect(rowsOf('1,2\n3,4')).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(rowsOf('1;2\r\n3;4')).toEqual([
      [1, 2],
      [3, 4],
    ]);
  });
  it("reads numpy's printed arrays", () => {
    expect(rowsOf('[[ 0.5  -1.  ]\n [ 2.   3.25]]')).toEqual([
      [0.5, -1],
      [2, 3.25],
    ]);
    expect(rowsOf('array([[1., 2.],\n       [3., 4.]], dtype=float32)')).toEqual([
      [1, 2],
      [3, 4],
    ]);
  });
  it('reads JSON nested arrays and a single row', () => {
    expect(rowsOf('[[1, 2.5], [-3, 4e-1]]')).toEqual([
      [1, 2.5],
      [-3, Math.fround(0.4)],
    ]);
    expect(rowsOf('[1, 2, 3]')).toEqual([[1, 2, 3]]);
  });
  it('reads whitespace-separated columns', () => {
    expect(rowsOf('1 2\n3 4')).toEqual([
      [1, 2],
      [3, 4],
    ]);
  });
  it('names the row and column of a bad entry', () => {
    expect(rowsOf('1\t2\n3\tNaN')).toMatch(/Row 2, column 2: “NaN” is not a number/);
  });
  it('refuses ragged rows, empty text and blocks over 512×512', () => {
    expect(rowsOf('1\t2\n3')).toMatch(/Row 2 has 1 values but row 1 has 2/);
    expect(rowsOf('  \n ')).toMatch(/no numbers/);
    expect(rowsOf(Array.from({ length: 513 }, () => '1').join('\n'))).toMatch(/513×1 is too large/);
  });
});
