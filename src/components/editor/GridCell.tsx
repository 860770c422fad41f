import { useLingui } from '@lingui/react';
import { memo, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { formatFloat32 } from '../../viz/format.ts';

/** Where the keyboard asks to go next. */
export type Move = 'up' | 'down' | 'left' | 'right';

/** Props of {@link GridCell}. */
interface GridCellProps {
  /** Accessible name, e.g. "LHS row 1, column 2". */
  label: string;
  row: number;
  col: number;
  value: number;
  /** Whether this cell is the grid's tab stop. */
  active: boolean;
  /** Extra classes: min/max/hover/lit markers. */
  marks: string;
  /** Extra description for assistive tech (e.g. "minimum of LHS"). */
  note: string | undefined;
  /** Id of the error message describing this cell, when its last edit was refused. */
  errorId: string | undefined;
  /** Commits typed text; returns false when it was refused (the old value stays). */
  onCommit: (row: number, col: number, text: string) => boolean;
  onMove: (row: number, col: number, move: Move) => void;
  onFocusCell: (row: number, col: number) => void;
  onHoverCell: (row: number, col: number) => void;
  onScrubStart: (row: number, col: number, e: PointerEvent<HTMLInputElement>) => void;
}

/**
 * One editable cell: select-all on focus, type to replace; Enter and the arrows commit and move,
 * Tab commits and leaves the grid (one Tab stop per grid, the ARIA grid pattern); Escape, or Ctrl+Z
 * while typing, cancels the typing.
 */
export const GridCell = memo(function GridCell(props: GridCellProps) {
  const {
    label,
    row,
    col,
    value,
    active,
    marks,
    note,
    errorId,
    onCommit,
    onMove,
    onFocusCell,
    onHoverCell,
    onScrubStart,
  } = props;
  const { i18n } = useLingui();
  const shown = formatFloat32(value);
  const [draft, setDraftState] = useState<string | null>(null);
  // The draft as of now: a commit followed at once by a blur (focus moving on) commits once.
  const draftNow = useRef<string | null>(null);
  const setDraft = (text: string | null) => {
    draftNow.current = text;
    setDraftState(text);
  };

  const commit = (): boolean => {
    const text = draftNow.current;
    if (text === null || text === shown) {
      if (text !== null) setDraft(null);
      return true;
    }
    setDraft(null);
    return onCommit(row, col, text);
  };

  const cancel = (input: HTMLInputElement) => {
    setDraft(null);
    input.value = shown;
    input.select();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    const input = e.currentTarget;
    const atStart = input.selectionStart === 0 && input.selectionEnd === 0;
    const atEnd = input.selectionStart === input.value.length && input.selectionEnd === input.value.length;
    const allSelected = input.selectionStart === 0 && input.selectionEnd === input.value.length;
    const typing = draftNow.current !== null && draftNow.current !== shown;
    if ((e.ctrlKey || e.metaKey) && ['z', 'y'].includes(e.key.toLowerCase()) && typing) {
      // Undo while typing undoes the typing (not an earlier edit of another cell); redo waits.
      e.preventDefault();
      if (e.key.toLowerCase() === 'z' && !e.shiftKey) cancel(input);
      return;
    }
    if (e.key === 'Tab') {
      // Leaves the grid (the browser moves the focus); a refused value keeps it here.
      if (!commit()) {
        e.preventDefault();
        input.select();
      }
      return;
    }
    let move: Move | null = null;
    if (e.key === 'Enter') move = e.shiftKey ? 'up' : 'down';
    else if (e.key === 'ArrowUp') move = 'up';
    else if (e.key === 'ArrowDown') move = 'down';
    else if (e.key === 'ArrowLeft' && (atStart || allSelected)) move = 'left';
    else if (e.key === 'ArrowRight' && (atEnd || allSelected)) move = 'right';
    else if (e.key === 'Escape') {
      e.preventDefault();
      cancel(input);
      return;
    }
    if (move === null) return;
    e.preventDefault();
    if (commit()) onMove(row, col, move);
    else input.select();
  };

  return (
    <div role="gridcell" aria-colindex={col + 2} className={`cell ${marks}`}>
      <input
        aria-label={label}
        aria-description={note}
        aria-invalid={errorId !== undefined}
        aria-describedby={errorId}
        tabIndex={active ? 0 : -1}
        data-cell={`${row},${col}`}
        inputMode="decimal"
        spellCheck={false}
        autoComplete="off"
        value={draft ?? shown}
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={onKeyDown}
        onFocus={(e) => {
          e.target.select();
          onFocusCell(row, col);
        }}
        onBlur={() => commit()}
        onPointerEnter={() => onHoverCell(row, col)}
        onPointerDown={(e) => onScrubStart(row, col, e)}
        title={i18n._('editor.cellHint')}
      />
    </div>
  );
});
