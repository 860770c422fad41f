import type { QuantizedMatMulResult } from '../../engine/index.ts';
import { formatFloat32, formatScale, formatShort } from '../../viz/format.ts';
import { hex32 } from '../../viz/int64.ts';
import { REQUANTIZATION_TEXT } from '../common/schemeText.ts';
import { BitsView } from './BitsView.tsx';

/** M = S1·S2/S3 in float32, normalised into [0.5, 1) by doubling, then M0 = round(M'·2^31). */
export function MultiplierDerivation({ result: r }: { result: QuantizedMatMulResult }) {
  if (!r.multiplier) {
    const first = r.requantizers[0];
    return (
      <p data-testid="other-requantization">
        This product requantizes by {REQUANTIZATION_TEXT[r.requantization]}, not gemmlowp&apos;s right-shift form:{' '}
        {first && first.quantizedMultiplier !== 0
          ? `M = ${formatShort(first.real, 9)} (S1·S2/S3 in double) ≈ M0 · 2^(shift − 31) with M0 = ${first.quantizedMultiplier}, shift = ${first.shift}.`
          : `M = ${formatFloat32(first?.real ?? 0)} is applied as a float and rounded half to even.`}{' '}
        &ldquo;Any multiplier&rdquo; below compares TFLite&apos;s fixed-point forms.
      </p>
    );
  }
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
