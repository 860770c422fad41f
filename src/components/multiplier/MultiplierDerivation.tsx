import type { QuantizedMatMulResult } from '../../engine/index.ts';
import { formatFloat32, formatScale, formatShort } from '../../viz/format.ts';
import { hex32 } from '../../viz/int64.ts';
import { BitsView } from './BitsView.tsx';

/** M = S1·S2/S3 in float32, normalised into [0.5, 1) by doubling, then M0 = round(M'·2^31). */
export function MultiplierDerivation({ result: r }: { result: QuantizedMatMulResult }) {
  const s1s2 = Math.fround(r.lhsParams.scale * r.rhsParams.scale);
  const doublings = Array.from({ length: r.rightShift + 1 }, (_, s) => Math.fround(r.realMultiplier * 2 ** s));
  const approx = r.quantizedMultiplier * 2 ** (-31 - r.rightShift);
  const exact = (r.lhsParams.scale * r.rhsParams.scale) / r.resultParams.scale; // in double, for comparison
  const shown = doublings.length > 8 ? [...doublings.slice(0, 3), null, ...doublings.slice(-3)] : doublings;
  return (
    <div className="multiplier-derivation">
      <p className="formula" data-testid="multiplier">
        M = S1·S2 / S3 = f32({formatScale(r.lhsParams.scale)} · {formatScale(r.rhsParams.scale)}) /{' '}
        {formatScale(r.resultParams.scale)} = {formatFloat32(s1s2)} / {formatScale(r.resultParams.scale)} ={' '}
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
          {shown.map((v, i) =>
            v === null ? (
              <tr key="gap">
                <td colSpan={2}>…</td>
              </tr>
            ) : (
              <tr key={i} className={v >= 0.5 ? 'is-current' : undefined}>
                <td>{doublings.indexOf(v)}</td>
                <td>
                  {formatFloat32(v)}
                  {v >= 0.5 ? ' ∈ [0.5, 1): stop' : ' < 0.5: double'}
                </td>
              </tr>
            ),
          )}
        </tbody>
      </table>
      <p>
        M0 = round({formatFloat32(doublings[doublings.length - 1] ?? 0)} · 2³¹) = {r.quantizedMultiplier} (
        {hex32(r.quantizedMultiplier)}), an int32 in [2³⁰, 2³¹): at least 30 significant bits. The right shift is n ={' '}
        {r.rightShift}.
      </p>
      <BitsView value={r.quantizedMultiplier} label="M0" />
      <p className="muted">
        M0 · 2<sup>−31−n</sup> = {formatShort(approx, 10)}: relative error{' '}
        {formatShort(Math.abs(approx - r.realMultiplier) / r.realMultiplier, 3)} against the float32 M (a float32 has 24
        significant bits, so M0 holds it exactly), and {formatShort(Math.abs(approx - exact) / exact, 3)} against
        S1·S2/S3 computed in double.
      </p>
    </div>
  );
}
