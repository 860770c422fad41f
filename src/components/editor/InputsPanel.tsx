import { useLingui } from '@lingui/react';
import { useId } from 'react';
import { usePresetOnScreen } from '../../state/hooks.ts';
import { PRESET_IDS, type PresetId } from '../../state/presets.ts';
import { DISTRIBUTIONS, type Distribution } from '../../state/random.ts';
import { useAppStore } from '../../state/store.ts';
import { useView } from '../../state/view.ts';
import { gap } from '../common/inputText.ts';
import { Panel } from '../common/Panel.tsx';
import { MatrixEditor } from './MatrixEditor.tsx';
import { distributionText, presetHeading, presetLabel, presetLesson } from './words.ts';
import './editor.css';

/** Section 1: presets, the randomizer's distribution and the two editable matrices. */
export function InputsPanel() {
  const { i18n } = useLingui();
  const loadPreset = useAppStore((s) => s.loadPreset);
  const distribution = useView((s) => s.distribution);
  const setDistribution = useAppStore((s) => s.setDistribution);
  const onScreen = usePresetOnScreen();
  const presetId = useId();
  const distId = useId();
  const heading = onScreen ? presetHeading(onScreen) : i18n._('editor.ownHeading');
  const caption = onScreen ? presetLesson(onScreen) : i18n._('editor.ownCaption');
  return (
    <Panel id="inputs" title={i18n._('editor.title')} lede={i18n._('editor.lede')}>
      <div className="toolbar chrome">
        <label htmlFor={presetId}>{i18n._('editor.presetMenu')}</label>
        <select
          id={presetId}
          value={onScreen ?? ''}
          onChange={(e) => {
            const id = PRESET_IDS.find((p) => p === e.target.value);
            if (id) loadPreset(id);
          }}
        >
          <option value="" disabled>
            {i18n._('editor.ownOption')}
          </option>
          {PRESET_IDS.map((key: PresetId) => (
            <option key={key} value={key}>
              {presetLabel(key)}
            </option>
          ))}
        </select>
        <label htmlFor={distId}>{i18n._('editor.distributionMenu')}</label>
        <select id={distId} value={distribution} onChange={(e) => setDistribution(e.target.value as Distribution)}>
          {DISTRIBUTIONS.map((key) => (
            <option key={key} value={key}>
              {distributionText(key)}
            </option>
          ))}
        </select>
      </div>
      {/* Always a line, so that the page does not jump up when an edit ends the preset. */}
      <p className="preset-caption" data-testid="preset-caption">
        <strong>{heading}</strong>
        {gap(heading, caption)}
        {caption}
      </p>
      <div className="editors">
        <MatrixEditor id="lhs" />
        <MatrixEditor id="rhs" />
      </div>
    </Panel>
  );
}
