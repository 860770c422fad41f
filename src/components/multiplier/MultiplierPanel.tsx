import { useLingui } from '@lingui/react';
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
  const { i18n } = useLingui();
  const traced = useTrace();
  if (!traced.ok) return <Problem title={i18n._('multiplier.noMultiplier')} failure={traced.failure} />;
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
          <h3>{i18n._('multiplier.highMulHeading', { row: row + 1, col: col + 1 })}</h3>
          <HighMulSteps frame={high} />
        </>
      )}
      {shift?.kind === 'shift' && (
        <>
          <h3>{i18n._('multiplier.shiftHeading')}</h3>
          <DivideSteps frame={shift} />
        </>
      )}
    </>
  );
}

/** Section 6: M = S1·S2/S3 → M0 · 2^−n, and the fixed-point arithmetic that applies it. */
export function MultiplierPanel() {
  const { i18n } = useLingui();
  return (
    <Panel id="multiplier" title={i18n._('multiplier.title')} lede={i18n._('multiplier.lede')}>
      <PanelBoundary name={i18n._('multiplier.boundary.selected')}>
        <SelectedCellStages />
      </PanelBoundary>
      <PanelBoundary name={i18n._('multiplier.boundary.explorer')}>
        <FreeMultiplier />
      </PanelBoundary>
    </Panel>
  );
}
