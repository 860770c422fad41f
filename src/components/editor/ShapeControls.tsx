import { useLingui } from '@lingui/react';
import { MAX_GRID_DIM, useAppStore, type InputId } from '../../state/store.ts';
import { resizedNote } from './words.ts';

/** Props of {@link ShapeControls}. */
interface ShapeControlsProps {
  id: InputId;
  label: string;
  rows: number;
  cols: number;
  /** Called with a note (worded when called) when the other matrix was resized to match (null when it was not). */
  onNote: (note: (() => string) | null) => void;
}

/** − / + for rows and columns (1…64), keeping LHS columns = RHS rows. */
export function ShapeControls({ id, label, rows, cols, onNote }: ShapeControlsProps) {
  const { i18n } = useLingui();
  const resize = useAppStore((s) => s.resize);
  const step = (dr: number, dc: number) => {
    const resized = resize(id, rows + dr, cols + dc);
    onNote(resized ? () => resizedNote(resized) : null);
  };
  /** `name`: the message id of the button's accessible name. */
  const button = (text: string, name: string, disabled: boolean, dr: number, dc: number) => (
    <button type="button" aria-label={i18n._(name, { matrix: label })} disabled={disabled} onClick={() => step(dr, dc)}>
      {text}
    </button>
  );
  return (
    <div className="shape-controls" role="group" aria-label={i18n._('editor.shapeName', { matrix: label })}>
      <span>
        {i18n._('editor.rows')} {button('−', 'editor.removeRow', rows <= 1, -1, 0)} <span className="dim">{rows}</span>{' '}
        {button('+', 'editor.addRow', rows >= MAX_GRID_DIM, 1, 0)}
      </span>
      <span>
        {i18n._('editor.cols')} {button('−', 'editor.removeColumn', cols <= 1, 0, -1)}{' '}
        <span className="dim">{cols}</span> {button('+', 'editor.addColumn', cols >= MAX_GRID_DIM, 0, 1)}
      </span>
    </div>
  );
}
