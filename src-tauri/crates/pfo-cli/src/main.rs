//! `pfo`: the headless interface to Pocket Family Office. Every subcommand calls the same contract handlers as the
//! desktop app, on the same profile, so scripts, cron jobs and benchmarks see exactly what the window shows.

mod output;

use clap::{Parser, Subcommand};
use pfo_core::contracts::{self, accounts};
use pfo_core::{App, AppOptions, Mode};
use std::path::PathBuf;
use std::process::ExitCode;

/// Pocket Family Office: a private family office for your household's bank accounts.
#[derive(Debug, Parser)]
#[command(name = "pfo", version, about)]
struct Cli {
    /// Where the profiles and config.toml live (default: the desktop app's data directory).
    #[arg(long, global = true, env = "PFO_DATA_DIR", value_name = "DIR")]
    data_dir: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Refresh connections and accounts from the bank data provider (the demo sandbox in demo mode).
    Sync,
    /// Work with stored accounts.
    Accounts {
        #[command(subcommand)]
        command: AccountsCommand,
    },
    /// List the contracts this build offers, with their versions (and JSON Schemas with --json).
    Contracts {
        /// Print machine-readable JSON, including input and output schemas.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
enum AccountsCommand {
    /// List stored accounts; IBANs and account numbers are always masked.
    List {
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
        /// Include disabled and deleted accounts.
        #[arg(long)]
        all: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::from_env("PFO_LOG"))
        .with_writer(std::io::stderr)
        .init();
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("tokio runtime starts");
    match runtime.block_on(run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error [{}]: {error}", error.code());
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> pfo_core::Result<()> {
    if let Command::Contracts { json } = cli.command {
        output::contracts(&contracts::registry(), json);
        return Ok(());
    }
    let data_dir = cli.data_dir.unwrap_or_else(pfo_core::default_data_dir);
    let app = App::open(AppOptions::new(data_dir)).await?;
    if app.mode() == Mode::Demo {
        eprintln!(
            "Demo mode: showing the built-in demo household, not real bank data. \
             Configure Powens in {} to use your own banks.",
            app.data_dir().join(pfo_core::config::CONFIG_FILE).display()
        );
    }
    match cli.command {
        Command::Sync => {
            let result = accounts::sync(&app, accounts::AccountsSyncInput::default()).await?;
            output::sync_summary(&result);
        }
        Command::Accounts { command: AccountsCommand::List { json, all } } => {
            let listing = accounts::list(&app, accounts::AccountsListInput { include_inactive: all }).await?;
            if json {
                output::json(&listing);
            } else {
                output::accounts_table(&listing);
            }
        }
        Command::Contracts { .. } => unreachable!("handled before opening the app"),
    }
    Ok(())
}
