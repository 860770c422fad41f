import { useLingui } from '@lingui/react';
import { ModelError, type Model, type Value } from '../../models/index.ts';
import { addTrace, type AddTrace } from '../../models/tflite/addTrace.ts';
import { quantizeTrace, type QuantizeTrace } from '../../models/tflite/quantizeTrace.ts';
import { float32Text } from './modelFacts.ts';
import { modelProblemText } from './modelText.ts';
import { RealLine, Rescale } from './stageParts.tsx';

/**
 * One output element of an elementwise node walked as TFLite Micro computes it: ADD (each input
 * offset, shifted left by 20 and rescaled to the common scale, summed, rescaled to the output),
 * QUANTIZE (float → code, or code → code) and DEQUANTIZE.
 */
export function ElementwiseStep({
  model,
  node: k,
  values,
  element,
  runCode,
}: {
  model: Model;
  node: number;
  values: readonly (Value | null)[];
  element: number;
  runCode: number | undefined;
}) {
  const { i18n } = useLingui();
  const node = model.nodes[k];
  if (!node) return null;
  const check = (code: number) =>
    runCode === undefined || Object.is(runCode, code)
      ? i18n._('model.matchesRun', { code })
      : i18n._('model.differsRun', { code, run: runCode });
  let trace: { add: AddTrace } | { quantize: QuantizeTrace };
  try {
    trace =
      node.op === 'ADD'
        ? { add: addTrace(model.tensors, node, k, values, element) }
        : { quantize: quantizeTrace(model.tensors, node, k, values[0] ?? null, element) };
  } catch (e) {
    return <p role="alert">{e instanceof ModelError ? modelProblemText(e.problem) : i18n._('model.runFailed')}</p>;
  }
  if ('add' in trace) {
    const t = trace.add;
    return (
      <div className="model-elementwise">
        <p>{i18n._('model.add.intro', { shift: t.leftShift })}</p>
        <ol className="model-stage">
          {t.sides.map((s, j) => (
            <li key={j}>
              {i18n._('model.add.side', {
                k: j + 1,
                at: `[${s.at.join(', ')}]`,
                q: s.q,
                z: s.zeroPoint,
                shift: t.leftShift,
                shifted: s.shifted,
                m0: s.multiplier,
                exp: s.shift,
              })}
              <ol>
                <Rescale x={s.shifted} m0={s.multiplier} shift={s.shift} highMul={s.highMul} divide={s.divide} />
              </ol>
            </li>
          ))}
          <li>{i18n._('model.add.sum', { a: t.sides[0].scaled, b: t.sides[1].scaled, sum: t.rawSum })}</li>
          <li>
            {i18n._('model.add.output', { m0: t.outputMultiplier, exp: t.outputShift })}
            <ol>
              <Rescale
                x={t.rawSum}
                m0={t.outputMultiplier}
                shift={t.outputShift}
                highMul={t.highMul}
                divide={t.divide}
              />
            </ol>
          </li>
          <li>{i18n._('model.stage.offset', { value: t.divide.result, z: t.zOut, result: t.unclamped })}</li>
          <li>
            {i18n._('model.stage.clamp', { value: t.unclamped, min: t.outputMin, max: t.outputMax, code: t.code })}
          </li>
          <RealLine real={t.real} ideal={t.idealCode} code={t.code} min={t.outputMin} max={t.outputMax} />
        </ol>
        <p>{check(t.code)}</p>
      </div>
    );
  }
  const t = trace.quantize;
  return (
    <div className="model-elementwise">
      <ol className="model-stage">
        {t.kind === 'quantize' && (
          <>
            <li>
              {i18n._('model.quantize.divide', {
                x: float32Text(t.x),
                s: float32Text(t.scale),
                divided: float32Text(t.divided),
              })}
            </li>
            <li>{i18n._('model.quantize.round', { divided: float32Text(t.divided), rounded: t.rounded })}</li>
            <li>{i18n._('model.stage.offset', { value: t.rounded, z: t.zOut, result: t.rounded + t.zOut })}</li>
            <li>
              {i18n._('model.stage.clamp', { value: t.rounded + t.zOut, min: t.qmin, max: t.qmax, code: t.code })}
            </li>
          </>
        )}
        {t.kind === 'requantize' && (
          <>
            <li>
              {i18n._('model.quantize.requantize', {
                q: t.q,
                z: t.zIn,
                m: t.realMultiplier.toPrecision(12),
                m0: t.multiplier,
                shift: t.shift,
              })}
            </li>
            {t.shift > 0 && (
              <li>{i18n._('model.stage.leftShift', { acc: t.q - t.zIn, shift: t.shift, value: t.leftShifted })}</li>
            )}
            <Rescale x={t.leftShifted} m0={t.multiplier} shift={t.shift} highMul={t.highMul} divide={t.divide} />
            <li>
              {i18n._('model.stage.offset', { value: t.divide.result, z: t.zOut, result: t.divide.result + t.zOut })}
            </li>
            <li>
              {i18n._('model.stage.clamp', {
                value: t.divide.result + t.zOut,
                min: t.qmin,
                max: t.qmax,
                code: t.code,
              })}
            </li>
          </>
        )}
        {t.kind === 'dequantize' && (
          <li>
            {i18n._('model.dequantize', { q: t.q, z: t.zIn, s: float32Text(t.scale), real: float32Text(t.real) })}
          </li>
        )}
      </ol>
      <p>{check(t.kind === 'dequantize' ? t.real : t.code)}</p>
    </div>
  );
}
