//! Operations on the financial overview besides generating it (a workflow, see [`super::workflows`]): the kept
//! documents, their charts and advisor report, and the Dashboard's live figures.

use crate::app::App;
use crate::error::Result;
use crate::export::{self, SavedFile};
use crate::knowledge::DocumentSummary;
use crate::ops::NoInput;
use crate::overview::charts::{self, Charts, Locale, Theme};
use crate::overview::document::OverviewDocument;
use crate::overview::{self, render};
use serde::{Deserialize, Serialize};

/// The language asked for, English by default.
fn locale(text: Option<&str>) -> Result<Locale> {
    text.map(Locale::parse).transpose().map(|l| l.unwrap_or(Locale::En))
}

/// `pfo.overview.list`: the kept overviews, newest first.
pub async fn list(app: &App, _: NoInput) -> Result<Vec<DocumentSummary>> {
    overview::list(app).await
}

/// A kept overview with its place in the knowledge space.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct StoredOverview {
    /// Revision, dates and retention.
    pub summary: DocumentSummary,
    /// The document, redacted like every rendering.
    pub document: OverviewDocument,
}

/// Input of `pfo.overview.get`.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct OverviewGetInput {
    /// The revision; the latest by default.
    #[serde(default)]
    pub revision: Option<u32>,
}

/// `pfo.overview.get`: `None` when no overview was generated yet (or not that revision).
pub async fn get(app: &App, input: OverviewGetInput) -> Result<Option<StoredOverview>> {
    let found = overview::stored(app, input.revision).await?;
    Ok(found.map(|(summary, document)| StoredOverview { summary, document: render::redacted(&document) }))
}

/// Input of `pfo.overview.charts`.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct OverviewChartsInput {
    /// The revision; the latest by default.
    #[serde(default)]
    pub revision: Option<u32>,
    /// `en` (default) or `fr`.
    #[serde(default)]
    pub locale: Option<String>,
    /// `light` (default) or `dark`.
    #[serde(default)]
    pub theme: Option<Theme>,
}

/// `pfo.overview.charts`.
pub async fn charts(app: &App, input: OverviewChartsInput) -> Result<Charts> {
    overview::charts_of(app, input.revision, locale(input.locale.as_deref())?, input.theme.unwrap_or(Theme::Light)).await
}

/// Input of `pfo.overview.export`.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct OverviewExportInput {
    /// The revision; the latest by default.
    #[serde(default)]
    pub revision: Option<u32>,
    /// `md` (default) or `html`.
    #[serde(default)]
    pub format: Option<String>,
    /// `en` (default) or `fr`.
    #[serde(default)]
    pub locale: Option<String>,
    /// Write to this file (refused if it exists); by default a new file in the export folder.
    #[serde(default)]
    pub output: Option<String>,
}

/// `pfo.overview.export`: the advisor report, self-contained and redacted.
pub async fn export(app: &App, input: OverviewExportInput) -> Result<SavedFile> {
    let format = render::Format::parse(input.format.as_deref().unwrap_or("md"))?;
    let report = overview::report_of(app, input.revision, format, locale(input.locale.as_deref())?).await?;
    let stem = export::dated_stem(app, "financial-overview");
    export::save(app, input.output.map(Into::into), &stem, format.extension(), report.as_bytes(), 0)
}

/// What the Dashboard shows: the last 12 months' figures computed now from the store (not filed in the knowledge
/// space; no notable items), and their charts when asked for.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct DashboardOverview {
    /// The figures.
    pub document: OverviewDocument,
    /// Its charts, when `charts` was asked for.
    pub charts: Option<Charts>,
}

/// Input of `pfo.overview.dashboard`.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct DashboardInput {
    /// `en` (default) or `fr`.
    #[serde(default)]
    pub locale: Option<String>,
    /// `light` (default) or `dark`.
    #[serde(default)]
    pub theme: Option<Theme>,
    /// Whose figures: an owner's id (`o2`); the household's by default.
    #[serde(default)]
    pub view: Option<crate::domain::OwnerId>,
    /// Which rights an owner's view counts besides full ownership: `usufruct` (default) or `bare_ownership`.
    #[serde(default)]
    pub basis: Option<crate::domain::Basis>,
    /// Also draw the charts (the window draws the Dashboard's own from the figures).
    #[serde(default)]
    pub charts: bool,
}

/// `pfo.overview.dashboard`: computed on each call (the figures only: tens of milliseconds at a million
/// transactions, see BENCHMARKS.md), never stored, redacted like every rendering.
pub async fn dashboard(app: &App, input: DashboardInput) -> Result<DashboardOverview> {
    let figures = overview::compute_for(app, Some("last-12-months"), input.view, input.basis, crate::store::overview::Scope::Figures).await?;
    let document = render::redacted(&figures);
    let charts = match input.charts {
        true => Some(charts::render(&document, locale(input.locale.as_deref())?, input.theme.unwrap_or(Theme::Light))?),
        false => None,
    };
    Ok(DashboardOverview { document, charts })
}
