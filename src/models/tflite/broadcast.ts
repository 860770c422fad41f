/**
 * Numpy-style broadcasting of two inputs as TFLite's BroadcastBinaryOpSimple (broadcast_loop.h)
 * walks it: both shapes are aligned on their last dimension and padded with leading 1s; an
 * input's dimension of size 1 repeats along the output's (its stride is 0), any other must equal
 * the output's.
 *
 *     out[i_0 … i_n] = f(a[i_0·[d_0 ≠ 1] … ], b[ … ])
 */
import { refuseModel } from '../problems.ts';
import type { Value } from '../values.ts';

/** The output shape of broadcasting two shapes (numpy's rule), or null when they do not broadcast. */
export function broadcastShape(a: readonly number[], b: readonly number[]): number[] | null {
  const rank = Math.max(a.length, b.length);
  const out: number[] = [];
  for (let k = 0; k < rank; k++) {
    const x = a[k - (rank - a.length)] ?? 1;
    const y = b[k - (rank - b.length)] ?? 1;
    if (x !== y && x !== 1 && y !== 1) return null;
    out.push(x === 1 ? y : x);
  }
  return out;
}

/** The output shape of node `node` (an `op` of two inputs) on `a` and `b`, refusing shapes that do not broadcast. */
export function broadcastOutputShape(a: Value, b: Value, node: number, op: string): number[] {
  const shape = broadcastShape(a.shape, b.shape);
  if (!shape)
    refuseModel({
      kind: 'unsupportedForm',
      node,
      op,
      detail: `shapes [${a.shape.join(',')}] and [${b.shape.join(',')}]`,
    });
  return shape;
}

/** The flat index into an input of `shape` read by output coordinate `at` (size-1 dimensions repeat). */
export function broadcastIndex(shape: readonly number[], outShape: readonly number[], at: readonly number[]): number {
  const lead = outShape.length - shape.length;
  let flat = 0;
  shape.forEach((d, k) => {
    flat = flat * d + (d === 1 ? 0 : (at[k + lead] ?? 0));
  });
  return flat;
}
