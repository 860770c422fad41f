import { useCallback, useId, useState } from 'react';
import { parseMatrix } from '../../input/parseMatrix.ts';
import { parseNumber } from '../../input/parseNumber.ts';
import { useAppStore, type InputId } from '../../state/store.ts';
import { useView } from '../../state/view.ts';
import { DrawControls } from './DrawControls.tsx';
import { EditorGrid, type CellError } from './EditorGrid.tsx';
import { PasteBox } from './PasteBox.tsx';
import { ShapeControls } from './ShapeControls.tsx';
import { MATRIX_LABEL } from '../common/names.ts';
import { resizedNote } from './words.ts';

/** Props of {@link MatrixEditor}. */
interface MatrixEditorProps {
  id: InputId;
  /** What the matrix stands for, e.g. "activations". */
  role: string;
}

/** One input matrix: shape controls, randomize, the grid, paste, and any message about an edit. */
export function MatrixEditor({ id, role }: MatrixEditorProps) {
  const label = MATRIX_LABEL[id];
  const matrix = useView((s) => s[id]);
  const replaceMatrix = useAppStore((s) => s.replaceMatrix);
  const setCell = useAppStore((s) => s.setCell);
  const [error, setError] = useState<CellError | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const errorId = useId();

  const loadBlock = useCallback(
    (text: string): string | null => {
      const parsed = parseMatrix(text);
      if (!parsed.ok) return `${label}: ${parsed.message} Nothing was changed.`;
      const resized = replaceMatrix(id, parsed.matrix);
      setNote(resized ? resizedNote(resized) : `${label} is now ${parsed.matrix.rows}×${parsed.matrix.cols}.`);
      return null;
    },
    [id, label, replaceMatrix],
  );

  const onPaste = useCallback(
    (text: string, row: number, col: number) => {
      const single = parseNumber(text);
      if (single.ok) {
        setCell(id, row, col, single.value);
        setError(null);
        return;
      }
      const message = loadBlock(text);
      setError(message === null ? null : { row, col, message });
    },
    [id, setCell, loadBlock],
  );

  return (
    <section className="editor" aria-labelledby={`${id}-editor-title`}>
      <h3 id={`${id}-editor-title`}>
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
        onError={setError}
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
