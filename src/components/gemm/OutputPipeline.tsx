import { i18n } from '@lingui/core';
import { useLingui } from '@lingui/react';
import type { CellTrace, Stage, TraceFrame } from '../../engine/index.ts';
import { formatFloat32, formatScale, formatShort } from '../../viz/format.ts';
import { signed } from '../../viz/int64.ts';
import { stageShort } from './stageText.ts';

/** A stage's operation with the numbers substituted. */
function describe(f: Exclude<TraceFrame, { kind: 'accumulate' }>): string {
  switch (f.kind) {
    case 'decomposition':
      return i18n._('gemm.pipeline.decomposition');
    case 'bias':
      return i18n._('gemm.pipeline.bias', {
        input: signed(f.input),
        bias: formatFloat32(f.biasTyped),
        scale: formatScale(f.biasScale),
        quantized: signed(f.biasQuantized),
        stored: formatFloat32(f.biasRepresented),
      });
    case 'highMul': {
      const x = f.leftShift > 0 ? `${signed(f.input)} · 2^${f.leftShift}` : signed(f.input);
      return f.saturated
        ? i18n._('gemm.pipeline.saturated')
        : `SaturatingRoundingDoublingHighMul(${x}, ${f.quantizedMultiplier}) = round(${x} · ${f.quantizedMultiplier} / 2³¹)`;
    }
    case 'scale': {
      const { quantizedMultiplier: m0, shift, real } = f.multiplier;
      if (f.method === 'tflite-single-rounding') {
        return i18n._('gemm.pipeline.singleRounding', {
          input: signed(f.input),
          m0,
          add: 30 - shift,
          shift: 31 - shift,
        });
      }
      return i18n._(f.method === 'float32' ? 'gemm.pipeline.float32' : 'gemm.pipeline.float64', {
        input: signed(f.input),
        real: formatScale(real),
      });
    }
    case 'shift':
      return i18n._(f.roundedUp ? 'gemm.pipeline.shiftUp' : 'gemm.pipeline.shiftDown', {
        input: signed(f.input),
        exponent: f.exponent,
        remainder: f.remainder,
        threshold: f.threshold,
      });
    case 'offset':
      return `${signed(f.input)} + ${f.zeroPoint}`;
    case 'clamp':
      return i18n._('gemm.pipeline.clamp', {
        input: signed(f.input),
        lo: signed(f.lo),
        hi: signed(f.hi),
        clamped: f.clamped ?? 'none',
        dequantized: formatFloat32(f.dequantized),
        ideal: formatFloat32(f.ideal),
        lsb: formatShort(f.errorLsb, 3),
        error: formatShort(f.error, 3),
      });
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
  useLingui(); // the words below follow the page's language
  const stages = Array.from({ length: trace.length - depth }, (_, t) => depth + t);
  return (
    <ol className="pipeline" aria-label={i18n._('gemm.pipeline.label')}>
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
            <span className="stage-name">{stageShort(kind)}</span>
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
