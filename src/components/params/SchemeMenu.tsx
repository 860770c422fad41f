import { lazy, Suspense } from 'react';
import type { MatrixId } from '../../state/store.ts';

/** The scheme editor loads after the first paint, like sections 3 to 6. */
const SchemePicker = lazy(() => import('./SchemePicker.tsx').then((m) => ({ default: m.SchemePicker })));

/** A matrix's scheme menu (a placeholder of the same height while it loads). */
export function SchemeMenu({ id }: { id: MatrixId }) {
  return (
    <Suspense fallback={<div className="scheme-picker" aria-hidden="true" />}>
      <SchemePicker id={id} />
    </Suspense>
  );
}
