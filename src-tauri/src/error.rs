//! `IpcError`: the one error shape that crosses IPC, `{code, message}`, built only from core errors.

use serde::Serialize;

/// An error as the UI receives it: a stable code to branch on and a message safe to show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct IpcError {
    /// Stable dotted code, e.g. `store.key_missing`.
    pub code: String,
    /// What went wrong and what to do; never contains secrets or personal data.
    pub message: String,
}

impl From<pfo_core::Error> for IpcError {
    fn from(error: pfo_core::Error) -> Self {
        // The detail goes to the log; the message is the core's safe Display text.
        tracing::warn!(code = error.code(), "command failed: {error}");
        Self { code: error.code().to_string(), message: error.to_string() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serializes_to_code_and_message_only() {
        let error = IpcError::from(pfo_core::Error::KeyringLocked);
        let json = serde_json::to_value(&error).unwrap();
        assert_eq!(json["code"], "keyring.locked");
        assert!(json["message"].as_str().unwrap().contains("unlock"));
        assert_eq!(json.as_object().unwrap().len(), 2);
    }
}
