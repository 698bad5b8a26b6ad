// Last line of defence: a rendering bug shows a readable message and a way forward instead of a blank window.
import { Component, type ReactNode } from "react";

type State = { error: Error | null };

export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  render() {
    if (this.state.error) {
      return (
        <div className="error" role="alert" data-code="ui.crashed" style={{ margin: 24 }}>
          <strong>The window hit an unexpected problem: {this.state.error.message}</strong>
          <span>Your data is safe. Reload the window (Ctrl+R) or restart the app.</span>
        </div>
      );
    }
    return this.props.children;
  }
}
