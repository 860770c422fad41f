import type { KeyboardEvent } from 'react';
import { walkPosition } from '../../state/derived/walkthrough.ts';
import { useAppStore } from '../../state/store.ts';

/**
 * The walkthrough's keys, anywhere in section 5 but in a text field: → and PageDown step forward,
 * ← and PageUp back (what presenter clickers send), Home and End jump, Space plays or pauses (but on a
 * button Space presses the button).
 */
export function onStepKey(e: KeyboardEvent<HTMLElement>): void {
  const target = e.target as HTMLElement;
  // A field, or a box that scrolls with the arrow keys (eq. 7, a table), keeps its keys.
  if (
    target.closest('input, select, textarea, [role="region"][tabindex]') ||
    (e.key === ' ' && target.closest('button'))
  )
    return;
  const s = useAppStore.getState();
  const at = walkPosition(s);
  const actions: Record<string, () => void> = {
    ArrowRight: () => s.setStep(at.step + 1),
    PageDown: () => s.setStep(at.step + 1),
    ArrowLeft: () => s.setStep(at.step - 1),
    PageUp: () => s.setStep(at.step - 1),
    Home: () => s.setStep(0),
    End: () => s.setStep(at.length - 1),
    ' ': s.togglePlaying,
  };
  const action = actions[e.key];
  if (!action || e.altKey || e.ctrlKey || e.metaKey) return;
  // At either end the key is not the walkthrough's: a lesson's clicker turns the page instead.
  const forward = e.key === 'ArrowRight' || e.key === 'PageDown';
  const back = e.key === 'ArrowLeft' || e.key === 'PageUp';
  if ((forward && at.step >= at.length - 1) || (back && at.step <= 0)) return;
  e.preventDefault();
  action();
}
