/**
 * The ONNX reader and kernels: every ONNX node test in shared/fixtures (outputs compared bit for bit
 * with ONNX's reference), damaged and hostile files (each refused with a typed ModelError and nothing
 * else), the small floats' codes, and the quantization the reader attaches to values.
 */
import { describe, expect, it } from 'vitest';
import { ModelError } from '../../src/models/problems.ts';
import { readOnnx, readOnnxTensor } from '../../src/models/onnx/read.ts';
import { ONNX_KERNELS, onnxRequantization, type Kernel, type Value } from '../../src/models/onnx/ops.ts';
import {
  MINIFLOATS,
  decodeMinifloat,
  encodeMinifloat,
  roundToFloat,
  roundToMinifloat,
} from '../../src/models/onnx/dtypes.ts';
import { checkedBytes, exact, fixtureNames, loadNodeTest, runModel } from './onnxFixtures.ts';
import { floatTensor, intTensor, modelBytes, node, recursionBomb } from './onnxBytes.ts';

/** The ModelError `run` throws (any other throw, or none, fails the test). */
function refusal(run: () => unknown): ModelError['problem'] {
  try {
    run();
  } catch (e) {
    if (e instanceof ModelError) return e.problem;
    throw e;
  }
  throw new Error('expected a ModelError, but nothing was thrown');
}

/** readOnnx either reads the bytes or throws a ModelError: anything else fails the test. */
function readsOrRefuses(bytes: Uint8Array): string {
  try {
    readOnnx(bytes);
    return 'read';
  } catch (e) {
    if (e instanceof ModelError) return e.problem.kind;
    throw e;
  }
}

const names = fixtureNames();

describe('ONNX node tests (onnx v1.22.0 backend data), bit-exact', () => {
  it('finds the fixtures', () => expect(names.length).toBeGreaterThanOrEqual(45));

  it.each(names)('%s', (name) => {
    const { model, inputs, expected } = loadNodeTest(name);
    expect(model.format).toBe('onnx');
    expect(model.inputs.length).toBe(inputs.length);
    const outputs = runModel(model, inputs);
    expect(outputs.length).toBe(expected.length);
    outputs.forEach((out, k) => {
      const want = expected[k] as Value;
      expect(out.dtype).toBe(want.dtype);
      expect([...out.shape]).toEqual([...want.shape]);
      expect(exact(out)).toEqual(exact(want));
    });
  });
});

describe('readOnnx', () => {
  const conv = () => checkedBytes('onnx-node/test_qlinearconv/model.onnx');

  it('reads names, shapes, dtypes, nodes and metadata', () => {
    const model = readOnnx(conv());
    expect(model.tensors.map((t) => t.name)).toEqual([
      'x',
      'x_scale',
      'x_zero_point',
      'w',
      'w_scale',
      'w_zero_point',
      'y_scale',
      'y_zero_point',
      'y',
    ]);
    expect(model.tensors[0]).toMatchObject({ dtype: 'uint8', shape: [1, 1, 7, 7], data: null });
    expect(model.nodes).toEqual([
      { op: 'QLinearConv', inputs: [0, 1, 2, 3, 4, 5, 6, 7], outputs: [8], attributes: {} },
    ]);
    expect(model.outputs).toEqual([8]);
    expect(model.metadata).toMatchObject({ ir_version: '5', 'opset_import.ai.onnx': '10' });
  });

  it('reads packed int4 and float8 codes from int32_data', () => {
    const int4 = readOnnxTensor(checkedBytes('onnx-node/test_dequantizelinear_int4/test_data_set_0/input_0.pb'));
    expect(int4).toMatchObject({ dtype: 'int4', shape: [5] });
    expect(Array.from(int4.data).every((v) => v >= -8 && v <= 7)).toBe(true);
    const fp8 = readOnnxTensor(checkedBytes('onnx-node/test_quantizelinear_e4m3fn/test_data_set_0/output_0.pb'));
    // [0, 0.5, 1, 448, 96] as e4m3fn codes.
    expect(Array.from(fp8.data)).toEqual([0x00, 0x30, 0x38, 0x7e, 0x6c]);
  });

  it('refuses a file cut in half (outOfBounds), and every cut reads or refuses', () => {
    const bytes = conv();
    expect(refusal(() => readOnnx(bytes.slice(0, bytes.length >> 1))).kind).toBe('outOfBounds');
    for (let n = 0; n < bytes.length; n++) readsOrRefuses(bytes.slice(0, n));
    expect(readsOrRefuses(bytes.slice(0, 0))).toBe('noGraph');
  });

  it('refuses a damaged tag (malformed) and every flipped byte reads or refuses', () => {
    const bytes = conv();
    const damaged = bytes.slice();
    damaged[0] = 0x0f; // field 1 with wire type 7
    expect(refusal(() => readOnnx(damaged))).toMatchObject({ kind: 'malformed', detail: 'wireType7' });
    const kinds = new Set<string>();
    for (let i = 0; i < bytes.length; i++) {
      const flipped = bytes.slice();
      flipped[i] = (flipped[i] ?? 0) ^ 0xff;
      kinds.add(readsOrRefuses(flipped));
    }
    expect(kinds.has('outOfBounds') || kinds.has('malformed')).toBe(true);
  });

  it('refuses random bytes with a ModelError', () => {
    let seed = 12345;
    const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 24;
    for (let t = 0; t < 200; t++) {
      const bytes = Uint8Array.from({ length: 1 + (t % 64) * 7 }, next);
      readsOrRefuses(bytes);
    }
    expect(refusal(() => readOnnx(Uint8Array.from([0xff, 0xff, 0xff])))).toMatchObject({ kind: 'outOfBounds' });
  });

  it('refuses a recursion bomb of 10,000 nested graphs (tooDeep)', () => {
    expect(refusal(() => readOnnx(recursionBomb(10_000)))).toEqual({
      kind: 'tooDeep',
      format: 'onnx',
      depth: 65,
      max: 64,
    });
    // A few levels are fine.
    expect(readOnnx(recursionBomb(3)).nodes).toHaveLength(1);
  });

  it('refuses raw_data of the wrong length (dataSizeMismatch)', () => {
    const w = floatTensor('w', [2, 3], [1, 2, 3, 4, 5]);
    expect(refusal(() => readOnnx(modelBytes([node('Relu', ['w'], ['y'])], [w])))).toEqual({
      kind: 'dataSizeMismatch',
      tensor: 'w',
      expected: 24,
      actual: 20,
    });
  });

  it('refuses dims whose product overflows (shapeTooLarge) and negative dims (badShape)', () => {
    const huge = intTensor('w', 2, [1 << 20, 1 << 20], []);
    expect(refusal(() => readOnnx(modelBytes([node('Relu', ['w'], ['y'])], [huge])))).toMatchObject({
      kind: 'shapeTooLarge',
      tensor: 'w',
      max: 2 ** 28,
    });
    const overflow = intTensor('w', 2, [2 ** 62, 4], []);
    expect(refusal(() => readOnnx(modelBytes([], [overflow]))).kind).toBe('shapeTooLarge');
    const negative = intTensor('w', 2, [-3], []);
    expect(refusal(() => readOnnx(modelBytes([], [negative]))).kind).toBe('badShape');
  });

  it('refuses a node input naming an undefined value (unknownValue)', () => {
    expect(refusal(() => readOnnx(modelBytes([node('Add', ['x', 'nope'], ['y'])], [], ['x'])))).toEqual({
      kind: 'unknownValue',
      at: 'graph.node[0].input[1]',
      name: 'nope',
    });
  });

  it('keeps an optional input left out as −1 and attaches quantization from constant parameters', () => {
    const bytes = modelBytes(
      [node('QuantizeLinear', ['x', 's', 'z'], ['q'], { axis: 0 }), node('DequantizeLinear', ['q', 's', ''], ['r'])],
      [floatTensor('s', [2], [0.5, 0.25]), intTensor('z', 2, [2], [128, 3])],
      ['x'],
    );
    const model = readOnnx(bytes);
    expect(model.nodes[1]?.inputs).toEqual([3, 0, -1]);
    const q = model.tensors.find((t) => t.name === 'q');
    expect(q?.quantization).toEqual({ scales: Float32Array.of(0.5, 0.25), zeroPoints: Int32Array.of(128, 3), axis: 0 });
    expect(model.tensors.find((t) => t.name === 'x')?.quantization).toBeNull();
  });
});

/** The kernel of `op`, failing the test when there is none. */
function kernel(op: string): Kernel {
  const k = ONNX_KERNELS[op];
  if (!k) throw new Error(`no kernel for ${op}`);
  return k;
}

/** Element k of a list, failing the test when it is missing. */
function at<T>(list: ArrayLike<T> | null | undefined, k: number): T {
  const v = list?.[k];
  if (v === undefined) throw new Error(`no element ${k}`);
  return v;
}

describe('kernels beyond the node tests', () => {
  const value = (dtype: string, shape: number[], data: number[]): Value => ({ dtype, shape, data });

  it('QuantizeLinear rounds half to even and saturates', () => {
    const { outputs } = kernel('QuantizeLinear')(
      { op: 'QuantizeLinear', inputs: [], outputs: [], attributes: {} },
      [value('float32', [6], [0.5, 1.5, 2.5, -0.5, 1e9, -1e9]), value('float32', [], [1]), value('int8', [], [0])],
      0,
    );
    expect(Array.from(at(outputs, 0).data)).toEqual([0, 2, 2, 0, 127, -128]);
  });

  it('QuantizeLinear to float8 without saturation overflows to NaN (e4m3fn) and ∞ (e5m2)', () => {
    const run = (dtype: string, xs: number[], saturate: number) =>
      kernel('QuantizeLinear')(
        { op: 'QuantizeLinear', inputs: [], outputs: [], attributes: { saturate } },
        [value('float32', [3], xs), value('float32', [], [1]), value(dtype, [1], [0])],
        0,
      ).outputs[0]?.data ?? [];
    // 464 is the tie between 448 (0x7e, even) and the NaN slot above it.
    expect(Array.from(run('float8e4m3fn', [464, 465, 1e6], 0))).toEqual([0x7e, 0x7f, 0x7f]);
    expect(Array.from(run('float8e4m3fn', [464, 465, 1e6], 1))).toEqual([0x7e, 0x7e, 0x7e]);
    // 61440 is the tie between 57344 (0x7b) and ∞ (0x7c, even).
    expect(Array.from(run('float8e5m2', [61439, 61440, 1e6], 0))).toEqual([0x7b, 0x7c, 0x7c]);
    expect(Array.from(run('float8e5m2', [61439, 61440, -Infinity], 1))).toEqual([0x7b, 0x7b, 0xfb]);
  });

  it('decodes and re-encodes every float8 and float4 code', () => {
    for (const dtype of ['float8e4m3fn', 'float8e4m3fnuz', 'float8e5m2', 'float8e5m2fnuz', 'float4e2m1']) {
      const f = MINIFLOATS[dtype];
      if (!f) throw new Error(dtype);
      const width = 1 + f.e + f.m;
      for (let code = 0; code < 2 ** width; code++) {
        const v = decodeMinifloat(f, code);
        if (Number.isNaN(v) || (f.specials === 'fnuz' && code === 0)) continue;
        expect(encodeMinifloat(f, roundToMinifloat(f, v, false))).toBe(code);
      }
    }
    expect(roundToFloat('float16', 65519)).toBe(65504);
    expect(roundToFloat('float16', 65520)).toBe(Infinity);
    expect(roundToFloat('float16', 1 + 2 ** -11)).toBe(1);
    expect(roundToFloat('float16', 1 + 3 * 2 ** -11)).toBe(1 + 2 ** -9);
    expect(roundToFloat('float16', 2 ** -25)).toBe(0);
    expect(roundToFloat('float16', 3 * 2 ** -26)).toBe(2 ** -24);
  });

  it('QLinearConv with group, stride, dilation, pads, bias and per-channel weights matches a direct sum', () => {
    const x = Array.from({ length: 2 * 5 * 5 }, (_, i) => (i * 37) % 256);
    const w = Array.from({ length: 4 * 1 * 2 * 2 }, (_, i) => ((i * 11) % 256) - 128);
    const attributes = { group: 2, strides: [2, 1], dilations: [1, 2], pads: [1, 0, 0, 1] };
    const wZero = [1, -2, 0, 3];
    const bias = [100, -50, 7, 0];
    const { outputs, accumulators } = kernel('QLinearConv')(
      { op: 'QLinearConv', inputs: [], outputs: [], attributes },
      [
        value('uint8', [1, 2, 5, 5], x),
        value('float32', [], [0.02]),
        value('uint8', [], [10]),
        value('int8', [4, 1, 2, 2], w),
        value('float32', [4], [0.01, 0.02, 0.03, 0.04]),
        value('int8', [4], wZero),
        value('float32', [], [0.05]),
        value('uint8', [], [128]),
        value('int32', [4], bias),
      ],
      0,
    );
    // Direct: pad x with its zero point, out[m,y,x] = b[m] + Σ (x − zx)(w − zw[m]).
    const oh = Math.floor((5 + 1 - 2) / 2) + 1;
    const ow = Math.floor((5 + 1 - 3) / 1) + 1;
    expect(at(outputs, 0).shape).toEqual([1, 4, oh, ow]);
    const want: number[] = [];
    for (let m = 0; m < 4; m++)
      for (let y = 0; y < oh; y++)
        for (let xo = 0; xo < ow; xo++) {
          let sum = at(bias, m);
          for (let i = 0; i < 2; i++)
            for (let j = 0; j < 2; j++) {
              const yy = y * 2 - 1 + i;
              const xx = xo + 2 * j;
              const xv = yy >= 0 && yy < 5 && xx < 5 ? at(x, (Math.floor(m / 2) * 5 + yy) * 5 + xx) : 10;
              sum += (xv - 10) * (at(w, m * 4 + i * 2 + j) - at(wZero, m));
            }
          want.push(sum);
        }
    expect(Array.from(accumulators ?? [])).toEqual(want);
  });

  it('refuses forms it does not run (unsupportedForm)', () => {
    const run = () =>
      kernel('QLinearMatMul')(
        { op: 'QLinearMatMul', inputs: [], outputs: [], attributes: {} },
        [
          value('int16', [1, 1], [1]),
          value('float32', [], [1]),
          null,
          value('int16', [1, 1], [1]),
          value('float32', [], [1]),
          null,
          value('float32', [], [1]),
          null,
        ],
        3,
      );
    expect(refusal(run)).toEqual({
      kind: 'unsupportedForm',
      node: 3,
      op: 'QLinearMatMul',
      detail: 'dtype:int16/int16',
    });
  });

  it('onnxRequantization gives M = S_a·S_b/S_y in float32 per output channel', () => {
    const bytes = modelBytes(
      [node('QLinearMatMul', ['a', 'sa', 'za', 'b', 'sb', 'zb', 'sy', 'zy'], ['y'])],
      [
        floatTensor('sa', [], [0.1]),
        intTensor('za', 2, [], [3]),
        intTensor('b', 3, [2, 2], [1, 2, 3, 4]),
        floatTensor('sb', [2], [0.3, 0.7]),
        intTensor('zb', 3, [2], [0, 0]),
        floatTensor('sy', [], [0.2]),
        intTensor('zy', 2, [], [120]),
      ],
      ['a'],
    );
    const model = readOnnx(bytes);
    const f = Math.fround;
    expect(onnxRequantization(model, 0)).toEqual({
      realMultipliers: Float32Array.of(f(f(f(0.1) * f(0.3)) / f(0.2)), f(f(f(0.1) * f(0.7)) / f(0.2))),
      outputZeroPoint: 120,
      outputMin: 0,
      outputMax: 255,
    });
    expect(model.tensors.find((t) => t.name === 'b')?.quantization?.axis).toBe(1);
  });
});
