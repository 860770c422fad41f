import { describe, expect, it } from 'vitest';
import { parseMatrix, parseValues, type BlockProblem } from '../../src/input/parseMatrix.ts';

function rowsOf(text: string): number[][] | BlockProblem {
  const r = parseMatrix(text);
  if (!r.ok) return r.problem;
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
  it('names the row and column of a bad entry, as pasted', () => {
    expect(rowsOf('1\t2\n3\tNaN')).toEqual({
      kind: 'cell',
      row: 1,
      col: 1,
      problem: { kind: 'notFinite', text: 'NaN' },
    });
  });
  it('refuses ragged rows, empty text and blocks over 512×512', () => {
    expect(rowsOf('1\t2\n3')).toEqual({ kind: 'ragged', row: 1, length: 1, expected: 2 });
    expect(rowsOf('  \n ')).toEqual({ kind: 'noNumbers' });
    expect(rowsOf(Array.from({ length: 513 }, () => '1').join('\n'))).toEqual({
      kind: 'tooBig',
      rows: 513,
      cols: 1,
      max: 512,
    });
  });
  it('leaves out a spreadsheet’s header row and its column of row labels, and says so', () => {
    const r = parseMatrix('\tw1\tw2\nx1\t0.5\t-1\nx2\t2\t3\n');
    expect(r.ok && r.skipped).toEqual({ header: ['', 'w1', 'w2'], labels: true });
    expect(rowsOf('\tw1\tw2\nx1\t0.5\t-1\nx2\t2\t3\n')).toEqual([
      [0.5, -1],
      [2, 3],
    ]);
    expect(rowsOf('a,b\n1,2')).toEqual([[1, 2]]);
    const plain = parseMatrix('1\t2');
    expect(plain.ok && plain.skipped).toEqual({ header: null, labels: false });
  });
  it('explains decimal commas between tabs (a European spreadsheet) instead of taking them for a header and labels', () => {
    expect(rowsOf('1,5\t2,25\n3,5\t4')).toEqual({
      kind: 'cell',
      row: 0,
      col: 0,
      problem: { kind: 'severalNumbers', text: '1,5', count: 2 },
    });
    expect(rowsOf('NaN\t1\n2\t3')).toEqual({
      kind: 'cell',
      row: 0,
      col: 0,
      problem: { kind: 'notFinite', text: 'NaN' },
    });
  });
  it('counts rows as lines of the pasted text, blank lines included', () => {
    expect(rowsOf('1\t2\n\n3')).toEqual({ kind: 'ragged', row: 2, length: 1, expected: 2 });
    expect(rowsOf('\n1\t2\n\n3\t4\n')).toEqual([
      [1, 2],
      [3, 4],
    ]);
  });
  it('names the column of a bad entry under a header as pasted (the header counts as row 1)', () => {
    expect(rowsOf('A\tB\tC\n1\t2\tx\n')).toEqual({
      kind: 'cell',
      row: 1,
      col: 2,
      problem: { kind: 'notANumber', text: 'x' },
    });
  });
  it('reads what a Chinese input method types: full-width commas, ideographic commas and full stops', () => {
    expect(rowsOf('1，2，3\n4，5，6')).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(rowsOf('0。5、1\n２、－３')).toEqual([
      [0.5, 1],
      [2, -3],
    ]);
  });
});

describe('parseValues', () => {
  const values = (text: string, max = 1000) => {
    const r = parseValues(text, max);
    if (!r.ok) throw new Error(JSON.stringify(r.problem));
    return Array.from(r.values);
  };

  it('reads any layout as one list in reading order: a line, lines, ragged rows, numpy, JSON, CSV with a header', () => {
    expect(values('1 2.5 -3')).toEqual([1, 2.5, -3]);
    expect(values('1\n2\n\n3\n')).toEqual([1, 2, 3]);
    expect(values('1, 2, 3\n4')).toEqual([1, 2, 3, 4]);
    expect(values('array([[ 0.5, -1. ],\n       [ 2. ,  3. , 4. ]], dtype=float32)')).toEqual([0.5, -1, 2, 3, 4]);
    expect(values('[[1, 2], [3]]')).toEqual([1, 2, 3]);
    expect(values('activation\n0.25\n0.75')).toEqual([0.25, 0.75]);
    // Longer than a matrix may be wide.
    expect(values(Array.from({ length: 900 }, (_, k) => k).join(' '))).toHaveLength(900);
  });

  it('names the first entry it cannot read, refuses too many values and no values', () => {
    expect(parseValues('1 2\n3 oops', 10)).toMatchObject({
      ok: false,
      problem: { kind: 'cell', row: 1, col: 1, problem: { kind: 'notANumber' } },
    });
    expect(parseValues('1 2 3 4', 3)).toEqual({ ok: false, problem: { kind: 'tooMany', count: 4, max: 3 } });
    expect(parseValues(' \n ', 3)).toEqual({ ok: false, problem: { kind: 'noNumbers' } });
    expect(parseValues('1 NaN', 3)).toMatchObject({ ok: false, problem: { kind: 'cell', col: 1 } });
  });
});
