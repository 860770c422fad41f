import { useLingui } from '@lingui/react';
import type { Failure } from '../../state/derived/index.ts';
import { failureText } from './problemText.ts';

/**
 * A panel's explanation of why it cannot show numbers (never NaN or ∞ in their place). `title`
 * comes in the page's language from the panel.
 */
export function Problem({ title, failure }: { title: string; failure: Failure }) {
  useLingui(); // the failure is worded here: follow language switches
  return (
    <div role="alert" className="problem">
      <strong>{title}</strong>
      <p>{failureText(failure)}</p>
    </div>
  );
}
