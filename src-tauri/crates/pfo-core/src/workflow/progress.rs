//! Progress of a refresh, reported while it runs. The shell adapts the sink to Tauri events, the CLI to lines.

use crate::domain::RunRecord;
use serde::Serialize;

/// One progress report.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase", tag = "kind")]
#[ts(export)]
pub enum Progress {
    /// A workflow started.
    Started {
        /// Workflow name.
        workflow: String,
        /// Position in the refresh, from 1.
        step: u32,
        /// Steps in the refresh.
        steps: u32,
    },
    /// A workflow finished (succeeded, failed or blocked).
    Finished {
        /// The recorded run.
        run: RunRecord,
    },
}

/// Where progress goes.
pub trait ProgressSink: Send + Sync {
    /// Reports one step.
    fn report(&self, progress: Progress);
}

/// A sink that drops everything.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoProgress;

impl ProgressSink for NoProgress {
    fn report(&self, _progress: Progress) {}
}
