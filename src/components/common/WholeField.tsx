import { useState } from 'react';
import { parseWhole } from '../../input/parseWhole.ts';

/** Props of {@link WholeField}. */
interface WholeFieldProps {
  label: string;
  value: number;
  min: number;
  max: number;
  onCommit: (value: number) => void;
}

/**
 * A whole-number field: commits on Enter or blur; refuses anything but digits in [min, max] with a
 * message under the field and keeps the previous value.
 */
export function WholeField({ label, value, min, max, onCommit }: WholeFieldProps) {
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const commit = () => {
    if (draft === null) return;
    const typed = parseWhole(draft, min, max);
    if (typed === null) {
      setError(`${label}: “${draft.slice(0, 20)}” is not a whole number from ${min} to ${max}. Kept ${value}.`);
    } else {
      setError(null);
      onCommit(typed);
    }
    setDraft(null);
  };
  return (
    <span className="whole-field">
      <label>
        {label}{' '}
        <input
          aria-invalid={error !== null}
          inputMode="numeric"
          size={Math.max(3, String(max).length)}
          value={draft ?? String(value)}
          onChange={(e) => setDraft(e.target.value)}
          onBlur={commit}
          onKeyDown={(e) => {
            if (e.key === 'Enter') commit();
            if (e.key === 'Escape') setDraft(null);
          }}
        />
      </label>
      {error && (
        <span className="error" role="alert">
          {error}
        </span>
      )}
    </span>
  );
}
