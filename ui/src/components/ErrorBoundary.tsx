// Last line of defence: a rendering bug shows a readable message and a way forward instead of a blank window, in
// the UI's language when the preferences are there (English otherwise).
import { Component, type ContextType, type ReactNode } from "react";
import { createTranslator } from "../i18n/translate";
import { PreferencesContext } from "../preferences/context";

type State = { error: Error | null };

export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  static contextType = PreferencesContext;
  declare context: ContextType<typeof PreferencesContext>;
  state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  render() {
    if (this.state.error) {
      const t = this.context?.t ?? createTranslator("en");
      return (
        <div className="error" role="alert" data-code="ui.crashed" style={{ margin: 24 }}>
          <strong>{t("The window hit an unexpected problem: {message}", { message: this.state.error.message })}</strong>
          <span>{t("Your data is safe. Reload the window (Ctrl+R) or restart the app.")}</span>
        </div>
      );
    }
    return this.props.children;
  }
}
