//! `SyncCounts`: what a sync did to the store, reported to the UI, the CLI and telemetry.

use serde::Serialize;

/// How many records a sync inserted, changed, left alone and marked gone.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SyncCounts {
    /// New records.
    pub inserted: u32,
    /// Records whose content changed.
    pub updated: u32,
    /// Records seen again unchanged.
    pub unchanged: u32,
    /// Records no longer reported by the provider, now marked deleted.
    pub removed: u32,
}
