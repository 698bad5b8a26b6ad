//! Operations that write files the household asks for (CSV of transactions; the advisor report is in
//! [`super::overview`]): where they go and what they are called is decided here, once, for every shell.

use crate::app::App;
use crate::contracts::transactions::TransactionsListInput;
use crate::error::Result;
use crate::export::{self, SavedFile};
use serde::Deserialize;

/// Input of `pfo.transactions.export-csv`.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct TransactionsExportInput {
    /// The filter (the same as the list's; its page fields are ignored: every page is written).
    #[serde(default)]
    pub filter: TransactionsListInput,
    /// Write to this file (refused if it exists); by default a new file in the export folder.
    #[serde(default)]
    pub output: Option<String>,
}

/// `pfo.transactions.export-csv`.
pub async fn export_transactions_csv(app: &App, input: TransactionsExportInput) -> Result<SavedFile> {
    let (csv, rows) = export::transactions_csv(app, input.filter).await?;
    export::save(app, input.output.map(Into::into), &export::dated_stem(app, "transactions"), "csv", csv.as_bytes(), rows)
}
