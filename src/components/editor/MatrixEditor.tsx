import { useCallback, useId, useState } from 'react';
import { parseMatrix } from '../../input/parseMatrix.ts';
import { blockProblemText, skippedText } from '../common/inputText.ts';
import { parseNumber } from '../../input/parseNumber.ts';
import { useAppStore, type InputId } from '../../state/store.ts';
import { useView } from '../../state/view.ts';
import { DrawControls } from './DrawControls.tsx';
import { EditorGrid, type CellError } from './EditorGrid.tsx';
import { PasteBox } from './PasteBox.tsx';
import { ShapeControls } from './ShapeControls.tsx';
import { matrixName } from '../common/names.ts';
import { resizedNote } from './words.ts';

/** Props of {@link MatrixEditor}. */
interface MatrixEditorProps {
  id: InputId;
  /** What the matrix stands for, e.g. "activations". */
  role: string;
}

/** One input matrix: shape controls, randomize, the grid, paste, and any message about an edit. */
export function MatrixEditor({ id, role }: MatrixEditorProps) {
  const label = matrixName(id);
  const matrix = useView((s) => s[id]);
  const replaceMatrix = useAppStore((s) => s.replaceMatrix);
  const setCell = useAppStore((s) => s.setCell);
  // One message at a time: a refusal replaces the note of an earlier success, and the reverse.
  const [error, setError] = useState<CellError | null>(null);
  const [note, setNoteState] = useState<string | null>(null);
  const errorId = useId();
  const setNote = useCallback((text: string | null) => {
    setNoteState(text);
    if (text) setError(null);
  }, []);
  const onError = useCallback((e: CellError | null) => {
    setError(e);
    if (e) setNoteState(null);
  }, []);

  /** Loads a pasted block; returns why it could not (nothing changed then), or null. */
  const loadBlock = useCallback(
    (text: string): string | null => {
      const parsed = parseMatrix(text);
      if (!parsed.ok) {
        setNoteState(null);
        return `${label}: ${blockProblemText(parsed.problem)} Nothing was changed.`;
      }
      const resized = replaceMatrix(id, parsed.matrix);
      const { rows, cols } = parsed.matrix;
      setNote(
        `${label} is now ${rows}×${cols}.${skippedText(parsed.skipped)}${resized ? ` ${resizedNote(resized)}` : ''}`,
      );
      return null;
    },
    [id, label, replaceMatrix, setNote],
  );

  const onPaste = useCallback(
    (text: string, row: number, col: number) => {
      const single = parseNumber(text);
      if (single.ok) {
        setCell(id, row, col, single.value);
        onError(null);
        return;
      }
      const message = loadBlock(text);
      // A block's problem is about the pasted text, not about the cell that had the focus.
      onError(message === null ? null : { cell: null, message });
    },
    [id, setCell, loadBlock, onError],
  );

  return (
    <section className="editor" aria-labelledby={`${id}-editor-title`}>
      <h3 id={`${id}-editor-title`}>
        {id === 'rhs' && (
          // LHS × RHS: the sign goes with the RHS, so it is never left alone between stacked editors.
          <span className="times" aria-hidden="true">
            ×{' '}
          </span>
        )}
        {label}{' '}
        <span className="muted">
          ({role}, {matrix.rows} × {matrix.cols})
        </span>
      </h3>
      <div className="editor-toolbar chrome">
        <ShapeControls id={id} label={label} rows={matrix.rows} cols={matrix.cols} onNote={setNote} />
        <DrawControls id={id} />
      </div>
      <EditorGrid
        id={id}
        label={label}
        matrix={matrix}
        error={error}
        errorId={errorId}
        onError={onError}
        onPaste={onPaste}
      />
      <p className="legend-line muted chrome">
        <span className="swatch is-min" aria-hidden="true" /> min <span className="swatch is-max" aria-hidden="true" />{' '}
        max · drag a cell sideways to scrub · paste a block with Ctrl+V
      </p>
      {error && (
        <p id={errorId} role="alert" className="error">
          {error.message}
        </p>
      )}
      {note && (
        <p role="status" className="note">
          {note}
        </p>
      )}
      <PasteBox label={label} onLoad={loadBlock} />
    </section>
  );
}
