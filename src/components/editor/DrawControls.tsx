import { useLingui } from '@lingui/react';
import { useId, useRef, useState } from 'react';
import { parseWhole } from '../../input/parseWhole.ts';
import { useIsDraw } from '../../state/hooks.ts';
import { MAX_SEED } from '../../state/random.ts';
import { useAppStore, type InputId } from '../../state/store.ts';
import { useView } from '../../state/view.ts';
import { wholeRefusedText } from '../common/inputText.ts';
import { matrixName } from '../common/names.ts';
import { distributionText } from './words.ts';

/**
 * "Randomize" (a new draw with the next seed) and the seed of the input's draw: type a seed and
 * press Enter (or Randomize) to draw exactly that one again.
 */
export function DrawControls({ id }: { id: InputId }) {
  const { i18n } = useLingui();
  const label = matrixName(id);
  const seedName = i18n._('editor.seedName', { matrix: label });
  const seed = useView((s) => s.seeds[id]);
  const distribution = useView((s) => s.distribution);
  const isDraw = useIsDraw(id);
  const randomize = useAppStore((s) => s.randomize);
  const drawWithSeed = useAppStore((s) => s.drawWithSeed);
  const [draft, setDraft] = useState<string | null>(null);
  // The seed typed and refused last, and the seed kept then (worded at render).
  const [error, setError] = useState<{ typed: string; kept: number } | null>(null);
  const seedId = useId();
  const errorId = useId();
  const button = useRef<HTMLButtonElement>(null);
  const field = useRef<HTMLInputElement>(null);

  /** Draws the typed seed; true when there was one to draw. */
  const commitDraft = (): boolean => {
    if (draft === null) return false;
    const typed = parseWhole(draft, 0, MAX_SEED);
    setDraft(null);
    if (typed === null) {
      setError({ typed: draft, kept: seed });
      return true;
    }
    setError(null);
    drawWithSeed(id, typed);
    return true;
  };

  return (
    <span className="draw-controls">
      <button
        ref={button}
        type="button"
        onClick={() => {
          if (!commitDraft()) randomize(id);
        }}
        onBlur={(e) => {
          if (e.relatedTarget !== field.current) commitDraft();
        }}
      >
        {i18n._('editor.randomize', { matrix: label })}
      </button>
      <label htmlFor={seedId}>{i18n._('editor.seed')}</label>
      <input
        ref={field}
        id={seedId}
        aria-label={seedName}
        className="seed"
        inputMode="numeric"
        autoComplete="off"
        aria-describedby={error ? errorId : undefined}
        aria-invalid={error !== null}
        aria-description={i18n._('editor.seedHint')}
        value={draft ?? String(seed)}
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commitDraft();
          if (e.key === 'Escape') setDraft(null);
        }}
        onBlur={(e) => {
          // Clicking or tabbing to Randomize draws the typed seed there, once.
          if (e.relatedTarget !== button.current) commitDraft();
        }}
      />
      {error && (
        <span id={errorId} role="alert" className="error">
          {wholeRefusedText(seedName, error.typed, 0, MAX_SEED, error.kept)}
        </span>
      )}
      {isDraw && (
        <span className="muted draw-caption" data-testid={`${id}-draw`}>
          {i18n._('editor.drawCaption', { distribution: distributionText(distribution), seed: String(seed) })}
        </span>
      )}
    </span>
  );
}
