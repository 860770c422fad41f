import { useLingui } from '@lingui/react';
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

/**
 * A step button. When it cannot step (at the start or end) it says so with aria-disabled but keeps
 * the focus, so that the keys keep stepping (a disabled button would drop the focus to the page).
 */
function StepButton(props: { onPress: () => void; unavailable: boolean; title: string; name: string; glyph: string }) {
  const { onPress, unavailable, title, name, glyph } = props;
  return (
    <button
      type="button"
      className="step-button"
      aria-disabled={unavailable}
      onClick={() => {
        if (!unavailable) onPress();
      }}
      title={title}
    >
      <span aria-hidden="true">{glyph}</span>
      <span className="visually-hidden">{name}</span>
    </button>
  );
}

/** Start, back, play/pause, forward, end and speed. The keys are handled by section 5 (stepKeys.ts). */
export function StepControls({ step, lastStep, label }: StepControlsProps) {
  const { i18n } = useLingui();
  const setStep = useAppStore((s) => s.setStep);
  const playing = useView((s) => s.playing);
  const togglePlaying = useAppStore((s) => s.togglePlaying);
  const speed = useView((s) => s.speed);
  const setSpeed = useAppStore((s) => s.setSpeed);
  const speedId = useId();
  return (
    <div className="step-controls" role="toolbar" aria-label={i18n._('gemm.controls.label')}>
      <StepButton
        onPress={() => setStep(0)}
        unavailable={step === 0}
        title={i18n._('gemm.controls.startKey')}
        name={i18n._('gemm.controls.start')}
        glyph="|◀"
      />
      <StepButton
        onPress={() => setStep(step - 1)}
        unavailable={step === 0}
        title={i18n._('gemm.controls.backKeys')}
        name={i18n._('gemm.controls.back')}
        glyph="◀"
      />
      <button type="button" onClick={togglePlaying} title={i18n._('gemm.controls.playKey')}>
        <span aria-hidden="true">{playing ? '❚❚' : '▶'}</span>{' '}
        {playing ? i18n._('gemm.controls.pause') : i18n._('gemm.controls.play')}
      </button>
      <StepButton
        onPress={() => setStep(step + 1)}
        unavailable={step >= lastStep}
        title={i18n._('gemm.controls.forwardKeys')}
        name={i18n._('gemm.controls.forward')}
        glyph="▶"
      />
      <StepButton
        onPress={() => setStep(lastStep)}
        unavailable={step >= lastStep}
        title={i18n._('gemm.controls.endKey')}
        name={i18n._('gemm.controls.end')}
        glyph="▶|"
      />
      <label htmlFor={speedId}>{i18n._('gemm.controls.speed')}</label>
      <select id={speedId} value={speed} onChange={(e) => setSpeed(Number(e.target.value) as Speed)}>
        {SPEEDS.map((s) => (
          <option key={s} value={s}>
            {i18n._('gemm.controls.stepsPerSecond', { speed: s })}
          </option>
        ))}
      </select>
      <span className="step-counter" aria-live="polite" data-testid="step-counter">
        {i18n._('gemm.controls.counter', { step: step + 1, total: lastStep + 1, label })}
      </span>
    </div>
  );
}
