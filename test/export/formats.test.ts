/** Matrices and the state as files: exact values back, NumPy's dtype, the link's fields. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { numpyIntType, toCsv, toNumpy, toStateJson } from '../../src/export/formats.ts';
import { decodeLink, encodeLink, linkPayload } from '../../src/permalink/codec.ts';
import { useAppStore } from '../../src/state/store.ts';

const floats = (rows: number, cols: number, data: number[]) => ({
  kind: 'float' as const,
  m: { rows, cols, data: Float32Array.from(data) },
});

describe('export formats', () => {
  it('writes CSV and NumPy that read back to the same float32 bits, −0 and subnormals included', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 6 }),
        fc.float32Array({ minLength: 36, maxLength: 36, noNaN: true, noDefaultInfinity: true }),
        (rows, cols, all) => {
          const data = all.slice(0, rows * cols);
          const e = { kind: 'float' as const, m: { rows, cols, data } };
          const csv = toCsv(e)
            .trim()
            .split('\n')
            .map((line) => line.split(',').map((t) => Math.fround(Number(t))));
          expect(csv.flat()).toEqual(Array.from(data));
          const numpy = toNumpy(e);
          const body = /^np\.array\(\[(.*)\], dtype=np\.float32\)\n$/s.exec(numpy)?.[1] ?? '';
          const rowsBack = [...body.matchAll(/\[([^\]]*)\]/g)].map((m) =>
            (m[1] ?? '').split(', ').map((t) => Math.fround(Number(t))),
          );
          expect(rowsBack).toHaveLength(rows);
          expect(rowsBack.flat()).toEqual(Array.from(data));
        },
      ),
    );
  });

  it('keeps −0 as −0.0 for Python (which reads -0 as the integer 0)', () => {
    expect(toNumpy(floats(1, 2, [-0, 1.5]))).toBe('np.array([[-0.0, 1.5]], dtype=np.float32)\n');
    expect(toCsv(floats(2, 1, [-0, 0.1]))).toBe('-0\n0.1\n');
  });

  it('gives codes the NumPy integer type of their range', () => {
    const codes = (qmin: number, qmax: number) => ({
      kind: 'codes' as const,
      m: { rows: 1, cols: 3, data: Int32Array.of(qmin, 0, qmax) },
      qmin,
      qmax,
    });
    expect(toNumpy(codes(0, 255))).toBe('np.array([[0, 0, 255]], dtype=np.uint8)\n');
    expect(toNumpy(codes(-127, 127))).toBe('np.array([[-127, 0, 127]], dtype=np.int8)\n');
    expect(numpyIntType(-8, 7)).toBe('int8');
    expect(numpyIntType(0, 65535)).toBe('uint16');
    expect(numpyIntType(-32768, 32767)).toBe('int16');
    expect(numpyIntType(-(2 ** 31), 2 ** 31 - 1)).toBe('int32');
  });

  it('writes the state as the JSON of its link: the same fields restore the same state', () => {
    const state = { ...useAppStore.getState(), lesson: 4 };
    const file = JSON.parse(toStateJson(linkPayload(state), 1)) as { state: Record<string, unknown> };
    expect(file.state).toEqual(JSON.parse(JSON.stringify(linkPayload(state))));
    const decoded = decodeLink(encodeLink(state));
    expect(decoded.ok && decoded.state.lesson).toBe(4);
    expect(file.state.ch).toBe(5);
  });
});
