import type { Failure } from '../../state/derived/index.ts';
import { failureText } from './problemText.ts';

/** A panel's explanation of why it cannot show numbers (never NaN or ∞ in their place). */
export function Problem({ title, failure }: { title: string; failure: Failure }) {
  return (
    <div role="alert" className="problem">
      <strong>{title}</strong>
      <p>{failureText(failure)}</p>
    </div>
  );
}
