//! `IpcError`: the one error shape that crosses IPC, `{code, message}`. Its fields are private: it is built only
//! from the core's errors (`From`), so its code is always one of [`pfo_core::error::Code`] and its message the
//! core's safe wording (plain words for an internal failure, whose detail goes to the log here).

use pfo_core::error::Code;
use serde::Serialize;

/// An error as the UI receives it: a stable code to branch on and a message safe to show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct IpcError {
    /// Stable dotted code, e.g. `store.key_missing`.
    code: Code,
    /// What went wrong and what to do; never contains secrets or personal data.
    message: String,
}

impl IpcError {
    /// The code.
    pub fn code(&self) -> Code {
        self.code
    }
}

impl From<pfo_core::Error> for IpcError {
    fn from(error: pfo_core::Error) -> Self {
        // The whole detail goes to the log; the UI gets the core's safe wording.
        if error.is_internal() {
            tracing::error!(code = %error.code(), "command failed: {error}");
        } else {
            tracing::warn!(code = %error.code(), "command failed: {error}");
        }
        Self { code: error.code(), message: error.user_message() }
    }
}

impl From<pfo_core::workflow::FailedRefresh> for IpcError {
    fn from(failed: pfo_core::workflow::FailedRefresh) -> Self {
        Self::from(pfo_core::Error::from(failed))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The JSON of each family of errors, pinned: the UI branches on these shapes.
    #[test]
    fn each_error_family_serializes_to_its_code_and_a_safe_message_only() {
        let families: Vec<(pfo_core::Error, &str, &str)> = vec![
            (pfo_core::Error::KeyringLocked, "keyring.locked", "the OS keyring is locked; unlock it"),
            (
                pfo_core::Error::InvalidInput { field: "limit".into(), reason: "must be between 1 and 500".into() },
                "contract.invalid_input",
                "invalid value for `limit`: must be between 1 and 500",
            ),
            (
                pfo_core::Error::NotFound { what: "overview revision 7".into(), fix: "the Overview screen lists the kept ones" },
                "contract.not_found",
                "overview revision 7 does not exist; the Overview screen lists the kept ones",
            ),
            (
                pfo_core::Error::Storage { operation: "reading runs", source: rusqlite_error() },
                "store.failed",
                "the app's database failed while reading runs; nothing stored was lost",
            ),
            (
                pfo_core::Error::Unreadable { what: "overview revision 3".into(), fix: "generate a new one" },
                "store.unreadable",
                "overview revision 3 cannot be read by this version of the app; generate a new one",
            ),
            (pfo_core::Error::Task("tokio join error: task 12 panicked at src/x.rs:3".into()), "internal", "something inside the app stopped unexpectedly"),
            (
                pfo_core::Error::Reported { code: Code::GuardrailConnectionError, message: "connection `conn-powens-primary` is in error".into() },
                "guardrail.connection_error",
                "connection `conn-powens-primary` is in error",
            ),
        ];
        for (error, code, starts) in families {
            let json = serde_json::to_value(IpcError::from(error)).unwrap();
            assert_eq!(json.as_object().unwrap().len(), 2, "{json}");
            assert_eq!(json["code"], code);
            let message = json["message"].as_str().unwrap();
            assert!(message.starts_with(starts), "{message}");
            assert!(!message.contains("panicked") && !message.contains("src/") && !message.contains("SQLITE"), "no internal detail: {message}");
        }
    }

    fn rusqlite_error() -> rusqlite::Error {
        rusqlite::Error::SqliteFailure(rusqlite::ffi::Error::new(1), Some("near \"SELEC\": syntax error".into()))
    }
}
