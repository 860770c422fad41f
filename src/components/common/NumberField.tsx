import { useState } from 'react';
import { parseNumber } from '../../input/parseNumber.ts';
import { formatFloat32 } from '../../viz/format.ts';
import { numberProblemText } from './inputText.ts';

/** Props of {@link NumberField}. */
interface NumberFieldProps {
  label: string;
  value: number;
  onCommit: (value: number) => void;
  className?: string;
}

/**
 * A float32 text field: commits on Enter or blur; refuses what is not a finite float32 with a
 * message under the field and keeps the previous value.
 */
export function NumberField({ label, value, onCommit, className }: NumberFieldProps) {
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const commit = () => {
    if (draft === null) return;
    const parsed = parseNumber(draft);
    if (parsed.ok) {
      setError(null);
      onCommit(parsed.value);
    } else {
      setError(`${label}: ${numberProblemText(parsed.problem)} Kept ${formatFloat32(value)}.`);
    }
    setDraft(null);
  };
  return (
    <span className={`number-field ${className ?? ''}`}>
      <input
        aria-label={label}
        aria-invalid={error !== null}
        inputMode="decimal"
        value={draft ?? formatFloat32(value)}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
          if (e.key === 'Escape') setDraft(null);
        }}
      />
      {error && (
        <span role="alert" className="error">
          {error}
        </span>
      )}
    </span>
  );
}
