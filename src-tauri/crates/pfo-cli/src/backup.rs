//! `pfo backup create` and `pfo backup restore`: the command-line side of backups. It gathers the passphrase
//! (from the terminal without echo, or from standard input for scripts and cron) and prints what was done; the
//! work is `pfo_core::backup`'s.

use clap::Subcommand;
use pfo_core::backup::{self, BackupSummary, RestoreSummary};
use pfo_core::secrets::{SecretStore, SecretString};
use pfo_core::{App, AppOptions, Error, Result};
use std::path::{Path, PathBuf};

#[derive(Debug, Subcommand)]
pub enum BackupCommand {
    /// Write one file holding the encrypted store (under a passphrase you choose), profile.json and tenant.toml.
    /// No keyring content, no Powens credential or token. The passphrase is read from the terminal, or from
    /// standard input (one line) when it is not a terminal.
    Create {
        /// The backup file (refused if it exists); default pocket-family-office-<mode>-<date>.pfobackup here.
        #[arg(long)]
        output: Option<PathBuf>,
        /// Print the outcome as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Restore a backup into the profile of its mode, under a new key in a new keyring entry. Everything is
    /// checked before the current store is touched; the current store is kept aside (`pfo.db.before-restore-…`).
    Restore {
        /// The backup file.
        file: PathBuf,
        /// Print the outcome as JSON.
        #[arg(long)]
        json: bool,
    },
}

/// Runs a backup subcommand on `data_dir`.
pub async fn run(data_dir: &Path, command: BackupCommand) -> Result<()> {
    match command {
        BackupCommand::Create { output, json } => {
            let app = App::open(AppOptions::new(data_dir)).await?;
            let output = output.unwrap_or_else(|| PathBuf::from(backup::default_file_name(app.mode(), app.clock().now())));
            if output.symlink_metadata().is_ok() {
                return Err(Error::FileExists { path: output });
            }
            let passphrase = read_passphrase(true)?;
            let summary = backup::create(&app, &output, passphrase).await?;
            if json {
                crate::output::json(&summary);
            } else {
                print_created(&summary);
            }
        }
        BackupCommand::Restore { file, json } => {
            let passphrase = read_passphrase(false)?;
            let configured = data_dir_has_config(data_dir);
            let data_dir = data_dir.to_path_buf();
            let now = pfo_core::clock::from_env().now();
            let summary = tokio::task::spawn_blocking(move || backup::restore(&data_dir, &file, &passphrase, &SecretStore::default(), now, &mut |_| Ok(())))
                .await
                .map_err(|e| Error::Task(format!("the restore task failed: {e}")))??;
            if json {
                crate::output::json(&summary);
            } else {
                print_restored(&summary, configured);
            }
        }
    }
    Ok(())
}

fn data_dir_has_config(data_dir: &Path) -> bool {
    data_dir.join(pfo_core::config::CONFIG_FILE).exists()
}

/// The backup's passphrase: typed twice at a terminal when a backup is made (a weak one refused before the second
/// prompt), or one line of standard input.
fn read_passphrase(confirm: bool) -> Result<SecretString> {
    let check = |passphrase: &SecretString| backup::check_passphrase(passphrase);
    crate::passphrase::read("Backup passphrase: ", confirm.then_some(&check as crate::passphrase::StrengthCheck))
}

fn print_created(summary: &BackupSummary) {
    let rows = &summary.fingerprint;
    outln!(
        "Backup written to {} ({} bytes): {} accounts, {} transactions, {} balance snapshots, schema version {}.",
        summary.path, summary.bytes, rows.accounts, rows.transactions, rows.balances, summary.schema_version
    );
    outln!("Keep the passphrase safe and apart from the file: without it the backup cannot be opened, by you or anyone.");
}

fn print_restored(summary: &RestoreSummary, configured: bool) {
    let rows = &summary.fingerprint;
    outln!(
        "Restored the {:?} profile from the backup of {}: {} accounts, {} transactions, {} balance snapshots, under a new key (keyring entry `{}`).",
        summary.mode, summary.backup_created_at, rows.accounts, rows.transactions, rows.balances, summary.keyring_entry
    );
    match &summary.previous_store {
        Some(previous) => outln!("The store it replaced is kept as {previous} (it still opens with its own keyring entry); delete it once you are satisfied."),
        None => outln!("There was no store to replace."),
    }
    if summary.mode == pfo_core::Mode::Live && !configured {
        outln!("This data folder has no Powens connection yet: run `pfo connect powens …` to refresh the restored profile from your banks.");
    }
}
