import type { Failure } from '../../state/derived/index.ts';
import { failureText } from './problemText.ts';

/** A refusal in words (loaded with the first refusal the page shows: the first paint has none). */
export default function FailureText({ failure }: { failure: Failure }) {
  return <>{failureText(failure)}</>;
}
