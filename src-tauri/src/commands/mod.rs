//! The IPC commands. [`ipc`] generates one per core operation; the modules beside it are the shell's own commands,
//! a few lines each, for what needs the shell: windows (connect), events (refresh), process state (the webhook
//! listener, the core swapped after a restore, the app lock).

pub mod backup;
pub mod connect;
pub mod ipc;
pub mod lock;
pub mod status;
pub mod sync;
pub mod webhooks;
