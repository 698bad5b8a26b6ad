//! The IPC commands of the core's operations, one per row of `pfo_core::operation_table!`: each is generated here
//! with the same shape, `{input}` in, the operation's output (or an [`IpcError`]) out. Adding an operation to the
//! table adds its command; nothing here decides anything.

use crate::error::IpcError;
use crate::state::AppState;

macro_rules! ipc_commands {
    ($( $ipc:ident, $name:literal, $kind:ident, $input:ty, $output:ty, $handler:path, $description:literal; )*) => {
        $(
            #[doc = concat!("`", $name, "`: ", $description)]
            #[tauri::command]
            pub async fn $ipc(state: tauri::State<'_, AppState>, input: Option<$input>) -> Result<$output, IpcError> {
                Ok($handler(&state.app()?, input.unwrap_or_default()).await?)
            }
        )*

        /// Registers every command on `builder`: the table's, then the shell's own (windows, events, the webhook
        /// listener's lifetime, swapping the core).
        pub fn register<R: tauri::Runtime>(builder: tauri::Builder<R>) -> tauri::Builder<R> {
            builder.invoke_handler(tauri::generate_handler![
                $( $ipc, )*
                super::status::report_startup,
                super::sync::refresh,
                super::connect::add_bank,
                super::connect::reconnect_bank,
                super::connect::configure_powens,
                super::webhooks::webhook_receiver_status,
                super::webhooks::start_webhook_receiver,
                super::webhooks::stop_webhook_receiver,
                super::backup::create_backup,
                super::backup::restore_backup,
                super::lock::lock_status,
                super::lock::unlock_app,
                super::lock::lock_app,
                super::lock::configure_app_lock,
                super::lock::remove_app_lock,
            ])
        }

        /// The names of the table's commands, for the test that keeps the UI's calls in step.
        #[cfg(test)]
        pub const TABLE_COMMANDS: &[&str] = &[$( stringify!($ipc) ),*];
    };
}

pfo_core::operation_table!(ipc_commands);
