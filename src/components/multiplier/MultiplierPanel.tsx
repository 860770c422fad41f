import { useTrace } from '../../state/hooks.ts';
import { PanelBoundary } from '../common/PanelBoundary.tsx';
import { Problem } from '../common/Problem.tsx';
import { DivideSteps } from './DivideSteps.tsx';
import { FreeMultiplier } from './FreeMultiplier.tsx';
import { HighMulSteps } from './HighMulSteps.tsx';
import { MultiplierDerivation } from './MultiplierDerivation.tsx';
import { Panel } from '../common/Panel.tsx';
import './multiplier.css';

/** The selected cell's output stage, bit by bit. */
function SelectedCellStages() {
  const traced = useTrace();
  if (!traced.ok) return <Problem title="No multiplier" failure={traced.failure} />;
  const { result, trace, row, col } = traced.value;
  const depth = result.lhsQuantized.cols;
  const frames = Array.from({ length: trace.length - depth }, (_, t) => trace.frame(depth + t));
  const high = frames.find((f) => f.kind === 'highMul');
  const shift = frames.find((f) => f.kind === 'shift');
  return (
    <>
      <MultiplierDerivation result={result} />
      {high?.kind === 'highMul' && (
        <>
          <h3>
            High multiply on output ({row + 1}, {col + 1})
          </h3>
          <HighMulSteps frame={high} />
        </>
      )}
      {shift?.kind === 'shift' && (
        <>
          <h3>Rounding right shift</h3>
          <DivideSteps frame={shift} />
        </>
      )}
    </>
  );
}

/** Section 6: M = S1·S2/S3 → M0 · 2^−n, and the fixed-point arithmetic that applies it. */
export function MultiplierPanel() {
  return (
    <Panel
      id="multiplier"
      title="6 · The multiplier M = S1·S2/S3 → M0 · 2⁻ⁿ"
      lede={
        <>
          The only real number left in the integer product is M. It is stored as an int32 M0 ∈ [2³⁰, 2³¹) and a shift n
          so that M ≈ M0 · 2⁻³¹ · 2⁻ⁿ (paper eq. 6); applying it takes one 32×32 → 64-bit multiply and one rounding
          shift.
        </>
      }
    >
      <PanelBoundary name="selected cell's multiplier">
        <SelectedCellStages />
      </PanelBoundary>
      <PanelBoundary name="multiplier explorer">
        <FreeMultiplier />
      </PanelBoundary>
    </Panel>
  );
}
