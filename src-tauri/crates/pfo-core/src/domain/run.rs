//! [`RunRecord`]: what one workflow run did, as the run history keeps it (the SQL is in `store::runs`).

use super::Timestamp;
use crate::error::{Code, Error};
use serde::Serialize;

stored_enum! {
    /// How a run ended.
    pub enum RunStatus {
        /// Still running (or interrupted, until the next start marks it failed).
        Running = "running",
        /// Completed.
        Succeeded = "succeeded",
        /// Stopped by an error.
        Failed = "failed",
        /// Refused by the guardrail before doing anything.
        Blocked = "blocked",
    }
}

/// One recorded workflow run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct RunRecord {
    /// Run id.
    pub id: i64,
    /// The refresh it was part of, if any.
    pub refresh_id: Option<String>,
    /// Workflow name.
    pub workflow: String,
    /// Start.
    pub started_at: Timestamp,
    /// End, once finished.
    pub finished_at: Option<Timestamp>,
    /// Outcome.
    pub status: RunStatus,
    /// Records received from the provider.
    pub received: u64,
    /// Records inserted.
    pub inserted: u64,
    /// Records updated.
    pub updated: u64,
    /// Records removed or marked deleted.
    pub removed: u64,
    /// Duration in milliseconds.
    pub duration_ms: Option<u64>,
    /// Error code when failed or blocked.
    pub error_code: Option<Code>,
    /// Safe error message when failed or blocked.
    pub error_message: Option<String>,
}

impl RunRecord {
    /// The failure this run recorded, as an error carrying its code and message (for a caller that wanted the
    /// run's output and got none).
    pub fn failure(&self) -> Error {
        Error::Reported {
            code: self.error_code.unwrap_or(Code::Internal),
            message: self.error_message.clone().unwrap_or_else(|| format!("{} did not complete", self.workflow)),
        }
    }
}

/// What a finished run reports.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RunCounts {
    /// Records received.
    pub received: u64,
    /// Inserted.
    pub inserted: u64,
    /// Updated.
    pub updated: u64,
    /// Removed.
    pub removed: u64,
}

