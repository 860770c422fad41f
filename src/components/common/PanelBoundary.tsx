import { i18n as activeI18n } from '@lingui/core';
import { LinguiContext } from '@lingui/react';
import { Component, lazy, Suspense, type ContextType, type ReactNode } from 'react';
import { EngineError } from '../../engine/index.ts';
import type { Failure } from '../../state/derived/index.ts';

// Where its code cannot be loaded (offline without the service worker), the problem's code stands in.
const FailureText = lazy(() =>
  import('./FailureText.tsx').catch(() => ({
    default: ({ failure }: { failure: Failure }) => <code>{failure.problem.kind}</code>,
  })),
);

/** The page's sections, as the boundary's message names them (message ids: `i18n._(SECTION_NAME.gemm)`). */
export const SECTION_NAME = {
  inputs: 'boundary.section.inputs',
  params: 'boundary.section.params',
  heatmap: 'boundary.section.heatmap',
  histogram: 'boundary.section.histogram',
  gemm: 'boundary.section.gemm',
  multiplier: 'boundary.section.multiplier',
  calibration: 'boundary.section.calibration',
  training: 'boundary.section.training',
  model: 'boundary.section.model',
} as const;

/** Props of {@link PanelBoundary}. */
interface PanelBoundaryProps {
  /**
   * What the panel shows, for the message: already in the page's language (`i18n._(…)` in the
   * parent, e.g. `i18n._(SECTION_NAME.inputs)`), fitting “The {name} panel hit an unexpected error.”
   */
  name: string;
  children: ReactNode;
}

/** Keeps one failing panel from taking the page down: shows what failed and offers a retry. */
export class PanelBoundary extends Component<PanelBoundaryProps, { error: Error | null }> {
  // A class cannot call useLingui(): reading Lingui's context re-renders the message on a language switch.
  static override contextType = LinguiContext;
  declare context: ContextType<typeof LinguiContext>;
  override state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: unknown): { error: Error } {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    // Outside a provider (a bare test render), the global instance holds the same words.
    const i18n = this.context?.i18n ?? activeI18n;
    return (
      <div role="alert" className="problem">
        <strong>{i18n._('boundary.title', { name: this.props.name })}</strong>
        {/* The engine's refusals in words; any other error as the program reported it (not words). */}
        {error instanceof EngineError ? (
          <p>
            <Suspense fallback={null}>
              <FailureText failure={{ subject: error.subject, problem: error.problem }} />
            </Suspense>
          </p>
        ) : (
          <p>
            <code>{error.message}</code>
          </p>
        )}
        <p>{i18n._('boundary.rest')}</p>
        <button type="button" onClick={() => this.setState({ error: null })}>
          {i18n._('boundary.retry')}
        </button>
      </div>
    );
  }
}
