/**
 * What every ONNX kernel shares: the Value it reads and writes, attribute look-ups, refusals, and
 * the index map from an element to its quantization parameter, p(i) = 0 (per tensor),
 * i[axis] (per axis) or i with i[axis] → ⌊i[axis] / block_size⌋ (blocked).
 */
import type { ModelNode } from '../types.ts';
import { refuseModel } from '../problems.ts';

import { sizeOf, type KernelResult, type Value } from '../values.ts';

export type { KernelResult, Value } from '../values.ts';

export type Kernel = (node: ModelNode, inputs: readonly (Value | null)[], index: number) => KernelResult;

/** Refuses the node's form: unsupportedForm with a code-like detail. */
export function unsupported(node: ModelNode, index: number, detail: string): never {
  return refuseModel({ kind: 'unsupportedForm', node: index, op: node.op, detail });
}

/** Input k, refusing a missing one. */
export function input(inputs: readonly (Value | null)[], k: number, index: number): Value {
  return inputs[k] ?? refuseModel({ kind: 'missingInput', node: index, input: k });
}

/** An int attribute, or its default. */
export function intAttr(node: ModelNode, name: string, fallback: number): number {
  const v = node.attributes[name];
  return typeof v === 'number' ? v : fallback;
}

/** An int-list attribute, or null. */
export function intsAttr(node: ModelNode, name: string): readonly number[] | null {
  const v = node.attributes[name];
  return Array.isArray(v) ? (v as readonly number[]) : null;
}

export { newArray as arrayFor, sizeOf } from '../values.ts';

/**
 * For each element of a tensor of `shape`, the index of its parameter in a tensor of `paramShape`
 * (scale or zero point): per tensor, per `axis`, or blocked along `axis` by `blockSize`. Null when the
 * shapes do not fit.
 */
export function parameterIndex(
  shape: readonly number[],
  paramShape: readonly number[],
  axis: number,
  blockSize: number,
): Int32Array | null {
  const count = sizeOf(shape);
  const n = sizeOf(paramShape);
  const out = new Int32Array(count);
  if (n === 1) return out;
  if (axis < 0 || axis >= shape.length) return null;
  const d = shape[axis] ?? 1;
  const inner = sizeOf(shape.slice(axis + 1));
  if (blockSize <= 0) {
    if (paramShape.length !== 1 || n !== d) return null;
    for (let i = 0; i < count; i++) out[i] = Math.floor(i / inner) % d;
    return out;
  }
  const blocks = Math.ceil(d / blockSize);
  const fits =
    paramShape.length === shape.length && paramShape.every((p, j) => (j === axis ? p === blocks : p === shape[j]));
  if (!fits) return null;
  for (let i = 0; i < count; i++) {
    const outer = Math.floor(i / (inner * d));
    const a = Math.floor(i / inner) % d;
    out[i] = (outer * blocks + Math.floor(a / blockSize)) * inner + (i % inner);
  }
  return out;
}
