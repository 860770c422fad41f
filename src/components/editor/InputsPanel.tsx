import { useId } from 'react';
import { PRESETS, type PresetId } from '../../state/presets.ts';
import { DISTRIBUTIONS, type Distribution } from '../../state/random.ts';
import { useAppStore } from '../../state/store.ts';
import { useView } from '../../state/view.ts';
import { MatrixEditor } from './MatrixEditor.tsx';
import { Panel } from '../common/Panel.tsx';

/** Section 1: presets, the randomizer's choices and the two editable matrices. */
export function InputsPanel() {
  const loadPreset = useAppStore((s) => s.loadPreset);
  const distribution = useView((s) => s.distribution);
  const setDistribution = useAppStore((s) => s.setDistribution);
  const seed = useView((s) => s.seed);
  const setSeed = useAppStore((s) => s.setSeed);
  const presetId = useId();
  const distId = useId();
  const seedId = useId();
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
          defaultValue=""
          onChange={(e) => {
            if (e.target.value in PRESETS) loadPreset(e.target.value as PresetId);
            e.target.value = '';
          }}
        >
          <option value="" disabled>
            Load a preset…
          </option>
          {Object.entries(PRESETS).map(([key, p]) => (
            <option key={key} value={key} title={p.description}>
              {p.label}
            </option>
          ))}
        </select>
        <label htmlFor={distId}>Random draw</label>
        <select id={distId} value={distribution} onChange={(e) => setDistribution(e.target.value as Distribution)}>
          {Object.entries(DISTRIBUTIONS).map(([key, text]) => (
            <option key={key} value={key}>
              {text}
            </option>
          ))}
        </select>
        <label htmlFor={seedId}>seed</label>
        <input
          id={seedId}
          type="number"
          min={0}
          max={2147483647}
          step={1}
          value={seed}
          className="seed"
          onChange={(e) => {
            const v = Number(e.target.value);
            if (Number.isInteger(v) && v >= 0 && v <= 2147483647) setSeed(v);
          }}
        />
      </div>
      <div className="editors">
        <MatrixEditor id="lhs" role="activations" />
        <span className="times" aria-hidden="true">
          ×
        </span>
        <MatrixEditor id="rhs" role="weights" />
      </div>
    </Panel>
  );
}
