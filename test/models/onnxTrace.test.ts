/**
 * One output element of ONNX's QLinearMatMul, QLinearConv, MatMulInteger and ConvInteger walked
 * term by term: every element of ONNX's own node tests ends at the official output, and built
 * nodes with per-channel weights, padding, strides, dilations, groups and batches end at the
 * kernel's output (itself checked against the node tests) with the terms an independent loop gives.
 */
import { describe, expect, it } from 'vitest';
import { lcg } from '../../src/engine/random.ts';
import { ONNX_KERNELS, type Value } from '../../src/models/onnx/ops.ts';
import { onnxElementTrace } from '../../src/models/onnx/trace.ts';
import type { ModelNode } from '../../src/models/types.ts';
import { fixtureNames, loadNodeTest } from './onnxFixtures.ts';

const STEPPED = /^test_(qlinearconv|qlinearmatmul|matmulinteger|convinteger)/;

describe('ONNX node tests, every output element walked to the official output', () => {
  const names = fixtureNames().filter((n) => STEPPED.test(n));
  it('finds them', () => expect(names.length).toBe(12));
  it.each(names)('%s', (name) => {
    const { model, inputs, expected } = loadNodeTest(name);
    const node = model.nodes[0];
    if (!node) throw new Error('no node');
    const values = node.inputs.map((t) => {
      const tensor = model.tensors[t];
      const k = model.inputs.indexOf(t);
      if (k >= 0) return inputs[k] ?? null;
      return tensor?.data ? { shape: tensor.shape, dtype: tensor.dtype, data: tensor.data } : null;
    });
    const want = expected[0];
    if (!want) throw new Error('no output');
    const codes = Array.from(want.data, (_, e) => onnxElementTrace(model.tensors, node, 0, values, e).code);
    expect(codes).toEqual(Array.from(want.data));
  });
});

const random = lcg(7);
const ints = (n: number, lo: number, hi: number) =>
  Array.from({ length: n }, () => lo + Math.floor(random() * (hi - lo + 1)));
const v = (dtype: string, shape: number[], data: ArrayLike<number>): Value => ({ dtype, shape, data });
const f32 = (shape: number[], data: number[]) => v('float32', shape, Float32Array.from(data));

/** Every element's walk against the kernel: the code (or int32 output), the accumulator, and Σ of its terms. */
function agree(node: ModelNode, values: (Value | null)[]) {
  const kernel = ONNX_KERNELS[node.op];
  if (!kernel) throw new Error(node.op);
  const { outputs, accumulators } = kernel(node, values, 0);
  const out = outputs[0];
  if (!out || !accumulators) throw new Error('no output');
  for (let e = 0; e < out.data.length; e++) {
    const t = onnxElementTrace([], node, 0, values, e);
    expect(t.code).toBe(out.data[e]);
    expect(t.acc).toBe(accumulators[e]);
    // An independent sum of the listed terms, from the values they name.
    const zIn = t.zIn;
    const sum = t.terms.reduce((s, term) => {
      expect(term.q).toBe(values[0]?.data[term.input]);
      return s + (term.q - zIn) * (term.w - t.zW);
    }, 0);
    expect(sum + t.bias).toBe(t.acc);
  }
  return out.data.length;
}

describe('built nodes, every element walked to the kernel’s output', () => {
  it('rounds a tie half to even, as ONNX does (schemes.md: acc 10 · M 0.25 + 10 = 12.5 → 12)', () => {
    const q: ModelNode = { op: 'QLinearMatMul', inputs: [0, 1, 2, 3, 4, 5, 6, 7], outputs: [8], attributes: {} };
    const values = (a: number, zy: number, dtype: 'uint8' | 'int8') => [
      v(dtype, [1, 1], dtype === 'uint8' ? Uint8Array.of(a) : Int8Array.of(a)),
      f32([], [0.5]),
      v(dtype, [], dtype === 'uint8' ? Uint8Array.of(2) : Int8Array.of(2)),
      v(dtype, [1, 1], dtype === 'uint8' ? Uint8Array.of(3) : Int8Array.of(3)),
      f32([], [0.5]),
      v(dtype, [], dtype === 'uint8' ? Uint8Array.of(2) : Int8Array.of(2)),
      f32([], [1]),
      v(dtype, [], dtype === 'uint8' ? Uint8Array.of(zy) : Int8Array.of(zy)),
    ];
    const up = onnxElementTrace([], q, 0, values(12, 10, 'uint8'), 0);
    expect([up.acc, up.multiplier, up.scaled, up.code]).toEqual([10, 0.25, 12.5, 12]);
    // −2.5 → −2 (away from zero would give −3); never −0 on screen.
    const down = onnxElementTrace([], q, 0, values(-8, 0, 'int8'), 0);
    expect([down.acc, down.scaled, down.code]).toEqual([-10, -2.5, -2]);
    expect(Object.is(onnxElementTrace([], q, 0, values(4, 0, 'int8'), 0).code, 0)).toBe(true);
    agree(q, values(12, 10, 'uint8'));
  });

  const conv = (attributes: ModelNode['attributes']): ModelNode => ({
    op: 'QLinearConv',
    inputs: [0, 1, 2, 3, 4, 5, 6, 7, 8],
    outputs: [9],
    attributes,
  });
  it('QLinearConv int8: per-channel weights, pads, stride 2, dilation 2, two groups, batch 2, bias', () => {
    const x = v('int8', [2, 4, 7, 6], Int8Array.from(ints(2 * 4 * 7 * 6, -128, 127)));
    const w = v('int8', [6, 2, 3, 3], Int8Array.from(ints(6 * 2 * 9, -127, 127)));
    const scales = f32([6], [0.011, 0.02, 0.0031, 0.07, 0.015, 0.009]);
    const values = [
      x,
      f32([], [0.05]),
      v('int8', [], Int8Array.of(-3)),
      w,
      scales,
      v('int8', [6], Int8Array.of(0, 0, 0, 0, 0, 0)),
      f32([], [0.2]),
      v('int8', [], Int8Array.of(5)),
      v('int32', [6], Int32Array.from(ints(6, -2000, 2000))),
    ];
    const n = agree(conv({ pads: [1, 2, 1, 0], strides: [2, 2], dilations: [2, 1], group: 2 }), values);
    expect(n).toBeGreaterThan(20);
    // SAME_UPPER padding counts its padded taps.
    const t = onnxElementTrace([], conv({ auto_pad: 'SAME_UPPER', group: 2 }), 0, values, 0);
    expect(t.padded).toBe(2 * (9 - 4));
    agree(conv({ auto_pad: 'SAME_UPPER', group: 2 }), values);
  });

  it('ConvInteger uint8 1-D with a per-channel weight zero point', () => {
    const node: ModelNode = {
      op: 'ConvInteger',
      inputs: [0, 1, 2, 3],
      outputs: [4],
      attributes: { pads: [2, 1], strides: [3] },
    };
    agree(node, [
      v('uint8', [1, 3, 11], Uint8Array.from(ints(33, 0, 255))),
      v('uint8', [4, 3, 4], Uint8Array.from(ints(48, 0, 255))),
      v('uint8', [], Uint8Array.of(128)),
      v('uint8', [4], Uint8Array.of(120, 128, 130, 0)),
    ]);
  });

  it('QLinearMatMul with per-column b scales over a broadcast batch, and MatMulInteger with per-column b zero points', () => {
    const a = v('uint8', [2, 3, 4], Uint8Array.from(ints(24, 0, 255)));
    const b = v('uint8', [4, 5], Uint8Array.from(ints(20, 0, 255)));
    const q: ModelNode = { op: 'QLinearMatMul', inputs: [0, 1, 2, 3, 4, 5, 6, 7], outputs: [8], attributes: {} };
    agree(q, [
      a,
      f32([], [0.02]),
      v('uint8', [], Uint8Array.of(113)),
      b,
      f32([5], [0.01, 0.003, 0.03, 0.007, 0.0101]),
      v('uint8', [], Uint8Array.of(125)),
      f32([], [0.09]),
      v('uint8', [], Uint8Array.of(128)),
    ]);
    const mi: ModelNode = { op: 'MatMulInteger', inputs: [0, 1, 2, 3], outputs: [4], attributes: {} };
    agree(mi, [a, b, v('uint8', [], Uint8Array.of(12)), v('uint8', [5], Uint8Array.of(0, 1, 2, 200, 255))]);
  });
});
