import { Component, type ReactNode } from 'react';

/** Props of {@link PanelBoundary}. */
interface PanelBoundaryProps {
  /** What the panel shows, for the message. */
  name: string;
  children: ReactNode;
}

/** Keeps one failing panel from taking the page down: shows what failed and offers a retry. */
export class PanelBoundary extends Component<PanelBoundaryProps, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: unknown): { error: Error } {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <div role="alert" className="problem">
        <strong>The {this.props.name} panel hit an unexpected error.</strong>
        <p>{error.message}</p>
        <p>The rest of the page still works. Your inputs are kept.</p>
        <button type="button" onClick={() => this.setState({ error: null })}>
          Try again
        </button>
      </div>
    );
  }
}
