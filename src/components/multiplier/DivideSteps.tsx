import { useLingui } from '@lingui/react';
import type { ShiftFrame } from '../../engine/index.ts';
import { formatShort } from '../../viz/format.ts';
import { bits32, groupDigits } from '../../viz/int64.ts';
import { frac, num, op } from '../common/math.tsx';
import { rich } from './richText.tsx';

/** 2 to the power e, typeset. */
const power = (e: number) => (
  <msup>
    <mn>2</mn>
    <mn>{e}</mn>
  </msup>
);

/** RoundingDivideByPOT(x, e) written out from the trace: mask, remainder, threshold, and the rounding. */
export function DivideSteps({ frame }: { frame: ShiftFrame }) {
  const { i18n } = useLingui();
  const { input: x, exponent, mask, remainder, threshold, roundedUp: up } = frame;
  const low = exponent > 0 ? bits32(remainder).slice(-exponent) : '';
  return (
    <ol className="walk" aria-label={i18n._('multiplier.divide.label')}>
      <li>
        <math>
          <mi>x</mi>
          {op('=')}
          {num(groupDigits(x))}
          {op(',')}
          <mspace width="0.5em" />
          <mi>e</mi>
          {op('=')}
          {num(exponent)}
          {op(':')}
          <mspace width="0.5em" />
          {frac(<mi>x</mi>, power(exponent))}
          {op('=')}
          {num(formatShort(frame.quotient, 12))}
        </math>
      </li>
      <li>
        <math>
          <mi>mask</mi>
          {op('=')}
          {power(exponent)}
          {op('−')}
          {num(1)}
          {op('=')}
          {num(mask)}
        </math>
        ; remainder = x &amp; mask = {remainder}
        {exponent > 0 && (
          <span className="muted"> {i18n._('multiplier.divide.lowBits', { count: exponent, bits: low })}</span>
        )}
      </li>
      <li>
        {rich(
          i18n,
          x < 0 ? 'multiplier.divide.thresholdNegative' : 'multiplier.divide.thresholdNonNegative',
          { value: threshold },
          { threshold: <>threshold = mask &gt;&gt; 1</> },
        )}
      </li>
      <li>
        {rich(
          i18n,
          up ? 'multiplier.divide.roundUp' : 'multiplier.divide.keep',
          { remainder, threshold },
          {
            shifted: (
              <>
                (x &gt;&gt; {exponent}) = {groupDigits(frame.truncated)}
              </>
            ),
          },
        )}
      </li>
      <li>
        {rich(
          i18n,
          'multiplier.divide.result',
          {},
          { result: <strong data-testid="divide-result">{frame.result}</strong> },
        )}
      </li>
    </ol>
  );
}
