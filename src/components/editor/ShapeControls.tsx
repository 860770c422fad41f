import { MAX_GRID_DIM, useAppStore, type InputId } from '../../state/store.ts';
import { resizedNote } from './words.ts';

/** Props of {@link ShapeControls}. */
interface ShapeControlsProps {
  id: InputId;
  label: string;
  rows: number;
  cols: number;
  /** Called with a note when the other matrix was resized to match (null when it was not). */
  onNote: (note: string | null) => void;
}

/** − / + for rows and columns (1…64), keeping LHS columns = RHS rows. */
export function ShapeControls({ id, label, rows, cols, onNote }: ShapeControlsProps) {
  const resize = useAppStore((s) => s.resize);
  const step = (dr: number, dc: number) => {
    const resized = resize(id, rows + dr, cols + dc);
    onNote(resized && resizedNote(resized));
  };
  const button = (text: string, name: string, disabled: boolean, dr: number, dc: number) => (
    <button type="button" aria-label={`${name} (${label})`} disabled={disabled} onClick={() => step(dr, dc)}>
      {text}
    </button>
  );
  return (
    <div className="shape-controls" role="group" aria-label={`${label} shape`}>
      <span>
        rows {button('−', 'Remove a row', rows <= 1, -1, 0)} <span className="dim">{rows}</span>{' '}
        {button('+', 'Add a row', rows >= MAX_GRID_DIM, 1, 0)}
      </span>
      <span>
        cols {button('−', 'Remove a column', cols <= 1, 0, -1)} <span className="dim">{cols}</span>{' '}
        {button('+', 'Add a column', cols >= MAX_GRID_DIM, 0, 1)}
      </span>
    </div>
  );
}
