//! pfo-core: everything of Pocket Family Office that is neither UI nor Tauri.
//!
//! The crate map, by room:
//! - [`ops`]: the one door. The operation table registers every operation the window, the CLI and
//!   `pfo contracts call` reach; the shells call its typed handlers and nothing else of the data.
//! - [`contracts`]: the bank-data contracts (accounts, transactions, balances, connections), and [`workflow`], the
//!   runner every command goes through (guardrail, run record, telemetry) as the [`blueprint`] declares.
//! - [`sync`]: the sync engine (per resource: plan, page writer, high-water marks, bulk-load policy).
//! - [`store`]: every SQL statement, one module per table group, the migrations, locks and copies.
//! - [`domain`]: canonical records and the stored enums; [`error`]: the one error vocabulary ([`error::Code`]).
//! - [`provider`]: Powens behind the provider trait, built by its factory from [`config`] and [`secrets`].
//! - [`household`]: owners, dated ownership shares, look-through and the per-owner views.
//! - [`overview`]: the financial overview (compute, charts, reports), filed in the [`knowledge`] space.
//! - Features with their rules: [`fx`] (rates), [`telemetry`], [`webhook`] and [`webhook_receiver`], [`backup`],
//!   [`connect`], [`export`], [`retention`], [`profile`] and [`demo`], [`tenant`], [`settings`], [`bench`].
//! - [`App`]: the opened profile that every operation takes.

// First, so that `stored_enum!` is in scope in every module after it.
#[macro_use]
mod macros;

pub mod alerts;
pub mod app;
pub mod atomic_write;
pub mod backup;
pub mod bench;
pub mod blueprint;
pub mod clock;
pub mod config;
pub mod connect;
pub mod contracts;
pub mod demo;
pub mod domain;
pub mod error;
pub mod export;
pub mod fx;
pub mod household;
pub mod knowledge;
pub mod lock;
pub mod ops;
pub mod overview;
pub mod passphrase;
pub mod profile;
pub mod provider;
pub mod redact;
pub mod retention;
pub mod secrets;
pub mod settings;
pub mod store;
pub mod sync;
pub mod telemetry;
pub mod tenant;
pub mod wealth;
pub mod webhook;
pub mod webhook_receiver;
pub mod workflow;

pub use app::{default_data_dir, App, AppOptions};
pub use error::{Error, Result};
pub use profile::Mode;
