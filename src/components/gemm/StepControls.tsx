import { useId } from 'react';
import { SPEEDS, type Speed } from '../../state/slices/gemmSlice.ts';
import { useAppStore } from '../../state/store.ts';
import { useView } from '../../state/view.ts';

/** Props of {@link StepControls}. */
interface StepControlsProps {
  step: number;
  lastStep: number;
  /** What the current step is, for the counter ("j = 3", "high multiply"…). */
  label: string;
}

/** Start, back, play/pause, forward, end and speed. The keys are handled by the walkthrough. */
export function StepControls({ step, lastStep, label }: StepControlsProps) {
  const setStep = useAppStore((s) => s.setStep);
  const playing = useView((s) => s.playing);
  const togglePlaying = useAppStore((s) => s.togglePlaying);
  const speed = useView((s) => s.speed);
  const setSpeed = useAppStore((s) => s.setSpeed);
  const speedId = useId();
  return (
    <div className="step-controls" role="toolbar" aria-label="Step controls">
      <button type="button" onClick={() => setStep(0)} disabled={step === 0} title="Home">
        <span aria-hidden="true">|◀</span>
        <span className="visually-hidden">Jump to start</span>
      </button>
      <button type="button" onClick={() => setStep(step - 1)} disabled={step === 0} title="←">
        <span aria-hidden="true">◀</span>
        <span className="visually-hidden">Step back</span>
      </button>
      <button type="button" onClick={togglePlaying} title="Space">
        <span aria-hidden="true">{playing ? '❚❚' : '▶'}</span> {playing ? 'Pause' : 'Play'}
      </button>
      <button type="button" onClick={() => setStep(step + 1)} disabled={step >= lastStep} title="→">
        <span aria-hidden="true">▶</span>
        <span className="visually-hidden">Step forward</span>
      </button>
      <button type="button" onClick={() => setStep(lastStep)} disabled={step >= lastStep} title="End">
        <span aria-hidden="true">▶|</span>
        <span className="visually-hidden">Jump to end</span>
      </button>
      <label htmlFor={speedId}>speed</label>
      <select id={speedId} value={speed} onChange={(e) => setSpeed(Number(e.target.value) as Speed)}>
        {SPEEDS.map((s) => (
          <option key={s} value={s}>
            {s} steps/s
          </option>
        ))}
      </select>
      <span className="step-counter" aria-live="polite" data-testid="step-counter">
        step {step + 1} of {lastStep + 1}: {label}
      </span>
    </div>
  );
}
