import { useLingui } from '@lingui/react';
import { useState } from 'react';
import { parseNumber, type NumberProblem } from '../../input/parseNumber.ts';
import { formatFloat32 } from '../../viz/format.ts';
import { numberRefusedText } from './inputText.ts';

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
  useLingui(); // the message is worded at render: it follows a language switch
  const [draft, setDraft] = useState<string | null>(null);
  // Why the last typed value was refused, and the value kept then.
  const [error, setError] = useState<{ problem: NumberProblem; kept: number } | null>(null);
  const commit = () => {
    if (draft === null) return;
    const parsed = parseNumber(draft);
    if (parsed.ok) {
      setError(null);
      onCommit(parsed.value);
    } else {
      setError({ problem: parsed.problem, kept: value });
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
          {numberRefusedText(label, error.problem, formatFloat32(error.kept))}
        </span>
      )}
    </span>
  );
}
