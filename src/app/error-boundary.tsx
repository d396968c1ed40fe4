import { Component, type ErrorInfo, type ReactNode } from 'react';

interface State {
  error: Error | null;
}

/**
 * Keeps one broken view from taking the page down: the other views and the open files stay usable.
 * `resetKey` changing (e.g. another table selected) gives the view a fresh start.
 */
export class ErrorBoundary extends Component<
  { name: string; resetKey?: unknown; children: ReactNode },
  State
> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidUpdate(prev: { resetKey?: unknown }) {
    if (this.state.error && prev.resetKey !== this.props.resetKey) this.setState({ error: null });
  }

  override componentDidCatch(_error: Error, _info: ErrorInfo) {
    // Shown in the UI below; nothing is sent anywhere.
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <div role="alert" className="alert">
        <div className="alert-body">
          The {this.props.name} view stopped: {this.state.error.message}. Your open files are unaffected.
          <button
            type="button"
            className="button button-small"
            onClick={() => this.setState({ error: null })}
          >
            Try again
          </button>
        </div>
      </div>
    );
  }
}
