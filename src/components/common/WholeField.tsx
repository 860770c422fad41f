import { useLingui } from '@lingui/react';
import { useState } from 'react';
import { parseWhole } from '../../input/parseWhole.ts';
import { wholeRefusedText } from './inputText.ts';

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
  useLingui(); // the message is worded at render: it follows a language switch
  const [draft, setDraft] = useState<string | null>(null);
  // What was typed and refused last, and the value kept then.
  const [error, setError] = useState<{ typed: string; kept: number } | null>(null);
  const commit = () => {
    if (draft === null) return;
    const typed = parseWhole(draft, min, max);
    if (typed === null) {
      setError({ typed: draft, kept: value });
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
          {wholeRefusedText(label, error.typed, min, max, error.kept)}
        </span>
      )}
    </span>
  );
}
