import { useLingui } from '@lingui/react';
import { useCallback, useId, useState } from 'react';
import { parseMatrix } from '../../input/parseMatrix.ts';
import { blockProblemText, gap, joinSentences, skippedText } from '../common/inputText.ts';
import { parseNumber } from '../../input/parseNumber.ts';
import { useAppStore, type InputId } from '../../state/store.ts';
import { useView } from '../../state/view.ts';
import { DrawControls } from './DrawControls.tsx';
import { EditorGrid, type CellError } from './EditorGrid.tsx';
import { PasteBox } from './PasteBox.tsx';
import { ShapeControls } from './ShapeControls.tsx';
import { matrixName } from '../common/names.ts';
import { resizedNote } from './words.ts';

/** What each matrix stands for, and its shape (message ids). */
const SHAPE: Record<InputId, string> = { lhs: 'editor.shape.lhs', rhs: 'editor.shape.rhs' };

/** One input matrix: shape controls, randomize, the grid, paste, and any message about an edit. */
export function MatrixEditor({ id }: { id: InputId }) {
  const { i18n } = useLingui();
  const label = matrixName(id);
  const matrix = useView((s) => s[id]);
  const replaceMatrix = useAppStore((s) => s.replaceMatrix);
  const setCell = useAppStore((s) => s.setCell);
  // One message at a time: a refusal replaces the note of an earlier success, and the reverse.
  const [error, setError] = useState<CellError | null>(null);
  // Worded at render, so that it follows a language switch.
  const [note, setNoteState] = useState<(() => string) | null>(null);
  const errorId = useId();
  const setNote = useCallback((text: (() => string) | null) => {
    setNoteState(() => text); // a function given to a state setter would be called as an updater
    if (text) setError(null);
  }, []);
  const onError = useCallback((e: CellError | null) => {
    setError(e);
    if (e) setNoteState(null);
  }, []);

  /** Loads a pasted block; returns why it could not (nothing changed then), or null. */
  const loadBlock = useCallback(
    (text: string): (() => string) | null => {
      const parsed = parseMatrix(text);
      if (!parsed.ok) {
        setNoteState(null);
        const { problem } = parsed;
        return () => i18n._('editor.pasteRefused', { matrix: matrixName(id), problem: blockProblemText(problem) });
      }
      const resized = replaceMatrix(id, parsed.matrix);
      const { matrix, skipped } = parsed;
      setNote(() =>
        joinSentences(
          i18n._('editor.pasted', { matrix: matrixName(id), rows: matrix.rows, cols: matrix.cols }),
          skippedText(skipped),
          resized ? resizedNote(resized) : '',
        ),
      );
      return null;
    },
    [id, i18n, replaceMatrix, setNote],
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

  const shape = i18n._(SHAPE[id], { rows: matrix.rows, cols: matrix.cols });

  return (
    <section className="editor" aria-labelledby={`${id}-editor-title`}>
      <h3 id={`${id}-editor-title`}>
        {id === 'rhs' && (
          // LHS × RHS: the sign goes with the RHS, so it is never left alone between stacked editors.
          <span className="times" aria-hidden="true">
            ×{' '}
          </span>
        )}
        {label}
        {gap(label, shape)}
        <span className="muted">{shape}</span>
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
        <span className="swatch is-min" aria-hidden="true" /> {i18n._('editor.legendMin')}{' '}
        <span className="swatch is-max" aria-hidden="true" /> {i18n._('editor.legendMax')} ·{' '}
        {i18n._('editor.legendHelp')}
      </p>
      {error && (
        <p id={errorId} role="alert" className="error">
          {error.message()}
        </p>
      )}
      {note && (
        <p role="status" className="note">
          {note()}
        </p>
      )}
      <PasteBox label={label} onLoad={loadBlock} />
    </section>
  );
}
