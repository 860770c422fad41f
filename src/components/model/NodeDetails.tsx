import { useLingui } from '@lingui/react';
import { multiplierValue, quantizeMultiplier } from '../../engine/index.ts';
import {
  ACTIVATION_NAMES,
  onnxRequantization,
  tfliteRequantization,
  type Model,
  type ModelTensor,
  type Requantization,
} from '../../models/index.ts';
import { dtypeRange } from '../../models/values.ts';
import { useModelStore } from '../../state/modelStore.ts';
import { useAppStore } from '../../state/store.ts';
import { float32Text } from './modelFacts.ts';
import { TensorValues } from './TensorValues.tsx';
import { useState } from 'react';

/** Channels shown at a time in the requantization table. */
const CHANNEL_PAGE = 64;

const roleIds = ['model.role.input', 'model.role.weights', 'model.role.bias'] as const;

/** ONNX's names of the inputs of its quantized ops (the operator schemas'), shown as the tensors' roles. */
const ONNX_INPUTS: Readonly<Record<string, readonly string[]>> = {
  QLinearConv: ['x', 'x_scale', 'x_zero_point', 'w', 'w_scale', 'w_zero_point', 'y_scale', 'y_zero_point', 'B'],
  QLinearMatMul: ['a', 'a_scale', 'a_zero_point', 'b', 'b_scale', 'b_zero_point', 'y_scale', 'y_zero_point'],
  MatMulInteger: ['A', 'B', 'a_zero_point', 'b_zero_point'],
  ConvInteger: ['x', 'w', 'x_zero_point', 'w_zero_point'],
  QuantizeLinear: ['x', 'y_scale', 'y_zero_point'],
  DequantizeLinear: ['x', 'x_scale', 'x_zero_point'],
  Conv: ['X', 'W', 'B'],
  MatMul: ['A', 'B'],
  Gemm: ['A', 'B', 'C'],
};

/** Input j's role: ONNX's own name for it, TFLite's input / weights / bias, or its number. */
function roleOf(model: Model, op: string, j: number, i18n: ReturnType<typeof useLingui>['i18n']): string {
  if (model.format === 'onnx') return ONNX_INPUTS[op]?.[j] ?? `#${j}`;
  const id = roleIds[j];
  return id ? i18n._(id) : `#${j}`;
}

/** A tensor's quantization as Netron shows it: per tensor, or every channel's scale and zero point. */
function Quantization({ tensor }: { tensor: ModelTensor }) {
  const { i18n } = useLingui();
  const q = tensor.quantization;
  // Thousands of channels are listed only once opened.
  const [open, setOpen] = useState(false);
  if (!q) return <span className="muted">{i18n._('model.notQuantized')}</span>;
  if (q.scales.length === 1)
    return (
      <span>
        S = {float32Text(q.scales[0] ?? 0)}, Z = {q.zeroPoints[0]}
      </span>
    );
  return (
    <details onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{i18n._('model.perChannel', { count: q.scales.length, axis: q.axis })}</summary>
      {open && (
        <ol className="channel-list" start={0}>
          {Array.from(q.scales, (s, c) => (
            <li key={c}>
              S[{c}] = {float32Text(s)}, Z[{c}] = {q.zeroPoints[c]}
            </li>
          ))}
        </ol>
      )}
    </details>
  );
}

/**
 * The node's tensors drawn one at a time — its constants (weights, bias) and the activations the
 * last run computed for its inputs and outputs: the weights first.
 */
function Constants({ model, tensors }: { model: Model; tensors: readonly number[] }) {
  const { i18n } = useLingui();
  const run = useModelStore((s) => s.run);
  const [chosen, setChosen] = useState(
    tensors.find((t) => {
      const c = model.tensors[t];
      return c?.data && c.shape.length >= 2;
    }) ?? tensors[0],
  );
  const base = model.tensors[chosen ?? -1];
  const data = base?.data ?? run?.values?.[chosen ?? -1] ?? null;
  const tensor = base && data ? { ...base, data } : null;
  return (
    <div className="model-constants">
      {tensors.length > 1 && (
        <label>
          {i18n._('model.constantPick')}{' '}
          <select value={chosen} onChange={(e) => setChosen(Number(e.target.value))}>
            {tensors.map((t) => {
              const c = model.tensors[t];
              return (
                <option key={t} value={t}>
                  {c?.data ? c.name : i18n._('model.activation', { name: c?.name ?? t })}
                </option>
              );
            })}
          </select>
        </label>
      )}
      {tensor ? <TensorValues tensor={tensor} /> : <p role="status">{i18n._('model.running')}</p>}
    </div>
  );
}

/** One output channel's requantization, as the runtime derives it. */
interface RequantRow {
  /** S_in·S_w[c] (TFLite) — the bias must have this scale. */
  readonly product: number | null;
  /** The bias tensor's own scale, where it has one. */
  readonly biasScale: number | null;
  readonly m: number;
  readonly m0: number;
  readonly shift: number;
}

function requantRows(r: Requantization, bias: ModelTensor | undefined): RequantRow[] {
  const scales = bias?.quantization?.scales;
  return Array.from(r.multipliers, (m0, c) => ({
    product: r.biasScales[c] ?? 0,
    biasScale: scales ? (scales[scales.length > 1 ? c : 0] ?? null) : null,
    m: r.realMultipliers[c] ?? 0,
    m0,
    shift: r.shifts[c] ?? 0,
  }));
}

function onnxRows(r: NonNullable<ReturnType<typeof onnxRequantization>>): RequantRow[] {
  return Array.from(r.realMultipliers, (m) => {
    const fixed = quantizeMultiplier(m);
    return { product: null, biasScale: null, m, m0: fixed.quantizedMultiplier, shift: fixed.shift };
  });
}

/**
 * The requantization per output channel, 64 channels at a time. TFLite: the bias scale checked,
 * M in double, QuantizeMultiplier's M0 and shift. ONNX Runtime: the float32 M it multiplies by
 * (the fixed-point form beside it, for comparison).
 */
function RequantTable({ rows, onnx }: { rows: readonly RequantRow[]; onnx: boolean }) {
  const { i18n } = useLingui();
  const [from, setFrom] = useState(0);
  const caption = i18n._(onnx ? 'model.onnxRequantCaption' : 'model.requantCaption');
  const shown = rows.slice(from, from + CHANNEL_PAGE);
  return (
    <>
      {rows.length > CHANNEL_PAGE && (
        <div className="model-step-controls" role="group" aria-label={i18n._('model.channelPages')}>
          <button type="button" disabled={from === 0} onClick={() => setFrom(Math.max(0, from - CHANNEL_PAGE))}>
            {i18n._('model.channelsBack', { count: CHANNEL_PAGE })}
          </button>
          <button
            type="button"
            disabled={from + CHANNEL_PAGE >= rows.length}
            onClick={() => setFrom(from + CHANNEL_PAGE)}
          >
            {i18n._('model.channelsForward', { count: CHANNEL_PAGE })}
          </button>
          <span role="status">
            {i18n._('model.channelsShown', {
              first: from,
              last: from + shown.length - 1,
              count: rows.length,
            })}
          </span>
        </div>
      )}
      <div className="table-scroll" tabIndex={0} role="region" aria-label={caption}>
        <table className="requant-table">
          <caption>{caption}</caption>
          <thead>
            <tr>
              <th scope="col">c</th>
              {!onnx && <th scope="col">S_in·S_w[c]</th>}
              {!onnx && <th scope="col">{i18n._('model.col.biasScale')}</th>}
              <th scope="col">M[c] = S_in·S_w[c] / S_out</th>
              <th scope="col">M0</th>
              <th scope="col">shift</th>
              <th scope="col">M0 · 2^(shift−31)</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((row, j) => {
              const c = from + j;
              const { product, biasScale } = row;
              const agrees =
                product !== null &&
                biasScale !== null &&
                Math.abs(biasScale - product) <= 1e-6 * Math.min(biasScale, product);
              return (
                <tr key={c}>
                  <th scope="row">{c}</th>
                  {!onnx && <td>{(product ?? 0).toPrecision(9)}</td>}
                  {!onnx && (
                    <td>
                      {biasScale === null
                        ? '—'
                        : `${float32Text(biasScale)} ${agrees ? '✓' : i18n._('model.biasDiffers')}`}
                    </td>
                  )}
                  <td>{onnx ? float32Text(row.m) : row.m.toPrecision(12)}</td>
                  <td>{row.m0}</td>
                  <td>{row.shift}</td>
                  <td>{multiplierValue(row.m0, row.shift).toPrecision(12)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** The chosen node: its tensors with their quantization, and what Prepare derives from them. */
export function NodeDetails({ model }: { model: Model }) {
  const { i18n } = useLingui();
  const k = useAppStore((s) => s.modelView?.node ?? 0);
  const node = model.nodes[k];
  if (!node) return null;
  const rows = [
    ...node.inputs.map((t, j) => ({ t, role: roleOf(model, node.op, j, i18n) })),
    ...node.outputs.map((t) => ({ t, role: i18n._('model.role.output') })),
  ].filter((r) => r.t >= 0);
  let requant = null;
  let problem: string | null = null;
  try {
    requant = model.format === 'tflite' ? tfliteRequantization(model.tensors, node, k) : null;
  } catch {
    problem = i18n._('model.noRequantization');
  }
  const onnx = model.format === 'onnx' ? onnxRequantization(model, k) : null;
  const bias = model.tensors[node.inputs[2] ?? -1];
  // Constants of more than one value, and the activations a run computes (its inputs and outputs).
  const constants = [...node.inputs, ...node.outputs].filter((t) => {
    const tensor = model.tensors[t];
    return tensor && (tensor.data ? tensor.data.length > 1 : dtypeRange(tensor.dtype) !== null);
  });
  const activation = node.attributes.fused_activation_function;
  return (
    <div className="model-node">
      <h3>{i18n._('model.nodeHeading', { node: k, op: node.op })}</h3>
      <div className="table-scroll" tabIndex={0} role="region" aria-label={i18n._('model.tensorsCaption')}>
        <table>
          <caption>{i18n._('model.tensorsCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{i18n._('model.col.role')}</th>
              <th scope="col">{i18n._('model.col.tensor')}</th>
              <th scope="col">{i18n._('model.col.type')}</th>
              <th scope="col">{i18n._('model.col.quantization')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ t, role }, j) => {
              const tensor = model.tensors[t];
              if (!tensor) return null;
              return (
                <tr key={j}>
                  <th scope="row">{role}</th>
                  <td className="tensor-name">{tensor.name}</td>
                  <td>
                    <code>
                      {tensor.dtype}[{tensor.shape.join(',')}]
                    </code>
                  </td>
                  <td>
                    <Quantization tensor={tensor} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {constants.length > 0 && <Constants key={k} model={model} tensors={constants} />}
      {problem && <p role="alert">{problem}</p>}
      {requant && (
        <>
          <p>
            {i18n._('model.clamp', {
              activation: ACTIVATION_NAMES[typeof activation === 'number' ? activation : 0] ?? String(activation),
              min: requant.outputMin,
              max: requant.outputMax,
            })}
          </p>
          <p className="muted">{i18n._('model.xnnpackNote')}</p>
          <RequantTable key={k} rows={requantRows(requant, bias)} onnx={false} />
        </>
      )}
      {onnx && (
        <>
          <p>{i18n._('model.onnxRequant', { min: onnx.outputMin, max: onnx.outputMax, z: onnx.outputZeroPoint })}</p>
          <RequantTable key={k} rows={onnxRows(onnx)} onnx />
        </>
      )}
    </div>
  );
}
