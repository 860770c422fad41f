import { useLingui } from '@lingui/react';
import type { HighMulFrame } from '../../engine/index.ts';
import { groupDigits, hex64, toBigInt } from '../../viz/int64.ts';
import { rich } from './richText.tsx';

/**
 * SaturatingRoundingDoublingHighMul(a, b) written out from the trace: the exact 64-bit product, the
 * nudge that makes C's truncating division round to nearest, and the high half.
 */
export function HighMulSteps({ frame }: { frame: HighMulFrame }) {
  const { i18n } = useLingui();
  const { input: a, quantizedMultiplier: b, saturated, result } = frame;
  const product = toBigInt(frame.product);
  return (
    <ol className="walk" aria-label={i18n._('multiplier.highMul.label')}>
      <li>
        {rich(
          i18n,
          'multiplier.highMul.inputs',
          {},
          { a: <>a = {groupDigits(a)}</>, b: <>b = M0 = {groupDigits(b)}</> },
        )}
      </li>
      {saturated ? (
        <li>{i18n._('multiplier.highMul.saturated')}</li>
      ) : (
        <>
          <li>
            {rich(
              i18n,
              'multiplier.highMul.product',
              { hex: hex64(product) },
              { product: <span data-testid="product64">{groupDigits(product)}</span> },
            )}
          </li>
          <li>
            {i18n._(frame.nudge > 0 ? 'multiplier.highMul.nudgePositive' : 'multiplier.highMul.nudgeNegative', {
              nudge: groupDigits(frame.nudge),
              sum: groupDigits(toBigInt(frame.sum)),
            })}
          </li>
          <li>{i18n._('multiplier.highMul.highHalf', { result: groupDigits(result) })}</li>
        </>
      )}
      <li>
        {rich(
          i18n,
          'multiplier.highMul.result',
          {},
          { result: <strong data-testid="highmul-result">{result}</strong> },
        )}
      </li>
      {!saturated && <li className="muted">{i18n._('multiplier.highMul.onlyOverflow')}</li>}
    </ol>
  );
}
