import { useId, useRef, useState } from 'react';
import { parseWhole } from '../../input/parseWhole.ts';
import { useIsDraw } from '../../state/hooks.ts';
import { MAX_SEED } from '../../state/random.ts';
import { useAppStore, type InputId } from '../../state/store.ts';
import { useView } from '../../state/view.ts';
import { matrixName } from '../common/names.ts';
import { DISTRIBUTION_TEXT } from './words.ts';

/**
 * "Randomize" (a new draw with the next seed) and the seed of the input's draw: type a seed and
 * press Enter (or Randomize) to draw exactly that one again.
 */
export function DrawControls({ id }: { id: InputId }) {
  const label = matrixName(id);
  const seed = useView((s) => s.seeds[id]);
  const distribution = useView((s) => s.distribution);
  const isDraw = useIsDraw(id);
  const randomize = useAppStore((s) => s.randomize);
  const drawWithSeed = useAppStore((s) => s.drawWithSeed);
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
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
      setError(`${label} seed: “${draft.slice(0, 20)}” is not a whole number from 0 to ${MAX_SEED}. Kept ${seed}.`);
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
        Randomize {label}
      </button>
      <label htmlFor={seedId}>seed</label>
      <input
        ref={field}
        id={seedId}
        aria-label={`${label} seed`}
        className="seed"
        inputMode="numeric"
        autoComplete="off"
        aria-describedby={error ? errorId : undefined}
        aria-invalid={error !== null}
        aria-description="Type a seed and press Enter to draw it"
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
          {error}
        </span>
      )}
      {isDraw && (
        <span className="muted draw-caption" data-testid={`${id}-draw`}>
          {DISTRIBUTION_TEXT[distribution]}, seed {seed}
        </span>
      )}
    </span>
  );
}
