import { useLingui } from '@lingui/react';
import { cellGroups } from '../../engine/index.ts';
import { useTrace } from '../../state/hooks.ts';
import { Problem } from '../common/Problem.tsx';
import { AccumulationTable } from './AccumulationTable.tsx';
import { Decomposition } from './Decomposition.tsx';
import { OutputPipeline } from './OutputPipeline.tsx';
import { StepControls } from './StepControls.tsx';
import { stageName } from './stageText.ts';
import { usePlayback } from './usePlayback.ts';

/** Follow one output value from the input codes to the result's code, step by step. */
export function Walkthrough() {
  const { i18n } = useLingui();
  const traced = useTrace();
  usePlayback();
  if (!traced.ok) return <Problem title={i18n._('gemm.walk.nothing')} failure={traced.failure} />;
  const { trace, result, step, frame, row, col } = traced.value;
  const depth = result.lhsQuantized.cols;
  const lastStep = trace.length - 1;
  const groups = cellGroups(result.lhsGroups.length, result.rhsGroups.length, row, col);

  const label =
    frame.kind === 'accumulate'
      ? i18n._('gemm.walk.term', { j: frame.j + 1, depth })
      : stageName(frame.kind, result.resultParams);
  const decomposition = step >= depth ? trace.frame(depth) : null;
  return (
    <div
      className="walkthrough"
      tabIndex={0}
      role="group"
      aria-label={i18n._('gemm.walk.label', { row: row + 1, col: col + 1 })}
    >
      <h3>{i18n._('gemm.walk.heading', { row: row + 1, col: col + 1 })}</h3>
      <StepControls step={step} lastStep={lastStep} label={label} />
      <AccumulationTable
        trace={trace}
        depth={depth}
        step={step}
        z1={(result.lhsGroups[groups.lhs] ?? result.lhsParams).zeroPoint}
        z2={(result.rhsGroups[groups.rhs] ?? result.rhsParams).zeroPoint}
      />
      {decomposition?.kind === 'decomposition' && (
        <Decomposition frame={decomposition} rows={result.output.rows} cols={result.output.cols} />
      )}
      <OutputPipeline trace={trace} depth={depth} step={step} />
    </div>
  );
}
