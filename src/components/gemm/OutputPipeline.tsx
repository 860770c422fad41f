import type { CellTrace, TraceFrame } from '../../engine/index.ts';
import { formatFloat32, formatScale, formatShort } from '../../viz/format.ts';

/** One line per stage: its operation with the numbers, for stages already reached. */
function describe(f: TraceFrame, s3: number): { name: string; text: string; value: string } | null {
  switch (f.kind) {
    case 'decomposition':
      return { name: 'int32 sum', text: 'Σⱼ (q1 − Z1)(q2 − Z2), as accumulated above', value: String(f.direct) };
    case 'bias':
      return {
        name: '+ bias',
        text: `${f.input} + round(${formatFloat32(f.bias)} / S1·S2 = ${formatScale(f.biasScale)}) = ${f.input} + ${f.biasQuantized}`,
        value: String(f.result),
      };
    case 'highMul':
      return {
        name: 'high multiply',
        text: f.saturated
          ? 'INT32_MIN · INT32_MIN saturates to INT32_MAX'
          : `SaturatingRoundingDoublingHighMul(${f.input}, ${f.quantizedMultiplier}) = round(${f.input} · ${f.quantizedMultiplier} / 2³¹)`,
        value: String(f.result),
      };
    case 'shift':
      return {
        name: 'rounding shift',
        text: `RoundingDivideByPOT(${f.input}, ${f.exponent}) = ${f.input} / 2^${f.exponent} rounded (remainder ${f.remainder} ${f.roundedUp ? '>' : '≤'} threshold ${f.threshold}${f.roundedUp ? ': round up' : ''})`,
        value: String(f.result),
      };
    case 'offset':
      return { name: '+ Z3', text: `${f.input} + ${f.zeroPoint}`, value: String(f.result) };
    case 'clamp':
      return {
        name: 'clamp → uint8',
        text: `clamp(${f.input}, ${f.lo}, ${f.hi})${f.clamped ? ` — clamped ${f.clamped === 'low' ? 'up' : 'down'}` : ''}; r̂ = S3·(q − Z3) = ${formatFloat32(f.dequantized)} vs ideal ${formatFloat32(f.ideal)}: error ${formatShort(f.errorLsb, 3)} LSB (${formatShort(f.errorLsb * s3, 3)})`,
        value: String(f.result),
      };
    default:
      return null;
  }
}

/** Props of {@link OutputPipeline}. */
interface OutputPipelineProps {
  trace: CellTrace;
  depth: number;
  step: number;
  s3: number;
}

/** The requantization stages of the selected cell, lit up to the current step. */
export function OutputPipeline({ trace, depth, step, s3 }: OutputPipelineProps) {
  const stages = Array.from({ length: trace.length - depth }, (_, t) => depth + t);
  return (
    <ol className="pipeline" aria-label="Requantization stages">
      {stages.map((s) => {
        const line = describe(trace.frame(s), s3);
        if (!line) return null;
        const reached = s <= step;
        return (
          <li
            key={s}
            className={s === step ? 'is-current' : reached ? 'is-done' : 'is-pending'}
            aria-current={s === step ? 'step' : undefined}
          >
            <span className="stage-name">{line.name}</span>
            <span className="stage-text">{reached ? line.text : '…'}</span>
            <span className="stage-value" data-testid={reached ? `stage-${trace.frame(s).kind}` : undefined}>
              {reached ? line.value : ''}
            </span>
          </li>
        );
      })}
    </ol>
  );
}
