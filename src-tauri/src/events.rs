//! Backend events and their names, in one place (the UI's `api/events.ts` mirrors them).

use pfo_core::workflow::progress::{Progress, ProgressSink};
use pfo_core::workflow::RefreshOutcome;
use tauri::Emitter;

/// A workflow of the running refresh started or finished.
pub const SYNC_PROGRESS: &str = "sync:progress";
/// A refresh finished (whoever started it: the Refresh button or the polling timer).
pub const SYNC_FINISHED: &str = "sync:finished";

/// The app locked itself (the desktop session's screen locked); the payload is the lock's status.
pub const APP_LOCKED: &str = "app:locked";

/// Adapts the runner's progress sink to Tauri events.
pub struct ProgressEvents<R: tauri::Runtime>(pub tauri::AppHandle<R>);

impl<R: tauri::Runtime> ProgressSink for ProgressEvents<R> {
    fn report(&self, progress: Progress) {
        if let Err(error) = self.0.emit(SYNC_PROGRESS, &progress) {
            tracing::warn!(%error, "could not emit sync progress");
        }
    }
}

/// Announces a finished refresh, and shows the desktop notifications of the alerts it raised.
pub fn finished<R: tauri::Runtime>(app: &tauri::AppHandle<R>, outcome: &RefreshOutcome) {
    if let Err(error) = app.emit(SYNC_FINISHED, outcome) {
        tracing::warn!(%error, "could not emit sync finished");
    }
    notify(app, &outcome.notices);
}

/// Shows `notices` through the notification plugin (the desktop's notification service). The core words them
/// without any account, amount or name; a desktop without the service only logs that it has none.
fn notify<R: tauri::Runtime>(app: &tauri::AppHandle<R>, notices: &[pfo_core::alerts::Notice]) {
    use tauri::Manager;
    // Absent where the plugin is not installed (the shell's own tests run without it).
    let Some(notifications) = app.try_state::<tauri_plugin_notification::Notification<R>>() else { return };
    for notice in notices {
        if let Err(error) = notifications.builder().title(&notice.title).body(&notice.body).show() {
            tracing::warn!(%error, "could not show a desktop notification");
        }
    }
}
