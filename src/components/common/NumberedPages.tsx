/**
 * Previous, a numbered button per page (the current one marked), next: the lesson's chapters and
 * presenter mode's sections. The caller puts them in its own named navigation.
 */
export function NumberedPages({
  at,
  count,
  go,
  previous,
  next,
  name,
  title,
}: {
  at: number;
  count: number;
  go: (to: number) => void;
  /** The words of the previous and next buttons. */
  previous: string;
  next: string;
  /** Page k's accessible name (and, if given, its tooltip). */
  name: (k: number) => string;
  title?: (k: number) => string;
}) {
  return (
    <>
      <button type="button" onClick={() => go(at - 1)} disabled={at === 0}>
        ← {previous}
      </button>
      <ol className="lesson-dots">
        {Array.from({ length: count }, (_, k) => (
          <li key={k}>
            <button
              type="button"
              aria-current={k === at ? 'step' : undefined}
              aria-label={name(k)}
              title={title?.(k)}
              onClick={() => go(k)}
            >
              {k + 1}
            </button>
          </li>
        ))}
      </ol>
      <button type="button" onClick={() => go(at + 1)} disabled={at === count - 1}>
        {next} →
      </button>
    </>
  );
}
