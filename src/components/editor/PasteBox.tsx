import { useLingui } from '@lingui/react';
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
  /** Loads the text; returns the error message (worded when called) or null. */
  onLoad: (text: string) => (() => string) | null;
}

/** A text area for blocks that are easier to type or paste as text (numpy, JSON, CSV). */
export function PasteBox({ label, onLoad }: PasteBoxProps) {
  const { i18n } = useLingui();
  const [text, setText] = useState('');
  // Worded at render, so that it follows a language switch.
  const [message, setMessage] = useState<{ error: boolean; text: () => string } | null>(null);
  const id = useId();
  const load = (block: string): boolean => {
    const error = onLoad(block);
    setMessage(error === null ? null : { error: true, text: error });
    return error === null;
  };
  return (
    <details className="paste-box chrome">
      <summary>{i18n._('editor.pasteSummary')}</summary>
      <label htmlFor={id}>{i18n._('editor.pasteLabel', { matrix: label, max: MAX_MATRIX_DIM })}</label>
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
              text: () => i18n._('editor.loadedLong', { chars: pasted.length }),
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
        {i18n._('editor.loadInto', { matrix: label })}
      </button>
      {message &&
        (message.error ? (
          <p role="alert" className="error">
            {message.text()}
          </p>
        ) : (
          <p role="status" className="muted">
            {message.text()}
          </p>
        ))}
    </details>
  );
}
