import { frexp, type QuantizedMatMulResult } from '../../engine/index.ts';
import { formatFloat32, formatScale, formatShort } from '../../viz/format.ts';
import { hex32, signed } from '../../viz/int64.ts';
import { requantizationText } from '../common/schemeText.ts';
import { BitsView } from './BitsView.tsx';

/** M = S1·S2/S3 in float32, normalised into [0.5, 1) by doubling, then M0 = round(M'·2^31). */
export function MultiplierDerivation({ result: r }: { result: QuantizedMatMulResult }) {
  if (!r.multiplier) return <OtherDerivation result={r} />;
  const { doublings, approximation, relativeError } = r.multiplier;
  const rows = doublings.map((value, n) => ({ n, value }));
  const shown = rows.length > 8 ? [...rows.slice(0, 3), null, ...rows.slice(-3)] : rows;
  return (
    <div className="multiplier-derivation">
      {r.requantizers.length > 1 && (
        <p className="note" role="note">
          Per-channel scales give {r.requantizers.length} multipliers, one per{' '}
          {r.rhsGroups.length > 1 && r.lhsGroups.length > 1
            ? 'row and column'
            : r.rhsGroups.length > 1
              ? 'column'
              : 'row'}{' '}
          of the result: the first is derived here; the walkthrough uses its cell&apos;s own.
        </p>
      )}
      <p className="formula" data-testid="multiplier">
        M = S1·S2 / S3 = f32({formatScale(r.lhsParams.scale)} · {formatScale(r.rhsParams.scale)}) /{' '}
        {formatScale(r.resultParams.scale)} = {formatFloat32(r.biasScale)} / {formatScale(r.resultParams.scale)} ={' '}
        <strong>{formatFloat32(r.realMultiplier)}</strong> ≈ <strong data-testid="m0">{r.quantizedMultiplier}</strong> ·
        2<sup>−31</sup> · 2<sup>−</sup>
        <sup data-testid="shift">{r.rightShift}</sup>
      </p>
      <table className="doublings" aria-label="Doubling M into [0.5, 1)">
        <thead>
          <tr>
            <th scope="col">n</th>
            <th scope="col">M · 2ⁿ (float32)</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((row) =>
            row === null ? (
              <tr key="gap">
                <td colSpan={2}>…</td>
              </tr>
            ) : (
              <tr key={row.n} className={row.value >= 0.5 ? 'is-current' : undefined}>
                <td>{row.n}</td>
                <td>
                  {formatFloat32(row.value)}
                  {row.value >= 0.5 ? ' ∈ [0.5, 1): stop' : ' < 0.5: double'}
                </td>
              </tr>
            ),
          )}
        </tbody>
      </table>
      <p>
        M0 = round({formatFloat32(doublings.at(-1) ?? 0)} · 2³¹) = {r.quantizedMultiplier} (
        {hex32(r.quantizedMultiplier)}
        ), an int32 in [2³⁰, 2³¹): at least 30 significant bits. The right shift is n = {r.rightShift}.
      </p>
      <BitsView value={r.quantizedMultiplier} label="M0" />
      <p className="muted">
        M0 · 2<sup>−31−n</sup> = {formatShort(approximation, 10)}: relative error {formatShort(relativeError, 3)}{' '}
        against the float32 M (a float32 has 24 significant bits, so M0 holds it exactly), and{' '}
        {formatShort(r.exactRelativeError, 3)} against S1·S2/S3 computed in double.
      </p>
    </div>
  );
}

/** TFLite's QuantizeMultiplier (double, frexp, signed shift), or the float multiplier of the float methods. */
function OtherDerivation({ result: r }: { result: QuantizedMatMulResult }) {
  const first = r.requantizers[0];
  if (!first) return null;
  const s1 = r.lhsParams.scale;
  const s2 = r.rhsParams.scale;
  const s3 = r.resultParams.scale;
  const perChannel = r.requantizers.length > 1 && (
    <p className="note" role="note">
      Per-channel scales give {r.requantizers.length} multipliers; the first is derived here, the walkthrough uses its
      cell&apos;s own.
    </p>
  );
  if (first.method === 'tflite' || first.method === 'tflite-single-rounding') {
    const { mantissa, exponent } = frexp(first.real);
    return (
      <div className="multiplier-derivation" data-testid="other-requantization">
        {perChannel}
        <p className="formula">
          M = S1·S2 / S3 in double = {formatScale(s1)} · {formatScale(s2)} / {formatScale(s3)} ={' '}
          <strong>{formatShort(first.real, 10)}</strong> (PopulateConvolutionQuantizationParams)
        </p>
        <p>
          frexp: M = {formatShort(mantissa, 10)} · 2<sup>{signed(exponent)}</sup> with the mantissa in [0.5, 1); M0 =
          round({formatShort(mantissa, 10)} · 2³¹) = <strong data-testid="m0">{first.quantizedMultiplier}</strong> (
          {hex32(first.quantizedMultiplier)}), shift = <strong>{signed(first.shift)}</strong>{' '}
          {first.shift > 0 ? '(a left shift before the high multiply)' : '(a right shift after it)'}.
          {first.method === 'tflite-single-rounding'
            ? ' Single rounding applies it as one 64-bit multiply, add and shift (ties up).'
            : ' Double rounding: the high multiply rounds, then the shift rounds again.'}
        </p>
        <BitsView value={first.quantizedMultiplier} label="M0" />
      </div>
    );
  }
  return (
    <div className="multiplier-derivation" data-testid="other-requantization">
      {perChannel}
      <p className="formula">
        M ={' '}
        {r.resultScheme.library === 'pytorch' && first.method === 'float32'
          ? `f32(f32(S1·S2) · f32(1/S3)) (PyTorch QNNPACK)`
          : 'f32(f32(S1·S2) / S3)'}{' '}
        = <strong data-testid="float-multiplier">{formatFloat32(first.real)}</strong>
      </p>
      <p>
        {requantizationText(first.method)}: no M0 and no shift;{' '}
        {first.method === 'float32'
          ? 'each accumulator is converted to float32 (exact below 2²⁴), multiplied by M in float32 and rounded half to even, as ONNX Runtime’s MlasRequantizeOutput does.'
          : 'each accumulator is multiplied by M in double and rounded half to even, as the ONNX reference (numpy) does.'}
      </p>
    </div>
  );
}
