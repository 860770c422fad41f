/**
 * The QDQ form: found in a model as ONNX Runtime's QDQ selectors find it, and run as the fused
 * integer op beside the model's own float path (DequantizeLinear → float Conv / MatMul →
 * QuantizeLinear, each as ONNX's reference computes it).
 */
import { describe, expect, it } from 'vitest';
import { lcg } from '../../src/engine/random.ts';
import { createRunner, readModel } from '../../src/models/index.ts';
import { findQdqGroups, runQdqGroup } from '../../src/models/onnx/qdqGroups.ts';
import { floatTensor, intTensor, modelBytes, node, qdqConv } from './onnxBytes.ts';

const random = lcg(11);
const ints = (n: number, lo: number, hi: number) =>
  Array.from({ length: n }, () => lo + Math.floor(random() * (hi - lo + 1)));

/** Codes equal and within one LSB of each other, and the largest difference. */
function compare(a: ArrayLike<number>, b: ArrayLike<number>) {
  let equal = 0;
  let max = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs((a[i] ?? 0) - (b[i] ?? 0));
    if (d === 0) equal++;
    max = Math.max(max, d);
  }
  return { equal, max, count: a.length };
}

describe('QDQ groups', () => {
  it('finds DequantizeLinear → Conv → QuantizeLinear and names the QLinearConv ONNX Runtime fuses it into', () => {
    const model = readModel(qdqConv());
    const groups = findQdqGroups(model);
    expect(groups).toHaveLength(1);
    const g = groups[0];
    expect(g).toMatchObject({ dqInput: 0, dqWeight: 1, dqBias: 2, op: 3, quantize: 4, fused: 'QLinearConv' });
    expect(g?.inputs.map((t) => model.tensors[t]?.name)).toEqual([
      'xq',
      'xs',
      'xz',
      'wq',
      'ws',
      'wz',
      'ys',
      'yz',
      'bq',
    ]);
    expect(g?.biasScaleAgrees).toBe(true);
    // A bias written with another scale is said.
    expect(findQdqGroups(readModel(qdqConv([0.001, 0.002, 0.003])))[0]?.biasScaleAgrees).toBe(false);
  });

  it('runs the fused QLinearConv on the same codes: the float path agrees to within one LSB', () => {
    const model = readModel(qdqConv());
    const g = findQdqGroups(model)[0];
    if (!g) throw new Error('no group');
    let differing = 0;
    for (let trial = 0; trial < 20; trial++) {
      const values = createRunner(model).invoke([ints(60, 0, 255)]);
      const fused = runQdqGroup(model, g, values);
      const float = values[g.output];
      if (!fused || !float) throw new Error('no output');
      const c = compare(fused, float);
      expect(c.count).toBe(3 * 4 * 3);
      // The float path rounds S_x·(q − Z) and S_w·q to float32 before multiplying; the fused op
      // multiplies the integer sum by one float32 M: near a tie the two can land one code apart.
      expect(c.max).toBeLessThanOrEqual(1);
      expect(c.equal).toBeGreaterThan(0.9 * c.count);
      differing += c.count - c.equal;
    }
    // Rarely any: the two paths are different computations that agree away from ties (seen: 0 of 720 apart).
    expect(differing).toBeLessThan(0.1 * 20 * 36);
  });

  it('finds a MatMul in QDQ form (per-column weight scales) and fuses it into QLinearMatMul', () => {
    const model = readModel(
      modelBytes(
        [
          node('DequantizeLinear', ['aq', 'as', 'az'], ['a']),
          node('DequantizeLinear', ['bq', 'bs', 'bz'], ['b'], { axis: 1 }),
          node('MatMul', ['a', 'b'], ['y']),
          node('QuantizeLinear', ['y', 'ys', 'yz'], ['yq']),
        ],
        [
          floatTensor('as', [], [0.05]),
          intTensor('az', 3, [], [-3]),
          intTensor('bq', 3, [6, 4], ints(24, -127, 127)),
          floatTensor('bs', [4], [0.01, 0.02, 0.005, 0.013]),
          intTensor('bz', 3, [4], [0, 0, 0, 0]),
          floatTensor('ys', [], [0.11]),
          intTensor('yz', 3, [], [2]),
        ],
        [{ name: 'aq', elemType: 3, dims: [3, 6] }],
      ),
    );
    const g = findQdqGroups(model)[0];
    expect(g?.fused).toBe('QLinearMatMul');
    if (!g) throw new Error('no group');
    const values = createRunner(model).invoke([ints(18, -128, 127)]);
    const fused = runQdqGroup(model, g, values);
    const float = values[g.output];
    if (!fused || !float) throw new Error('no output');
    expect(compare(fused, float).max).toBeLessThanOrEqual(1);
  });

  it('leaves alone a float op whose weight is not a constant, or whose output feeds more than one node', () => {
    const model = readModel(
      modelBytes(
        [
          node('DequantizeLinear', ['aq', 'as', 'az'], ['a']),
          node('DequantizeLinear', ['bq', 'as', 'az'], ['b']),
          node('MatMul', ['a', 'b'], ['y']),
          node('QuantizeLinear', ['y', 'as', 'az'], ['yq']),
        ],
        [floatTensor('as', [], [0.05]), intTensor('az', 3, [], [0])],
        [
          { name: 'aq', elemType: 3, dims: [2, 2] },
          { name: 'bq', elemType: 3, dims: [2, 2] },
        ],
      ),
    );
    expect(findQdqGroups(model)).toEqual([]);
  });
});
