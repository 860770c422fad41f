import { useLingui } from '@lingui/react';
import { multiplierValue } from '../../engine/multiplier.ts';
import { ACTIVATION_NAMES, tfliteRequantization, type Model, type ModelTensor } from '../../models/index.ts';
import { useAppStore } from '../../state/store.ts';
import { float32Text } from './modelFacts.ts';
import { TensorValues } from './TensorValues.tsx';
import { useState } from 'react';

const roleIds = ['model.role.input', 'model.role.weights', 'model.role.bias'] as const;

/** A tensor's quantization as Netron shows it: per tensor, or every channel's scale and zero point. */
function Quantization({ tensor }: { tensor: ModelTensor }) {
  const { i18n } = useLingui();
  const q = tensor.quantization;
  if (!q) return <span className="muted">{i18n._('model.notQuantized')}</span>;
  if (q.scales.length === 1)
    return (
      <span>
        S = {float32Text(q.scales[0] ?? 0)}, Z = {q.zeroPoints[0]}
      </span>
    );
  return (
    <details>
      <summary>{i18n._('model.perChannel', { count: q.scales.length, axis: q.axis })}</summary>
      <ol className="channel-list" start={0}>
        {Array.from(q.scales, (s, c) => (
          <li key={c}>
            S[{c}] = {float32Text(s)}, Z[{c}] = {q.zeroPoints[c]}
          </li>
        ))}
      </ol>
    </details>
  );
}

/** The node's constants (weights, bias), one drawn at a time: the weights first. */
function Constants({ model, tensors }: { model: Model; tensors: readonly number[] }) {
  const { i18n } = useLingui();
  const [chosen, setChosen] = useState(tensors.find((t) => (model.tensors[t]?.shape.length ?? 0) >= 2) ?? tensors[0]);
  const tensor = model.tensors[chosen ?? -1];
  if (!tensor) return null;
  return (
    <div className="model-constants">
      {tensors.length > 1 && (
        <label>
          {i18n._('model.constantPick')}{' '}
          <select value={chosen} onChange={(e) => setChosen(Number(e.target.value))}>
            {tensors.map((t) => (
              <option key={t} value={t}>
                {model.tensors[t]?.name}
              </option>
            ))}
          </select>
        </label>
      )}
      <TensorValues tensor={tensor} />
    </div>
  );
}

/** The chosen node: its tensors with their quantization, and what Prepare derives from them. */
export function NodeDetails({ model }: { model: Model }) {
  const { i18n } = useLingui();
  const k = useAppStore((s) => s.modelView?.node ?? 0);
  const node = model.nodes[k];
  if (!node) return null;
  const rows = [
    ...node.inputs.map((t, j) => ({ t, role: j < 3 ? i18n._(roleIds[j] ?? 'model.role.input') : `#${j}` })),
    ...node.outputs.map((t) => ({ t, role: i18n._('model.role.output') })),
  ].filter((r) => r.t >= 0);
  let requant = null;
  let problem: string | null = null;
  try {
    requant = model.format === 'tflite' ? tfliteRequantization(model.tensors, node, k) : null;
  } catch {
    problem = i18n._('model.noRequantization');
  }
  const bias = model.tensors[node.inputs[2] ?? -1];
  const constants = node.inputs.filter((t) => (model.tensors[t]?.data?.length ?? 0) > 1);
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
          <div className="table-scroll" tabIndex={0} role="region" aria-label={i18n._('model.requantCaption')}>
            <table className="requant-table">
              <caption>{i18n._('model.requantCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">c</th>
                  <th scope="col">S_in·S_w[c]</th>
                  <th scope="col">{i18n._('model.col.biasScale')}</th>
                  <th scope="col">M[c] = S_in·S_w[c] / S_out</th>
                  <th scope="col">M0</th>
                  <th scope="col">shift</th>
                  <th scope="col">M0 · 2^(shift−31)</th>
                </tr>
              </thead>
              <tbody>
                {Array.from(requant.multipliers, (m0, c) => {
                  const biasScale = bias?.quantization?.scales[bias.quantization.scales.length > 1 ? c : 0];
                  const product = requant.biasScales[c] ?? 0;
                  const agrees =
                    biasScale !== undefined && Math.abs(biasScale - product) <= 1e-6 * Math.min(biasScale, product);
                  return (
                    <tr key={c}>
                      <th scope="row">{c}</th>
                      <td>{product.toPrecision(9)}</td>
                      <td>
                        {biasScale === undefined
                          ? '—'
                          : `${float32Text(biasScale)} ${agrees ? '✓' : i18n._('model.biasDiffers')}`}
                      </td>
                      <td>{(requant.realMultipliers[c] ?? 0).toPrecision(12)}</td>
                      <td>{m0}</td>
                      <td>{requant.shifts[c]}</td>
                      <td>{multiplierValue(m0, requant.shifts[c] ?? 0).toPrecision(12)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </>
      )}
    </div>
  );
}
