//! The financial overview: `pfo.openbanking.generate-overview` and what reads its documents back.
//!
//! [`period`] says what a period is, `store::overview` reads aggregates from the store, [`compute`] (pure) turns them into
//! the [`document::OverviewDocument`], [`recurring`] finds recurring charges, [`charts`] draws SVGs with plotters,
//! [`render`] writes Markdown and the advisor report. Generated documents live in the knowledge space
//! ([`crate::knowledge`]), written only by the workflow that runs [`generate`].

pub mod charts;
pub mod compute;
pub mod document;
pub mod period;
pub mod recurring;
pub mod render;

use crate::app::App;
use crate::error::{Error, Result};
use crate::knowledge::{AutomationWrite, DocumentSummary, NewDocument};
use charts::{Charts, Locale, Theme};
use document::OverviewDocument;
use period::Period;
use serde::{Deserialize, Serialize};

/// The contract's name.
pub const GENERATE: &str = "pfo.openbanking.generate-overview";

/// Input of `pfo.openbanking.generate-overview`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct GenerateOverviewInput {
    /// `2026`, `2026-03`, `2026-01..2026-06`, `2026-01-15..2026-02-14`, `last-12-months` (default), `ytd` or `all`.
    #[serde(default)]
    pub period: Option<String>,
    /// Language of the Markdown kept with the document: `en` (default) or `fr`.
    #[serde(default)]
    pub locale: Option<String>,
    /// Whose figures: an owner's id (`o2`); the household's by default.
    #[serde(default)]
    pub view: Option<crate::domain::OwnerId>,
    /// Which rights an owner's view counts besides full ownership: `usufruct` (default) or `bare_ownership`.
    #[serde(default)]
    pub basis: Option<crate::domain::Basis>,
}

/// Output of `pfo.openbanking.generate-overview`.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct GenerateOverviewOutput {
    /// Where the knowledge space filed it.
    pub summary: DocumentSummary,
    /// The document.
    pub document: OverviewDocument,
}

/// Computes the overview of a period from the store, in a view, without storing it (`scope`: all of it, or only
/// the figures the Dashboard shows).
pub async fn compute_for(
    app: &App,
    period_text: Option<&str>,
    view: Option<crate::domain::OwnerId>,
    basis: Option<crate::domain::Basis>,
    scope: crate::store::overview::Scope,
) -> Result<OverviewDocument> {
    let view = crate::store::overview::ViewAsked { owner: view, basis: basis.unwrap_or(crate::domain::Basis::Usufruct) };
    let now = app.clock().now();
    let generated_at = app.clock().timestamp();
    let period_text = period_text.unwrap_or_default().to_string();
    app.store()
        .call(move |connection| {
            let today = now.date_naive();
            let period = Period::parse(&period_text, today, crate::store::overview::earliest_day(connection)?)?;
            let base = crate::store::rates::base_currency(connection)?;
            let rates = crate::fx::RateTable::new(&base, &crate::store::rates::list_rates(connection)?);
            let inputs = crate::store::overview::load(connection, period, today, generated_at, rates, view, scope)?;
            Ok(compute::compute(&inputs))
        })
        .await
}

/// The contract: computes the overview and files it in the knowledge space as its next revision.
pub async fn generate(app: &App, input: GenerateOverviewInput) -> Result<GenerateOverviewOutput> {
    let locale = input.locale.as_deref().map(Locale::parse).transpose()?.unwrap_or(Locale::En);
    let document = compute_for(app, input.period.as_deref(), input.view, input.basis, crate::store::overview::Scope::Document).await?;
    let whose = match &document.view.owner {
        Some(owner) => format!(" — view of {owner}"),
        None => String::new(),
    };
    let new = NewDocument {
        kind: "overview",
        schema_version: document::SCHEMA_VERSION,
        title: format!("Financial overview {} → {}{whose}", document.period.start, document.period.end),
        period_start: document.period.start.clone(),
        period_end: document.period.end.clone(),
        body_json: serde_json::to_string(&document).map_err(|e| Error::Task(format!("serializing the overview: {e}")))?,
        body_markdown: render::markdown(&document, locale),
    };
    let now = app.clock().now();
    // The contract is what automation runs: it holds the space's write access, nothing else does.
    let summary = app.store().call(move |connection| crate::store::knowledge::write(connection, AutomationWrite::for_workflow(), now, &new)).await?;
    Ok(GenerateOverviewOutput { summary, document })
}

/// The knowledge space's documents, newest first.
pub async fn list(app: &App) -> Result<Vec<DocumentSummary>> {
    app.store().call(|connection| crate::store::knowledge::list(connection)).await
}

/// A stored overview (the latest when `revision` is `None`); `None` when there is none.
pub async fn stored(app: &App, revision: Option<u32>) -> Result<Option<(DocumentSummary, OverviewDocument)>> {
    let found = app.store().call(move |connection| crate::store::knowledge::get(connection, revision)).await?;
    found
        .map(|stored| {
            let document = serde_json::from_str(&stored.body_json).map_err(|e| {
                // Where and what kind of error only: serde's message could quote a value of the document.
                tracing::warn!(revision = stored.summary.revision, line = e.line(), column = e.column(), kind = ?e.classify(), "a kept overview does not decode");
                Error::Unreadable { what: format!("overview revision {}", stored.summary.revision), fix: "generate a new one (Generate now, or `pfo overview generate`)" }
            })?;
            Ok((stored.summary, document))
        })
        .transpose()
}

/// No such kept overview.
pub fn missing(revision: Option<u32>) -> Error {
    match revision {
        Some(r) => Error::NotFound {
            what: format!("overview revision {r} in knowledge.financial-overview"),
            fix: "the Overview screen or `pfo overview list` shows what is kept",
        },
        None => Error::NotFound { what: "a generated overview".into(), fix: "generate one first (Generate now, or `pfo overview generate`)" },
    }
}

/// The charts of a stored overview.
pub async fn charts_of(app: &App, revision: Option<u32>, locale: Locale, theme: Theme) -> Result<Charts> {
    let (_, document) = stored(app, revision).await?.ok_or_else(|| missing(revision))?;
    charts::render(&render::redacted(&document), locale, theme)
}

/// The advisor report of a stored overview.
pub async fn report_of(app: &App, revision: Option<u32>, format: render::Format, locale: Locale) -> Result<String> {
    let (_, document) = stored(app, revision).await?.ok_or_else(|| missing(revision))?;
    render::report(&document, format, locale)
}
