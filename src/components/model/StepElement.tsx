import { useLingui } from '@lingui/react';
import type { ReactNode } from 'react';
import { convGeometry, ModelError, type Model, type ModelNode, type Value } from '../../models/index.ts';
import { onnxConvGeometry } from '../../models/onnx/convOps.ts';
import { onnxElementTrace, type OnnxElementTrace } from '../../models/onnx/trace.ts';
import { elementTrace, type ElementTrace } from '../../models/tflite/trace.ts';
import { isCurrentRun, useModelStore } from '../../state/modelStore.ts';
import { useAppStore } from '../../state/store.ts';
import { canStep, ELEMENTWISE, float32Text } from './modelFacts.ts';
import { ElementwiseStep } from './ElementwiseStep.tsx';
import { modelProblemText } from './modelText.ts';
import { OpenInExplorer } from './OpenInExplorer.tsx';
import { ReceptiveField } from './ReceptiveField.tsx';
import { RealLine, Rescale } from './stageParts.tsx';

/** Terms shown around the step (the rest are summed into the running total). */
const WINDOW = 12;

/** The output stage of a traced element: + bias, the high multiply, the rounding shift, + Z_out, clamp. */
function OutputStage({ t }: { t: ElementTrace }) {
  const { i18n } = useLingui();
  return (
    <ol className="model-stage">
      <li>{i18n._('model.stage.sum', { sum: t.sum, bias: t.bias, acc: t.acc })}</li>
      <li>
        {i18n._('model.stage.multiplier', {
          m: t.realMultiplier.toPrecision(12),
          m0: t.multiplier,
          shift: t.shift,
        })}
      </li>
      {t.shift > 0 && <li>{i18n._('model.stage.leftShift', { acc: t.acc, shift: t.shift, value: t.leftShifted })}</li>}
      <Rescale x={t.leftShifted | 0} m0={t.multiplier} shift={t.shift} highMul={t.highMul} divide={t.divide} />
      <li>{i18n._('model.stage.offset', { value: t.divide.result, z: t.zOut, result: t.unclamped })}</li>
      <li>{i18n._('model.stage.clamp', { value: t.unclamped, min: t.outputMin, max: t.outputMax, code: t.code })}</li>
      <RealLine real={t.real} ideal={t.idealCode} code={t.code} min={t.outputMin} max={t.outputMax} />
    </ol>
  );
}

/** The receptive field of a TFLite trace: the input's rows × columns and the filter taps (FC: one row of depth taps). */
function tfliteField(node: ModelNode, values: readonly (Value | null)[], trace: ElementTrace, at: number) {
  const input = values[0];
  const filter = values[1];
  if (!input || !filter) return null;
  const term = trace.terms[Math.max(at - 1, 0)];
  if (node.op === 'FULLY_CONNECTED') {
    const depth = filter.shape[1] ?? 1;
    const taps = Array.from({ length: depth }, (_, x) => ({ y: 0, x }));
    return {
      inH: 1,
      inW: depth,
      taps,
      current: term && at > 0 ? { y: 0, x: term.inputAt.at(-1) ?? 0 } : null,
      channels: 1,
    };
  }
  const g = convGeometry(node, input, filter);
  const [, oy = 0, ox = 0] = trace.at;
  const taps = [];
  for (let fy = 0; fy < g.filterH; fy++)
    for (let fx = 0; fx < g.filterW; fx++)
      taps.push({ y: oy * g.strideH - g.padTop + g.dilationH * fy, x: ox * g.strideW - g.padLeft + g.dilationW * fx });
  const channels = node.op === 'DEPTHWISE_CONV_2D' ? 1 : (filter.shape[3] ?? 1);
  const current = term && at > 0 ? { y: term.inputAt[1] ?? 0, x: term.inputAt[2] ?? 0 } : null;
  return { inH: g.inH, inW: g.inW, taps, current, channels };
}

/** The output stage of an ONNX element: + B, then (QLinear) × the float32 M, + Z_y, round half to even, saturate. */
function OnnxOutputStage({ t }: { t: OnnxElementTrace }) {
  const { i18n } = useLingui();
  return (
    <ol className="model-stage">
      <li>{i18n._('model.stage.sum', { sum: t.sum, bias: t.bias, acc: t.acc })}</li>
      {t.kind === 'integer' ? (
        <li>{i18n._('model.onnxStage.integer', { acc: t.acc })}</li>
      ) : (
        <>
          <li>{i18n._('model.onnxStage.multiplier', { m: float32Text(t.multiplier) })}</li>
          <li>
            {i18n._('model.onnxStage.scaled', {
              acc: t.acc,
              m: float32Text(t.multiplier),
              z: t.zOut,
              scaled: t.scaled,
            })}
          </li>
          <li>{i18n._('model.onnxStage.round', { scaled: t.scaled, rounded: t.rounded })}</li>
          <li>{i18n._('model.stage.clamp', { value: t.rounded, min: t.qmin, max: t.qmax, code: t.code })}</li>
          <RealLine real={t.real} ideal={t.idealCode} code={t.code} min={t.qmin} max={t.qmax} />
          <li className="muted">
            {i18n._('model.onnxStage.mlas')}{' '}
            {t.ortCode !== null &&
              i18n._(t.ortCode === t.code ? 'model.onnxStage.ortSame' : 'model.onnxStage.ortDiffers', {
                scaled: t.ortScaled ?? 0,
                code: t.ortCode,
              })}
          </li>
        </>
      )}
    </ol>
  );
}

/** The receptive field of an ONNX trace (NCHW): a convolution's taps, or a matmul's row of depth taps. */
function onnxField(
  node: ModelNode,
  index: number,
  values: readonly (Value | null)[],
  trace: OnnxElementTrace,
  at: number,
) {
  const x = values[0];
  const w = values[node.op.startsWith('QLinear') ? 3 : 1];
  if (!x || !w) return null;
  const term = at > 0 ? trace.terms[at - 1] : undefined;
  if (!node.op.includes('Conv')) {
    const depth = x.shape.at(-1) ?? 1;
    const taps = Array.from({ length: depth }, (_, i) => ({ y: 0, x: i }));
    return { inH: 1, inW: depth, taps, current: term ? { y: 0, x: term.inputAt.at(-1) ?? 0 } : null, channels: 1 };
  }
  const g = onnxConvGeometry(node, index, x, w);
  const [y, xo] = g.spatial === 1 ? [0, trace.at[2] ?? 0] : [trace.at[2] ?? 0, trace.at[3] ?? 0];
  const taps = [];
  for (let i = 0; i < g.kh; i++)
    for (let j = 0; j < g.kw; j++) taps.push({ y: y * g.sh - g.ph + i * g.dh, x: xo * g.sw - g.pw + j * g.dw });
  const current = term
    ? g.spatial === 1
      ? { y: 0, x: term.inputAt[2] ?? 0 }
      : { y: term.inputAt[2] ?? 0, x: term.inputAt[3] ?? 0 }
    : null;
  return { inH: g.ih, inW: g.iw, taps, current, channels: g.cg };
}

/** Step one output element of the chosen node: its receptive field term by term, then its requantization. */
export function StepElement({ model }: { model: Model }) {
  const { i18n } = useLingui();
  const k = useAppStore((s) => s.modelView?.node ?? 0);
  const element = useAppStore((s) => s.modelView?.element ?? 0);
  const step = useAppStore((s) => s.modelStep);
  const source = useModelStore((s) => s.source);
  const setElement = useAppStore((s) => s.setModelElement);
  const setStep = useAppStore((s) => s.setModelStep);
  const newInput = useAppStore((s) => s.newModelInput);
  const run = useModelStore((s) => s.run);
  const running = useModelStore((s) => s.running);
  const view = useAppStore((s) => s.modelView);
  // The store's run follows the view; until it has, the last run is shown, marked busy.
  const given = useAppStore((s) => s.modelInput);
  const stale = running || !isCurrentRun(run, source, view, given);
  const hello = source?.kind === 'example' && source.name === 'hello_world_int8';
  const node = model.nodes[k];
  if (!node) return null;
  if (!run) return <p role="status">{i18n._('model.running')}</p>;
  const ran = run.values;
  if (!ran) return <p role="alert">{run.problem ? modelProblemText(run.problem) : i18n._('model.runFailed')}</p>;
  if (!canStep(model, k)) return <p className="muted">{i18n._('model.notSteppable', { op: node.op })}</p>;
  const values = node.inputs.map((t) => {
    const tensor = model.tensors[t];
    const data = ran[t];
    return tensor && data ? { shape: tensor.shape, dtype: tensor.dtype, data } : null;
  });
  const outTensor = model.tensors[node.outputs[0] ?? -1];
  const count = outTensor ? outTensor.shape.reduce((a, b) => a * Math.max(b, 1), 1) : 0;
  const el = Math.max(0, Math.min(element, count - 1));
  const picker = (extra: ReactNode) => (
    <div className="model-step-controls">
      <label>
        {i18n._('model.element', { count })}{' '}
        <input
          type="number"
          min={0}
          max={count - 1}
          value={el}
          onChange={(e) => {
            const v = Number(e.target.value);
            if (Number.isInteger(v) && v >= 0 && v < count) setElement(v);
          }}
        />
      </label>
      {extra}
      {!hello && (
        <button type="button" onClick={newInput}>
          {i18n._('model.newInput')}
        </button>
      )}
    </div>
  );
  if (ELEMENTWISE.has(node.op))
    return (
      <div className="model-step" aria-busy={stale}>
        <h3>{i18n._('model.stepHeadingElementwise', { node: k, op: node.op })}</h3>
        {picker(null)}
        <ElementwiseStep
          model={model}
          node={k}
          values={values}
          element={el}
          runCode={ran[node.outputs[0] ?? -1]?.[el]}
        />
      </div>
    );
  let traced: { tflite: ElementTrace } | { onnx: OnnxElementTrace };
  try {
    traced =
      model.format === 'tflite'
        ? { tflite: elementTrace(model.tensors, node, k, values, el) }
        : { onnx: onnxElementTrace(model.tensors, node, k, values, el) };
  } catch (e) {
    return <p role="alert">{e instanceof ModelError ? modelProblemText(e.problem) : i18n._('model.runFailed')}</p>;
  }
  const trace = 'tflite' in traced ? traced.tflite : traced.onnx;
  const total = trace.terms.length;
  const at = Math.min(step, total);
  const shown = trace.terms.slice(Math.max(0, at - WINDOW), at);
  const before = at - shown.length;
  const runCode = ran[node.outputs[0] ?? -1]?.[trace.element];
  const field =
    'tflite' in traced ? tfliteField(node, values, traced.tflite, at) : onnxField(node, k, values, traced.onnx, at);
  return (
    <div className="model-step" aria-busy={stale}>
      <h3>{i18n._('model.stepHeading', { node: k, op: node.op })}</h3>
      {model.format === 'tflite' && <OpenInExplorer model={model} node={k} values={ran} />}
      {picker(<span>{i18n._('model.elementAt', { at: `[${trace.at.join(', ')}]`, channel: trace.channel })}</span>)}
      <div className="model-step-controls" role="group" aria-label={i18n._('model.stepControls')}>
        <button type="button" onClick={() => setStep(0)} disabled={at === 0}>
          {i18n._('model.first')}
        </button>
        <button type="button" onClick={() => setStep(Math.max(0, at - 1))} disabled={at === 0}>
          {i18n._('model.back')}
        </button>
        <button type="button" onClick={() => setStep(Math.min(total, at + 1))} disabled={at === total}>
          {i18n._('model.forward')}
        </button>
        <button type="button" onClick={() => setStep(total)} disabled={at === total}>
          {i18n._('model.last')}
        </button>
        <span role="status">{i18n._('model.stepOf', { at, total, padded: trace.padded })}</span>
      </div>
      {field && <ReceptiveField {...field} />}
      <div className="table-scroll" tabIndex={0} role="region" aria-label={i18n._('model.termsCaption')}>
        <table className="terms-table">
          <caption>{i18n._('model.termsCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">j</th>
              <th scope="col">{i18n._('model.col.inputAt')}</th>
              <th scope="col">q_in</th>
              <th scope="col">{i18n._('model.col.weightAt')}</th>
              <th scope="col">q_w</th>
              <th scope="col">
                (q_in − {trace.zIn})·(q_w − {trace.zW})
              </th>
              <th scope="col">Σ</th>
            </tr>
          </thead>
          <tbody>
            {before > 0 && (
              <tr>
                <td colSpan={7} className="muted">
                  {i18n._('model.termsBefore', { count: before, sum: trace.terms[before - 1]?.running ?? 0 })}
                </td>
              </tr>
            )}
            {shown.map((term, j) => (
              <tr key={before + j} className={before + j === at - 1 ? 'selected' : undefined}>
                <td>{before + j}</td>
                <td>[{term.inputAt.join(',')}]</td>
                <td>{term.q}</td>
                <td>[{term.weightAt.join(',')}]</td>
                <td>{term.w}</td>
                <td>{term.product}</td>
                <td>{term.running}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {at === total && (
        <>
          {'tflite' in traced ? <OutputStage t={traced.tflite} /> : <OnnxOutputStage t={traced.onnx} />}
          <p>
            {runCode === trace.code
              ? i18n._('model.matchesRun', { code: trace.code })
              : i18n._('model.differsRun', { code: trace.code, run: runCode ?? '—' })}
          </p>
        </>
      )}
    </div>
  );
}
