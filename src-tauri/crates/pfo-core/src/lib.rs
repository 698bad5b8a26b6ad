//! pfo-core: everything of Pocket Family Office that is neither UI nor Tauri.
//!
//! Canonical models ([`domain`]), the encrypted store ([`store`]), OS-keyring secrets ([`secrets`]), profiles and
//! demo mode ([`profile`], [`demo`]), the Powens provider and its factory ([`provider`]), and the contracts every
//! interface calls ([`contracts`]). The desktop shell and the `pfo` CLI are thin layers over [`App`] and the
//! contract handlers.

// First, so that `stored_enum!` is in scope in every module after it.
#[macro_use]
mod macros;

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
pub mod knowledge;
pub mod ops;
pub mod overview;
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
pub mod webhook;
pub mod webhook_receiver;
pub mod workflow;

pub use app::{default_data_dir, App, AppOptions};
pub use error::{Error, Result};
pub use profile::Mode;
