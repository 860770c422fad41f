import { useId, useState } from 'react';

/** Props of {@link PasteBox}. */
interface PasteBoxProps {
  label: string;
  /** Loads the text; returns an error message or null. */
  onLoad: (text: string) => string | null;
}

/** A text area for blocks that are easier to type or paste as text (numpy, JSON, CSV). */
export function PasteBox({ label, onLoad }: PasteBoxProps) {
  const [text, setText] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const id = useId();
  return (
    <details className="paste-box chrome">
      <summary>Paste a block as text…</summary>
      <label htmlFor={id}>{label} as spreadsheet cells (tabs or commas), numpy output or JSON — up to 512 × 512</label>
      <textarea
        id={id}
        rows={4}
        value={text}
        spellCheck={false}
        placeholder={'[[0.5, -1.25], [2, 0.75]]'}
        onChange={(e) => setText(e.target.value)}
      />
      <button
        type="button"
        onClick={() => {
          const error = onLoad(text);
          setMessage(error);
          if (error === null) setText('');
        }}
      >
        Load into {label}
      </button>
      {message && (
        <p role="alert" className="error">
          {message}
        </p>
      )}
    </details>
  );
}
