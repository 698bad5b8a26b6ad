//! Operations on what the app recorded of its own work: workflow runs (the Activity screen, `pfo runs`) and the
//! local telemetry log (`pfo telemetry tail`).

use crate::app::App;
use crate::error::{Error, Result};
use crate::domain::RunRecord;
use crate::store::runs;
use serde::Deserialize;

/// How many rows a history read returns when not told, and at most.
const DEFAULT_LIMIT: u32 = 50;
const MAX_LIMIT: u32 = 500;

fn limit(limit: Option<u32>) -> Result<u32> {
    limit_within(limit, DEFAULT_LIMIT, MAX_LIMIT)
}

/// A history read's `limit`: `default` when not told, refused outside 1 to `max`.
pub(crate) fn limit_within(limit: Option<u32>, default: u32, max: u32) -> Result<u32> {
    match limit.unwrap_or(default) {
        n if (1..=max).contains(&n) => Ok(n),
        n => Err(Error::InvalidInput { field: "limit".into(), reason: format!("{n} is outside 1 to {max}") }),
    }
}

/// Input of `pfo.runs.list`.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct RunsListInput {
    /// How many runs (1 to 500, 50 by default).
    #[serde(default)]
    pub limit: Option<u32>,
}

/// `pfo.runs.list`: the most recent runs, newest first.
pub async fn runs(app: &App, input: RunsListInput) -> Result<Vec<RunRecord>> {
    let limit = limit(input.limit)?;
    app.store().call(move |conn| runs::recent(conn, limit)).await
}

/// Input of `pfo.telemetry.tail`.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct TelemetryTailInput {
    /// How many events (1 to 500, 50 by default).
    #[serde(default)]
    pub limit: Option<u32>,
}

/// `pfo.telemetry.tail`: the latest events, redacted when they were written.
pub async fn telemetry(app: &App, input: TelemetryTailInput) -> Result<Vec<serde_json::Value>> {
    let limit = limit(input.limit)?;
    app.store().call(move |conn| crate::store::telemetry::tail(conn, limit)).await
}
