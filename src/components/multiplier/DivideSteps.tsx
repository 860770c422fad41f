import type { ShiftFrame } from '../../engine/index.ts';
import { formatShort } from '../../viz/format.ts';
import { bits32, groupDigits } from '../../viz/int64.ts';

/** RoundingDivideByPOT(x, e) written out from the trace: mask, remainder, threshold, and the rounding. */
export function DivideSteps({ frame }: { frame: ShiftFrame }) {
  const { input: x, exponent, mask, remainder, threshold, roundedUp: up } = frame;
  const low = exponent > 0 ? bits32(remainder).slice(-exponent) : '';
  return (
    <ol className="walk" aria-label="Rounding divide by power of two">
      <li>
        x = {groupDigits(x)}, e = {exponent}: x / 2^{exponent} = {formatShort(frame.quotient, 12)}
      </li>
      <li>
        mask = 2^{exponent} − 1 = {mask}; remainder = x &amp; mask = {remainder}
        {exponent > 0 && (
          <span className="muted">
            {' '}
            (the low {exponent} bits: {low})
          </span>
        )}
      </li>
      <li>
        threshold = mask &gt;&gt; 1 {x < 0 ? '+ 1 (x is negative)' : '(x ≥ 0)'} = {threshold}
      </li>
      <li>
        (x &gt;&gt; {exponent}) = {groupDigits(frame.truncated)} (arithmetic shift: rounds toward −∞), remainder{' '}
        {remainder} {up ? '>' : '≤'} {threshold}
        {up ? ' → add 1' : ' → keep'}
      </li>
      <li>
        result = <strong data-testid="divide-result">{frame.result}</strong>: round to nearest, ties away from zero
        (−3/2 → −2, 3/2 → 2) — unlike the high multiply, whose ties go toward +∞.
      </li>
    </ol>
  );
}
