import type { CellTrace, Stage, TraceFrame } from '../../engine/index.ts';
import { formatFloat32, formatScale, formatShort } from '../../viz/format.ts';
import { signed } from '../../viz/int64.ts';
import { STAGE_SHORT } from './stageText.ts';

/** A stage's operation with the numbers substituted. */
function describe(f: Exclude<TraceFrame, { kind: 'accumulate' }>): string {
  switch (f.kind) {
    case 'decomposition':
      return 'Σⱼ (q1 − Z1)(q2 − Z2), as accumulated above';
    case 'bias':
      return `${signed(f.input)} + round(${formatFloat32(f.biasTyped)} / S1·S2 = ${formatScale(f.biasScale)}) = ${signed(f.input)} + ${signed(f.biasQuantized)} (the bias as stored: ${formatFloat32(f.biasRepresented)})`;
    case 'highMul': {
      const x = f.leftShift > 0 ? `${signed(f.input)} · 2^${f.leftShift}` : signed(f.input);
      return f.saturated
        ? 'INT32_MIN · INT32_MIN saturates to INT32_MAX'
        : `SaturatingRoundingDoublingHighMul(${x}, ${f.quantizedMultiplier}) = round(${x} · ${f.quantizedMultiplier} / 2³¹)`;
    }
    case 'scale': {
      const { quantizedMultiplier: m0, shift, real } = f.multiplier;
      if (f.method === 'tflite-single-rounding') {
        return `(${signed(f.input)} · ${m0} + 2^${30 - shift}) >> ${31 - shift}: one rounding, ties up (TFLite single rounding)`;
      }
      return f.method === 'float32'
        ? `round half to even of float32(${signed(f.input)}) · ${formatScale(real)} in float32`
        : `round half to even of ${signed(f.input)} · ${formatScale(real)} in double`;
    }
    case 'shift':
      return `RoundingDivideByPOT(${signed(f.input)}, ${f.exponent}) = ${signed(f.input)} / 2^${f.exponent} rounded (remainder ${f.remainder} ${f.roundedUp ? '>' : '≤'} threshold ${f.threshold}${f.roundedUp ? ': round up' : ''})`;
    case 'offset':
      return `${signed(f.input)} + ${f.zeroPoint}`;
    case 'clamp':
      return `clamp(${signed(f.input)}, ${f.lo}, ${f.hi})${f.clamped ? ` — clamped ${f.clamped === 'low' ? 'up' : 'down'}` : ''}; r̂ = S3·(q − Z3) = ${formatFloat32(f.dequantized)} vs ideal ${formatFloat32(f.ideal)}: error ${formatShort(f.errorLsb, 3)} LSB (${formatShort(f.error, 3)})`;
    default:
      return f satisfies never;
  }
}

/** The value a stage ends with. */
function valueOf(f: Exclude<TraceFrame, { kind: 'accumulate' }>): number {
  return f.kind === 'decomposition' ? f.direct : f.result;
}

/** Props of {@link OutputPipeline}. */
interface OutputPipelineProps {
  trace: CellTrace;
  depth: number;
  step: number;
}

/** The requantization stages of the selected cell, lit up to the current step. */
export function OutputPipeline({ trace, depth, step }: OutputPipelineProps) {
  const stages = Array.from({ length: trace.length - depth }, (_, t) => depth + t);
  return (
    <ol className="pipeline" aria-label="Requantization stages">
      {stages.map((s) => {
        const frame = trace.frame(s);
        if (frame.kind === 'accumulate') return null;
        const reached = s <= step;
        const kind: Stage = frame.kind;
        return (
          <li
            key={s}
            className={s === step ? 'is-current' : reached ? 'is-done' : 'is-pending'}
            aria-current={s === step ? 'step' : undefined}
          >
            <span className="stage-name">{STAGE_SHORT[kind]}</span>
            <span className="stage-text">{reached ? describe(frame) : '…'}</span>
            <span className="stage-value" data-testid={reached ? `stage-${kind}` : undefined}>
              {reached ? signed(valueOf(frame)) : ''}
            </span>
          </li>
        );
      })}
    </ol>
  );
}
