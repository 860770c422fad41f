import { useLingui } from '@lingui/react';
import { frexp, type QuantizedMatMulResult } from '../../engine/index.ts';
import { formatFloat32, formatScale, formatShort } from '../../viz/format.ts';
import { hex32, signed } from '../../viz/int64.ts';
import { aligned, frac, num, op, sub } from '../common/math.tsx';
import { requantizationText } from '../common/schemeText.ts';
import { BitsView } from './BitsView.tsx';
import { rich } from './richText.tsx';

/** M = S1·S2/S3 in float32, normalised into [0.5, 1) by doubling, then M0 = round(M'·2^31). */
export function MultiplierDerivation({ result: r }: { result: QuantizedMatMulResult }) {
  const { i18n } = useLingui();
  if (!r.multiplier) return <OtherDerivation result={r} />;
  const { doublings, approximation, relativeError } = r.multiplier;
  const rows = doublings.map((value, n) => ({ n, value }));
  const shown = rows.length > 8 ? [...rows.slice(0, 3), null, ...rows.slice(-3)] : rows;
  return (
    <div className="multiplier-derivation">
      {r.requantizers.length > 1 && (
        <p className="note" role="note">
          {i18n._(
            r.rhsGroups.length > 1 && r.lhsGroups.length > 1
              ? 'multiplier.perChannel.rowAndColumn'
              : r.rhsGroups.length > 1
                ? 'multiplier.perChannel.column'
                : 'multiplier.perChannel.row',
            { count: r.requantizers.length },
          )}
        </p>
      )}
      <p className="formula">
        <math data-testid="multiplier">
          {aligned([
            [<mi key="m">M</mi>, '=', frac([sub('S', '1'), sub('S', '2')], sub('S', '3'))],
            [
              <mrow key="m" />,
              '=',
              frac(
                [
                  <mi key="f">f32</mi>,
                  op('('),
                  num(formatScale(r.lhsParams.scale)),
                  op('·'),
                  num(formatScale(r.rhsParams.scale)),
                  op(')'),
                ],
                num(formatScale(r.resultParams.scale)),
              ),
            ],
            [<mrow key="m" />, '=', frac(num(formatFloat32(r.biasScale)), num(formatScale(r.resultParams.scale)))],
            [
              <mrow key="m" />,
              '=',
              <mn key="v" className="result">
                {formatFloat32(r.realMultiplier)}
              </mn>,
            ],
            [
              <mrow key="m" />,
              '≈',
              <mrow key="v">
                <mn className="result" data-testid="m0">
                  {r.quantizedMultiplier}
                </mn>
                {op('·')}
                <msup>
                  <mn>2</mn>
                  <mrow>
                    {op('−')}
                    <mn>31</mn>
                  </mrow>
                </msup>
                {op('·')}
                <msup>
                  <mn>2</mn>
                  <mrow>
                    {op('−')}
                    <mn data-testid="shift">{r.rightShift}</mn>
                  </mrow>
                </msup>
              </mrow>,
            ],
          ])}
        </math>
      </p>
      <table className="doublings" aria-label={i18n._('multiplier.doublingsLabel')}>
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
                  {i18n._(row.value >= 0.5 ? 'multiplier.doubling.stop' : 'multiplier.doubling.double', {
                    value: formatFloat32(row.value),
                  })}
                </td>
              </tr>
            ),
          )}
        </tbody>
      </table>
      <p>
        {i18n._('multiplier.m0', {
          value: formatFloat32(doublings.at(-1) ?? 0),
          m0: r.quantizedMultiplier,
          hex: hex32(r.quantizedMultiplier),
          n: r.rightShift,
        })}
      </p>
      <BitsView value={r.quantizedMultiplier} label="M0" />
      <p className="muted">
        {rich(
          i18n,
          'multiplier.approximation',
          {
            approximation: formatShort(approximation, 10),
            relative: formatShort(relativeError, 3),
            exact: formatShort(r.exactRelativeError, 3),
          },
          {
            formula: (
              <>
                M0 · 2<sup>−31−n</sup>
              </>
            ),
          },
        )}
      </p>
    </div>
  );
}

/** TFLite's QuantizeMultiplier (double, frexp, signed shift), or the float multiplier of the float methods. */
function OtherDerivation({ result: r }: { result: QuantizedMatMulResult }) {
  const { i18n } = useLingui();
  const first = r.requantizers[0];
  if (!first) return null;
  const s1 = r.lhsParams.scale;
  const s2 = r.rhsParams.scale;
  const s3 = r.resultParams.scale;
  const perChannel = r.requantizers.length > 1 && (
    <p className="note" role="note">
      {i18n._('multiplier.perChannelOther', { count: r.requantizers.length })}
    </p>
  );
  if (first.method === 'tflite' || first.method === 'tflite-single-rounding') {
    const { mantissa, exponent } = frexp(first.real);
    return (
      <div className="multiplier-derivation" data-testid="other-requantization">
        {perChannel}
        <p className="formula">
          {rich(
            i18n,
            'multiplier.tflite.real',
            { s1: formatScale(s1), s2: formatScale(s2), s3: formatScale(s3) },
            {
              value: <strong>{formatShort(first.real, 10)}</strong>,
              function: <code>PopulateConvolutionQuantizationParams</code>,
            },
          )}
        </p>
        <p>
          {rich(
            i18n,
            'multiplier.tflite.frexp',
            {
              mantissa: formatShort(mantissa, 10),
              hex: hex32(first.quantizedMultiplier),
              direction: i18n._(first.shift > 0 ? 'multiplier.tflite.leftShift' : 'multiplier.tflite.rightShift'),
              rounding: i18n._(
                first.method === 'tflite-single-rounding'
                  ? 'multiplier.tflite.singleRounding'
                  : 'multiplier.tflite.doubleRounding',
              ),
            },
            {
              frexp: <code>frexp</code>,
              exponent: <sup>{signed(exponent)}</sup>,
              m0: <strong data-testid="m0">{first.quantizedMultiplier}</strong>,
              shift: <strong>{signed(first.shift)}</strong>,
            },
          )}
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
        {first.method === 'float32'
          ? rich(
              i18n,
              'multiplier.float.float32',
              { method: requantizationText(first.method) },
              { function: <code>MlasRequantizeOutput</code> },
            )
          : i18n._('multiplier.float.float64', { method: requantizationText(first.method) })}
      </p>
    </div>
  );
}
