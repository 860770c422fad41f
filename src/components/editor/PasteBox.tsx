import { useId, useState } from 'react';
import { MAX_MATRIX_DIM } from '../../engine/index.ts';

/**
 * Pastes longer than this are loaded at once instead of being shown in the box: a browser takes
 * seconds to insert megabytes into a text area (a 512 × 512 block is about 2.3 MB of text).
 */
const SHOWN_PASTE_CHARS = 100_000;

/** Props of {@link PasteBox}. */
interface PasteBoxProps {
  label: string;
  /** Loads the text; returns an error message or null. */
  onLoad: (text: string) => string | null;
}

/** A text area for blocks that are easier to type or paste as text (numpy, JSON, CSV). */
export function PasteBox({ label, onLoad }: PasteBoxProps) {
  const [text, setText] = useState('');
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const id = useId();
  const load = (block: string): boolean => {
    const error = onLoad(block);
    setMessage(error === null ? null : { error: true, text: error });
    return error === null;
  };
  return (
    <details className="paste-box chrome">
      <summary>Paste a block as text…</summary>
      <label htmlFor={id}>
        {label} as spreadsheet cells (tabs or commas), numpy output or JSON — up to {MAX_MATRIX_DIM} × {MAX_MATRIX_DIM}
      </label>
      <textarea
        id={id}
        rows={4}
        value={text}
        spellCheck={false}
        placeholder={'[[0.5, -1.25], [2, 0.75]]'}
        onChange={(e) => setText(e.target.value)}
        onPaste={(e) => {
          const pasted = e.clipboardData.getData('text/plain');
          if (pasted.length <= SHOWN_PASTE_CHARS) return; // shown in the box, loaded with the button
          e.preventDefault();
          if (load(pasted)) {
            setMessage({
              error: false,
              text: `Loaded the pasted block (${pasted.length.toLocaleString('en')} characters, too long to show here).`,
            });
          }
        }}
      />
      <button
        type="button"
        onClick={() => {
          if (load(text)) setText('');
        }}
      >
        Load into {label}
      </button>
      {message &&
        (message.error ? (
          <p role="alert" className="error">
            {message.text}
          </p>
        ) : (
          <p role="status" className="muted">
            {message.text}
          </p>
        ))}
    </details>
  );
}
