/** Lines the walks of section 9 share: a fixed-point rescale, and the element in real numbers. */
import { useLingui } from '@lingui/react';
import { type DivideSteps, type HighMulSteps } from '../../engine/index.ts';

/** SaturatingRoundingDoublingHighMul(x, M0), then RoundingDivideByPOT by −shift (when shift < 0). */
export function Rescale({
  x,
  m0,
  shift,
  highMul,
  divide,
}: {
  x: number;
  m0: number;
  shift: number;
  highMul: HighMulSteps;
  divide: DivideSteps;
}) {
  const { i18n } = useLingui();
  return (
    <>
      <li>{i18n._('model.stage.highMul', { x, m0, nudge: highMul.nudge, result: highMul.result })}</li>
      <li>
        {i18n._('model.stage.divide', {
          x: highMul.result,
          exponent: Math.max(-shift, 0),
          remainder: divide.remainder,
          threshold: divide.threshold,
          result: divide.result,
        })}
      </li>
    </>
  );
}

/**
 * The element in real numbers, its ideal code, and how many LSBs the integer code is from it —
 * or, when the ideal code is outside the output's range [min, max], that the clamp decided it.
 */
export function RealLine({
  real,
  ideal,
  code,
  min,
  max,
}: {
  real: number;
  ideal: number;
  code: number;
  min: number;
  max: number;
}) {
  const { i18n } = useLingui();
  const lsb = code - ideal;
  if (ideal < min - 0.5 || ideal > max + 0.5)
    return (
      <li>
        {i18n._('model.stage.floatClamped', { real: real.toPrecision(9), ideal: ideal.toFixed(3), min, max, code })}
      </li>
    );
  return (
    <li>
      {i18n._('model.stage.float', {
        real: real.toPrecision(9),
        ideal: ideal.toFixed(3),
        lsb: (lsb >= 0 ? '+' : '') + lsb.toFixed(3),
      })}
    </li>
  );
}
