//! Locks the app when the desktop session's screen locks, for a household that asked for it: the screen savers of
//! freedesktop, GNOME, MATE and Cinnamon announce it on the session bus with `ActiveChanged(true)`. Other desktops
//! (and macOS and Windows, for now) do not report it, and the window says so.

use crate::state::AppState;
use tauri::{Emitter, Manager};

/// The interfaces whose `ActiveChanged(bool)` signal says the screen locked.
#[cfg(target_os = "linux")]
const SCREEN_SAVERS: &[&str] = &["org.freedesktop.ScreenSaver", "org.gnome.ScreenSaver", "org.mate.ScreenSaver", "org.cinnamon.ScreenSaver"];

/// Starts listening on the session bus; whether the desktop can report screen locks (a session bus to listen on).
#[cfg(target_os = "linux")]
pub fn watch<R: tauri::Runtime>(handle: tauri::AppHandle<R>) -> bool {
    let (ready, listening) = std::sync::mpsc::channel();
    let spawned = std::thread::Builder::new().name("screen-lock".into()).spawn(move || {
        let connection = match subscribe(handle) {
            Ok(connection) => {
                let _ = ready.send(true);
                connection
            }
            Err(error) => {
                tracing::info!(%error, "no session bus: screen locks are not reported to the app");
                let _ = ready.send(false);
                return;
            }
        };
        loop {
            if let Err(error) = connection.process(std::time::Duration::from_secs(60)) {
                tracing::warn!(%error, "the session bus went away: screen locks are no longer reported");
                return;
            }
        }
    });
    spawned.is_ok() && listening.recv().unwrap_or(false)
}

#[cfg(target_os = "linux")]
fn subscribe<R: tauri::Runtime>(handle: tauri::AppHandle<R>) -> Result<dbus::blocking::Connection, dbus::Error> {
    let connection = dbus::blocking::Connection::new_session()?;
    for interface in SCREEN_SAVERS {
        let handle = handle.clone();
        let rule = dbus::message::MatchRule::new_signal(*interface, "ActiveChanged");
        connection.add_match(rule, move |(active,): (bool,), _, _| {
            if active {
                screen_locked(&handle);
            }
            true
        })?;
    }
    Ok(connection)
}

/// Elsewhere nothing reports screen locks yet.
#[cfg(not(target_os = "linux"))]
pub fn watch<R: tauri::Runtime>(_handle: tauri::AppHandle<R>) -> bool {
    false
}

/// The screen locked: lock the app if the household asked for it, and tell the window.
pub fn screen_locked<R: tauri::Runtime>(handle: &tauri::AppHandle<R>) {
    let Ok(lock) = handle.state::<AppState>().lock() else { return };
    if lock.screen_locked() {
        tracing::info!("the screen locked: the app is locked");
        if let Err(error) = handle.emit(crate::events::APP_LOCKED, lock.status()) {
            tracing::warn!(%error, "could not tell the window the app locked");
        }
    }
}
