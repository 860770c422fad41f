import type { HighMulFrame } from '../../engine/index.ts';
import { groupDigits, hex64, toBigInt } from '../../viz/int64.ts';

/**
 * SaturatingRoundingDoublingHighMul(a, b) written out from the trace: the exact 64-bit product, the
 * nudge that makes C's truncating division round to nearest, and the high half.
 */
export function HighMulSteps({ frame }: { frame: HighMulFrame }) {
  const { input: a, quantizedMultiplier: b, saturated, result } = frame;
  const product = toBigInt(frame.product);
  return (
    <ol className="walk" aria-label="Saturating rounding doubling high multiply">
      <li>
        a = {groupDigits(a)} (the accumulator), b = M0 = {groupDigits(b)}
      </li>
      {saturated ? (
        <li>
          a = b = INT32_MIN = −2³¹: a·b = 2⁶² and its doubled high half 2³¹ does not fit in an int32, so the result
          saturates to INT32_MAX = 2147483647 — the only overflow case.
        </li>
      ) : (
        <>
          <li>
            64-bit product a·b = <span data-testid="product64">{groupDigits(product)}</span> = {hex64(product)} (a
            float64 would round this above 2⁵³; computed exactly)
          </li>
          <li>
            nudge = {frame.nudge > 0 ? '2³⁰ (product ≥ 0)' : '1 − 2³⁰ (product < 0)'} = {groupDigits(frame.nudge)}; a·b
            + nudge = {groupDigits(toBigInt(frame.sum))}
          </li>
          <li>
            (a·b + nudge) / 2³¹, truncated toward zero = {groupDigits(result)}: the high half of 2·a·b, i.e. round(a·b /
            2³¹) with ties toward +∞ (−0.5 → 0, 2.5 → 3)
          </li>
        </>
      )}
      <li>
        result = <strong data-testid="highmul-result">{result}</strong>
      </li>
      {!saturated && (
        <li className="muted">
          The one input it cannot compute this way is a = b = INT32_MIN (−2³¹): then 2·a·b = 2⁶³ and its high half 2³¹
          does not fit in an int32, so gemmlowp returns INT32_MAX instead (hence “saturating”). M0 ≥ 2³⁰ is positive, so
          it never happens with a real multiplier.
        </li>
      )}
    </ol>
  );
}
