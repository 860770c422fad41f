import { useLingui } from '@lingui/react';
import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import { presetLabel } from '../editor/words.ts';
import { useAppStore } from '../../state/store.ts';

/** True when focus is in a field whose own Ctrl+Z should win (a text area, a field being typed in). */
function textEditing(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLTextAreaElement ||
    (target instanceof HTMLInputElement &&
      target.type !== 'range' &&
      target.type !== 'checkbox' &&
      target.dataset.cell === undefined)
  );
}

/** Undo / redo (buttons and Ctrl+Z, Ctrl+Shift+Z, Ctrl+Y) and "Reset to example", which asks first. */
export function HistoryControls() {
  const { i18n } = useLingui();
  const temporal = useAppStore.temporal;
  const canUndo = useStore(temporal, (t) => t.pastStates.length > 0);
  const canRedo = useStore(temporal, (t) => t.futureStates.length > 0);
  const loadPreset = useAppStore((s) => s.loadPreset);
  const [confirming, setConfirming] = useState(false);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      // A field that handled the key itself (a grid cell undoing its typing) said so.
      if (!(e.ctrlKey || e.metaKey) || e.defaultPrevented || textEditing(e.target)) return;
      const key = e.key.toLowerCase();
      if (key === 'z' && !e.shiftKey) temporal.getState().undo();
      else if ((key === 'z' && e.shiftKey) || key === 'y') temporal.getState().redo();
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [temporal]);

  return (
    <div className="history chrome" role="group" aria-label={i18n._('history.group')}>
      <button type="button" disabled={!canUndo} onClick={() => temporal.getState().undo()} title="Ctrl+Z">
        {i18n._('history.undo')}
      </button>
      <button
        type="button"
        disabled={!canRedo}
        onClick={() => temporal.getState().redo()}
        title={i18n._('history.redoKeys')}
      >
        {i18n._('history.redo')}
      </button>
      {confirming ? (
        <span role="alertdialog" aria-label={i18n._('history.resetQuestion')} className="confirm">
          {i18n._('history.resetConfirm', { example: presetLabel('gemmlowp') })}{' '}
          <button
            type="button"
            onClick={() => {
              loadPreset('gemmlowp');
              setConfirming(false);
            }}
          >
            {i18n._('history.discard')}
          </button>{' '}
          <button type="button" onClick={() => setConfirming(false)}>
            {i18n._('history.cancel')}
          </button>
        </span>
      ) : (
        <button type="button" onClick={() => setConfirming(true)}>
          {i18n._('history.reset')}
        </button>
      )}
    </div>
  );
}
