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
  const traced = useTrace();
  usePlayback();
  if (!traced.ok) return <Problem title="Nothing to step through" failure={traced.failure} />;
  const { trace, result, step, frame, row, col } = traced.value;
  const depth = result.lhsQuantized.cols;
  const lastStep = trace.length - 1;
  const groups = cellGroups(result.lhsGroups.length, result.rhsGroups.length, row, col);

  const label =
    frame.kind === 'accumulate' ? `term j = ${frame.j + 1} of ${depth}` : stageName(frame.kind, result.resultParams);
  const decomposition = step >= depth ? trace.frame(depth) : null;
  return (
    <div
      className="walkthrough"
      tabIndex={0}
      role="group"
      aria-label={`Walkthrough of output row ${row + 1}, column ${col + 1}. Keys: arrows or PageDown and PageUp step, Space plays or pauses, Home and End jump.`}
    >
      <h3>
        Output row {row + 1}, column {col + 1}
      </h3>
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
