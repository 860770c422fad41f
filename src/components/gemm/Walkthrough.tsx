import type { KeyboardEvent } from 'react';
import { useTrace } from '../../state/hooks.ts';
import { useAppStore } from '../../state/store.ts';
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
  const setStep = useAppStore((s) => s.setStep);
  const togglePlaying = useAppStore((s) => s.togglePlaying);
  usePlayback();
  if (!traced.ok) return <Problem title="Nothing to step through" failure={traced.failure} />;
  const { trace, result, step, frame, row, col } = traced.value;
  const depth = result.lhsQuantized.cols;
  const lastStep = trace.length - 1;

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if ((e.target as HTMLElement).closest('input, select, textarea')) return;
    const actions: Record<string, () => void> = {
      ArrowRight: () => setStep(step + 1),
      ArrowLeft: () => setStep(step - 1),
      Home: () => setStep(0),
      End: () => setStep(lastStep),
      ' ': togglePlaying,
    };
    const action = actions[e.key];
    if (!action) return;
    e.preventDefault();
    action();
  };

  const label =
    frame.kind === 'accumulate' ? `term j = ${frame.j + 1} of ${depth}` : stageName(frame.kind, result.resultParams);
  const decomposition = step >= depth ? trace.frame(depth) : null;
  return (
    <div
      className="walkthrough"
      tabIndex={0}
      role="group"
      aria-label={`Walkthrough of output row ${row + 1}, column ${col + 1}. Keys: arrows step, Space plays or pauses, Home and End jump.`}
      onKeyDown={onKeyDown}
    >
      <h3>
        Output row {row + 1}, column {col + 1}
      </h3>
      <StepControls step={step} lastStep={lastStep} label={label} />
      <AccumulationTable
        trace={trace}
        depth={depth}
        step={step}
        z1={result.lhsParams.zeroPoint}
        z2={result.rhsParams.zeroPoint}
      />
      {decomposition?.kind === 'decomposition' && (
        <Decomposition frame={decomposition} rows={result.output.rows} cols={result.output.cols} />
      )}
      <OutputPipeline trace={trace} depth={depth} step={step} />
    </div>
  );
}
