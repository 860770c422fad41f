/**
 * ONNX's own node tests (shared/fixtures/models/onnx-node): each directory's model.onnx with its
 * test_data_set_0 inputs and expected outputs, checked against SHA256SUMS, and a run of the model's
 * nodes in order through ONNX_KERNELS (initializers as constants, graph inputs from input_k.pb).
 */
import { existsSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { readOnnx, readOnnxTensor } from '../../src/models/onnx/read.ts';
import { ONNX_KERNELS, type Value } from '../../src/models/onnx/ops.ts';
import type { Model } from '../../src/models/types.ts';

import { MODELS, modelBytes } from '../helpers/modelFixture.ts';

export { MODELS };
export const NODE_TESTS = resolve(MODELS, 'onnx-node');

/** Fixture directory names (empty when the shared fixtures are absent). */
export const fixtureNames = (): string[] => (existsSync(NODE_TESTS) ? readdirSync(NODE_TESTS).sort() : []);

/** The bytes of fixtures/models/<path>, refusing a file whose SHA-256 is not the listed one. */
export const checkedBytes = modelBytes;

export interface NodeTest {
  readonly model: Model;
  readonly inputs: Value[];
  readonly expected: Value[];
}

/** A fixture's model, inputs and expected outputs (each file checked). */
export function loadNodeTest(name: string): NodeTest {
  const dir = `onnx-node/${name}`;
  const data = readdirSync(resolve(MODELS, dir, 'test_data_set_0')).sort();
  const tensors = (prefix: string) =>
    data
      .filter((f) => f.startsWith(prefix))
      .sort((a, b) => parseInt(a.slice(prefix.length)) - parseInt(b.slice(prefix.length)))
      .map((f) => readOnnxTensor(checkedBytes(`${dir}/test_data_set_0/${f}`)));
  return {
    model: readOnnx(checkedBytes(`${dir}/model.onnx`)),
    inputs: tensors('input_'),
    expected: tensors('output_'),
  };
}

/** Runs the model's nodes in order; returns the graph outputs. Throws what a kernel throws. */
export function runModel(model: Model, inputs: readonly Value[]): Value[] {
  const values = new Map<number, Value>();
  const produced = new Set(model.nodes.flatMap((n) => n.outputs));
  model.tensors.forEach((t, i) => {
    if (t.data && !produced.has(i)) values.set(i, { shape: t.shape, data: t.data, dtype: t.dtype });
  });
  model.inputs.forEach((t, k) => {
    const v = inputs[k];
    if (v) values.set(t, v);
  });
  model.nodes.forEach((node, index) => {
    const kernel = ONNX_KERNELS[node.op];
    if (!kernel) throw new Error(`no kernel for ${node.op}`);
    const result = kernel(
      node,
      node.inputs.map((i) => (i < 0 ? null : (values.get(i) ?? null))),
      index,
    );
    node.outputs.forEach((t, k) => {
      const v = result.outputs[k];
      if (t >= 0 && v) values.set(t, v);
    });
  });
  return model.outputs.map((t) => {
    const v = values.get(t);
    if (!v) throw new Error(`output ${t} not computed`);
    return v;
  });
}

/** Each element exactly: float32 as its bits, other numbers with −0 and NaN told apart. */
export function exact(v: Value): string[] {
  if (v.dtype === 'float32') {
    const bits = new Uint32Array(Float32Array.from(v.data).buffer);
    return Array.from(bits, (b) => b.toString(16).padStart(8, '0'));
  }
  return Array.from(v.data, (x) => (Object.is(x, -0) ? '-0' : String(x)));
}
