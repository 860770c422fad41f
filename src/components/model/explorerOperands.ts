/**
 * A FULLY_CONNECTED or CONV_2D node as the explorer's product (sections 1–6):
 *
 *     LHS = the input in real numbers, S_in · (q_in − Z_in): [batch, depth], or for a convolution its
 *           im2col rows [batch · out_h · out_w, filter_h · filter_w · in_depth] (padding taps are real 0)
 *     RHS = the weights in real numbers, S_w[c] · q_w: [depth, out channels]
 *     result range = what the output's codes can hold, [S_out · (q_min − Z_out), S_out · (q_max − Z_out)]
 */
import { MAX_MATRIX_DIM, type FloatMatrix, type MinMax } from '../../engine/index.ts';
import { convGeometry, type Model } from '../../models/index.ts';
import { dtypeRange } from '../../models/values.ts';

/** The explorer's operands for node `k` on the run's `values`, or why not. */
export type ExplorerOperands =
  | {
      readonly ok: true;
      readonly lhs: FloatMatrix;
      readonly rhs: FloatMatrix;
      readonly range: MinMax;
      readonly relu: number;
      /** The bias in real numbers, S_b[c] · b[c]. */
      readonly bias: number[] | null;
    }
  | { readonly ok: false; readonly reason: 'op' | 'size'; readonly rows: number; readonly cols: number };

/** Whether node k can be opened in the explorer. */
export const opensInExplorer = (model: Model, k: number) =>
  model.format === 'tflite' && ['FULLY_CONNECTED', 'CONV_2D'].includes(model.nodes[k]?.op ?? '');

export function explorerOperands(
  model: Model,
  k: number,
  values: readonly (ArrayLike<number> | null)[],
): ExplorerOperands {
  const node = model.nodes[k];
  const [inT, wT] = [model.tensors[node?.inputs[0] ?? -1], model.tensors[node?.inputs[1] ?? -1]];
  const outT = model.tensors[node?.outputs[0] ?? -1];
  const input = values[node?.inputs[0] ?? -1];
  const weights = wT?.data;
  if (
    !node ||
    !inT?.quantization ||
    !wT?.quantization ||
    !outT?.quantization ||
    !input ||
    !weights ||
    !opensInExplorer(model, k)
  )
    return { ok: false, reason: 'op', rows: 0, cols: 0 };
  const sIn = inT.quantization.scales[0] ?? 1;
  const zIn = inT.quantization.zeroPoints[0] ?? 0;
  const sW = (c: number) => wT.quantization?.scales[wT.quantization.scales.length > 1 ? c : 0] ?? 1;
  const real = (q: number) => Math.fround(sIn * (q - zIn));
  let lhs: { rows: number; cols: number; at: (r: number, j: number) => number };
  const outC = wT.shape[0] ?? 1;
  const depth = weights.length / outC;
  if (node.op === 'FULLY_CONNECTED') {
    lhs = { rows: input.length / depth, cols: depth, at: (r, j) => real(input[r * depth + j] as number) };
  } else {
    const g = convGeometry(
      node,
      { shape: inT.shape, dtype: inT.dtype, data: input },
      { shape: wT.shape, dtype: wT.dtype, data: weights },
    );
    const ic = wT.shape[3] ?? 1;
    lhs = {
      rows: g.batches * g.outH * g.outW,
      cols: g.filterH * g.filterW * ic,
      at: (r, j) => {
        const ox = r % g.outW;
        const oy = Math.floor(r / g.outW) % g.outH;
        const b = Math.floor(r / (g.outW * g.outH));
        const c = j % ic;
        const fx = Math.floor(j / ic) % g.filterW;
        const fy = Math.floor(j / (ic * g.filterW));
        const iy = oy * g.strideH - g.padTop + g.dilationH * fy;
        const ix = ox * g.strideW - g.padLeft + g.dilationW * fx;
        if (iy < 0 || iy >= g.inH || ix < 0 || ix >= g.inW) return 0;
        return real(input[((b * g.inH + iy) * g.inW + ix) * g.inC + c] as number);
      },
    };
  }
  if (lhs.rows > MAX_MATRIX_DIM || lhs.cols > MAX_MATRIX_DIM || outC > MAX_MATRIX_DIM)
    return { ok: false, reason: 'size', rows: lhs.rows, cols: lhs.cols };
  const lhsData = new Float32Array(lhs.rows * lhs.cols);
  for (let r = 0; r < lhs.rows; r++) for (let j = 0; j < lhs.cols; j++) lhsData[r * lhs.cols + j] = lhs.at(r, j);
  // Weights [out, …depth] → RHS [depth, out].
  const rhsData = new Float32Array(depth * outC);
  for (let c = 0; c < outC; c++)
    for (let j = 0; j < depth; j++) rhsData[j * outC + c] = Math.fround(sW(c) * (weights[c * depth + j] as number));
  const range = dtypeRange(outT.dtype) ?? { qmin: -128, qmax: 127 };
  const sOut = outT.quantization.scales[0] ?? 1;
  const zOut = outT.quantization.zeroPoints[0] ?? 0;
  // The int32 bias in real numbers, S_b[c] · b[c]: the explorer requantizes it at its own S1·S2.
  const biasT = model.tensors[node.inputs[2] ?? -1];
  const biasQ = biasT?.quantization;
  const bias =
    biasT?.data && biasQ
      ? Array.from(biasT.data, (b, c) => (biasQ.scales[biasQ.scales.length > 1 ? c : 0] ?? 0) * b)
      : null;
  const relu =
    typeof node.attributes.fused_activation_function === 'number' ? node.attributes.fused_activation_function : 0;
  return {
    ok: true,
    lhs: { rows: lhs.rows, cols: lhs.cols, data: lhsData },
    rhs: { rows: depth, cols: outC, data: rhsData },
    range: { min: sOut * (range.qmin - zOut), max: sOut * (range.qmax - zOut) },
    relu,
    bias,
  };
}
