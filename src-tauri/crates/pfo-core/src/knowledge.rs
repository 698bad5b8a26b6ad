//! `knowledge.financial-overview`: the knowledge space that keeps generated overviews as versioned documents
//! (structured JSON and its Markdown rendering), with the blueprint's retention and write rules.
//!
//! - Category `operational`, retention 180 days: a document whose age reaches 180 days is purged, on every write
//!   and when the app starts ([`purge_expired`]).
//! - Write access for automation only: [`write`] takes an [`AutomationWrite`], which only the workflow runner can
//!   make. The UI and the CLI list, read and export; nothing edits or deletes a document by hand.
//! - Only derived documents go in: the overview is built from aggregates and names accounts by their name and
//!   masked number; raw provider payloads never reach this module.

use crate::domain::Timestamp;
use crate::blueprint::{KnowledgeSpaceSpec, POCKET_FAMILY_OFFICE_BLUEPRINT};
use chrono::Duration;
use serde::Serialize;

/// The space's id.
pub const FINANCIAL_OVERVIEW: &str = "knowledge.financial-overview";

/// The blueprint's declaration of the financial-overview space.
pub fn financial_overview_space() -> &'static KnowledgeSpaceSpec {
    POCKET_FAMILY_OFFICE_BLUEPRINT
        .knowledge_spaces
        .iter()
        .find(|space| space.id == FINANCIAL_OVERVIEW)
        .expect("the blueprint declares knowledge.financial-overview")
}

/// Proof that the writer is automation (a workflow run), as the space's write access demands.
#[derive(Debug)]
pub struct AutomationWrite(());

impl AutomationWrite {
    /// Only the workflow runner asks for one.
    pub(crate) fn for_workflow() -> Self {
        Self(())
    }
}

/// A document to store.
#[derive(Debug, Clone)]
pub struct NewDocument {
    /// What kind of document (`overview`).
    pub kind: &'static str,
    /// Shape version of `body_json`.
    pub schema_version: u32,
    /// Human title.
    pub title: String,
    /// First day covered.
    pub period_start: String,
    /// Last day covered.
    pub period_end: String,
    /// Structured body.
    pub body_json: String,
    /// Markdown rendering.
    pub body_markdown: String,
}

/// A stored document's listing entry.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct DocumentSummary {
    /// The document's version in the space: 1, 2, 3…
    pub revision: u32,
    /// Kind (`overview`).
    pub kind: String,
    /// Title.
    pub title: String,
    /// First day covered.
    pub period_start: String,
    /// Last day covered.
    pub period_end: String,
    /// When it was generated (RFC 3339).
    pub created_at: Timestamp,
    /// When retention will purge it (RFC 3339).
    pub expires_at: Timestamp,
}

/// A stored document, whole.
#[derive(Debug, Clone)]
pub struct StoredDocument {
    /// Its listing entry.
    pub summary: DocumentSummary,
    /// Shape version of `body_json`.
    pub schema_version: u32,
    /// Structured body.
    pub body_json: String,
    /// Markdown rendering.
    pub body_markdown: String,
}

/// How long the financial-overview space keeps a document.
pub fn retention() -> Duration {
    Duration::days(i64::from(financial_overview_space().retention_days))
}
