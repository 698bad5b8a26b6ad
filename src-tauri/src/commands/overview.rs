//! Overview commands: generate (through the overview workflow), list, read, charts and the advisor report.

use crate::error::IpcError;
use crate::state::AppState;
use pfo_core::export::SavedFile;
use pfo_core::knowledge::DocumentSummary;
use pfo_core::overview::charts::{Charts, Locale, Theme};
use pfo_core::overview::document::OverviewDocument;
use pfo_core::overview::{self, render, GenerateOverviewInput, GenerateOverviewOutput};
use serde::Serialize;
use tauri::{AppHandle, State};

/// A kept overview with its place in the knowledge space.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct StoredOverview {
    /// Revision, dates and retention.
    pub summary: DocumentSummary,
    /// The document, redacted like every rendering.
    pub document: OverviewDocument,
}

/// Runs `pfo.workflow.generate-openbanking-overview` ("Generate now").
#[tauri::command]
pub async fn generate_overview(state: State<'_, AppState>, input: Option<GenerateOverviewInput>) -> Result<GenerateOverviewOutput, IpcError> {
    let app = &state.app()?;
    let (run, generated) = pfo_core::workflow::generate_overview(app, input.unwrap_or_default()).await?;
    Ok(generated.ok_or_else(|| run.failure())?)
}

/// The overviews the knowledge space keeps, newest first.
#[tauri::command]
pub async fn list_overviews(state: State<'_, AppState>) -> Result<Vec<DocumentSummary>, IpcError> {
    Ok(overview::list(&state.app()?).await?)
}

/// A kept overview (the latest without `revision`); `null` when none was generated yet.
#[tauri::command]
pub async fn get_overview(state: State<'_, AppState>, revision: Option<u32>) -> Result<Option<StoredOverview>, IpcError> {
    let found = overview::stored(&state.app()?, revision).await?;
    Ok(found.map(|(summary, document)| StoredOverview { summary, document: render::redacted(&document) }))
}

/// The SVG charts of a kept overview, in the UI's language and theme.
#[tauri::command]
pub async fn overview_charts(state: State<'_, AppState>, revision: Option<u32>, locale: String, theme: Theme) -> Result<Charts, IpcError> {
    Ok(overview::charts_of(&state.app()?, revision, Locale::parse(&locale)?, theme).await?)
}

/// "Export report": writes the advisor report (md or html) into the Downloads folder (or the data folder's
/// `exports` when there is none) under a free name.
#[tauri::command]
pub async fn export_overview<R: tauri::Runtime>(handle: AppHandle<R>, state: State<'_, AppState>, revision: Option<u32>, format: String, locale: String) -> Result<SavedFile, IpcError> {
    let app = &state.app()?;
    let format = render::Format::parse(&format)?;
    let report = overview::report_of(app, revision, format, Locale::parse(&locale)?).await?;
    let extension = match format {
        render::Format::Markdown => "md",
        render::Format::Html => "html",
    };
    let stem = format!("financial-overview-{}", app.clock().now().format("%Y-%m-%d"));
    Ok(pfo_core::export::save_report(&super::export_dir(&handle, app), &stem, extension, &report)?)
}

/// What the dashboard shows: the last 12 months computed now from the store (not filed in the knowledge space), and
/// its charts in the UI's language and theme.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct DashboardOverview {
    /// The figures.
    pub document: OverviewDocument,
    /// Its charts.
    pub charts: Charts,
}

/// The dashboard's live figures: computed on each call (about a tenth of a second at a million transactions), never
/// stored, redacted like every rendering.
#[tauri::command]
pub async fn dashboard_overview(state: State<'_, AppState>, locale: String, theme: Theme) -> Result<DashboardOverview, IpcError> {
    let app = &state.app()?;
    let document = render::redacted(&overview::compute_for(app, Some("last-12-months")).await?);
    let charts = pfo_core::overview::charts::render(&document, Locale::parse(&locale)?, theme)?;
    Ok(DashboardOverview { document, charts })
}
