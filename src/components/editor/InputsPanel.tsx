import { useId } from 'react';
import { usePresetOnScreen } from '../../state/hooks.ts';
import { PRESET_IDS, type PresetId } from '../../state/presets.ts';
import { DISTRIBUTIONS, type Distribution } from '../../state/random.ts';
import { useAppStore } from '../../state/store.ts';
import { useView } from '../../state/view.ts';
import { Panel } from '../common/Panel.tsx';
import { MatrixEditor } from './MatrixEditor.tsx';
import { DISTRIBUTION_TEXT, PRESET_TEXT } from './words.ts';
import './editor.css';

/** Section 1: presets, the randomizer's distribution and the two editable matrices. */
export function InputsPanel() {
  const loadPreset = useAppStore((s) => s.loadPreset);
  const distribution = useView((s) => s.distribution);
  const setDistribution = useAppStore((s) => s.setDistribution);
  const onScreen = usePresetOnScreen();
  const presetId = useId();
  const distId = useId();
  return (
    <Panel
      id="inputs"
      title="1 · Inputs"
      lede={
        <>
          Two float32 matrices, LHS (M × N, e.g. activations) and RHS (N × K, e.g. weights). Type, paste or scrub a
          value and every panel below follows.
        </>
      }
    >
      <div className="toolbar chrome">
        <label htmlFor={presetId}>Preset</label>
        <select
          id={presetId}
          value={onScreen ?? ''}
          onChange={(e) => {
            const id = PRESET_IDS.find((p) => p === e.target.value);
            if (id) loadPreset(id);
          }}
        >
          <option value="" disabled>
            Your own matrices — load a preset…
          </option>
          {PRESET_IDS.map((key: PresetId) => (
            <option key={key} value={key}>
              {PRESET_TEXT[key].label}
            </option>
          ))}
        </select>
        <label htmlFor={distId}>Random draws</label>
        <select id={distId} value={distribution} onChange={(e) => setDistribution(e.target.value as Distribution)}>
          {DISTRIBUTIONS.map((key) => (
            <option key={key} value={key}>
              {DISTRIBUTION_TEXT[key]}
            </option>
          ))}
        </select>
      </div>
      {/* Always a line, so that the page does not jump up when an edit ends the preset. */}
      <p className="preset-caption" data-testid="preset-caption">
        {onScreen ? (
          <>
            <strong>{PRESET_TEXT[onScreen].label}.</strong> {PRESET_TEXT[onScreen].lesson}
          </>
        ) : (
          <>
            <strong>Your own matrices.</strong> A preset starts again from one of the lessons; Undo brings yours back.
          </>
        )}
      </p>
      <div className="editors">
        <MatrixEditor id="lhs" role="activations" />
        <MatrixEditor id="rhs" role="weights" />
      </div>
    </Panel>
  );
}
