//! `pfo`: the headless interface to Pocket Family Office. Every subcommand calls the same contract handlers as the
//! desktop app, on the same profile, so scripts, cron jobs and benchmarks see exactly what the window shows.

mod bench;
mod output;

use clap::{Parser, Subcommand};
use pfo_core::contracts::{self, accounts, balances, transactions};
use pfo_core::workflow::{self, progress::Progress, progress::ProgressSink};
use pfo_core::{App, AppOptions, Mode};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

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
    /// Refresh everything: accounts, transactions and balances, from the bank data provider (the demo sandbox in
    /// demo mode). Prints one line per workflow.
    #[command(alias = "refresh")]
    Sync {
        /// Print the outcome as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Work with stored accounts.
    Accounts {
        #[command(subcommand)]
        command: AccountsCommand,
    },
    /// Work with stored transactions.
    Transactions {
        #[command(subcommand)]
        command: TransactionsCommand,
    },
    /// Latest balances and the consolidated history per currency.
    Balances {
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// The history of workflow runs, newest first.
    Runs {
        /// How many runs.
        #[arg(long, default_value_t = 20)]
        limit: u32,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// The local telemetry log (already redacted).
    Telemetry {
        #[command(subcommand)]
        command: TelemetryCommand,
    },
    /// List the contracts this build offers, with their versions (and JSON Schemas with --json), or call one.
    Contracts {
        /// Print machine-readable JSON, including input and output schemas.
        #[arg(long)]
        json: bool,
        #[command(subcommand)]
        command: Option<ContractsCommand>,
    },
    /// The built-in blueprint: slots, capabilities, workflows and knowledge spaces, and the integration specs.
    Blueprint,
    /// The integration specs (category, ownership modes, capabilities, config and secret fields).
    Integrations,
    /// Configure a bank data provider for this data directory.
    Connect {
        #[command(subcommand)]
        provider: ConnectCommand,
    },
    /// Disconnect a bank data provider: revoke the token at the provider, forget the credentials (the stored data
    /// stays).
    Disconnect {
        #[command(subcommand)]
        provider: DisconnectCommand,
    },
    /// Work with bank connections.
    Connections {
        #[command(subcommand)]
        command: ConnectionsCommand,
    },
    /// Benchmarks sync and queries against an in-process sandbox and prints a table (use a release build).
    Bench {
        /// Transactions in the sandbox household.
        #[arg(long, default_value_t = 1_000_000)]
        transactions: u64,
        /// Years of history.
        #[arg(long, default_value_t = 10)]
        years: u32,
        /// Runs per query for p50/p99.
        #[arg(long, default_value_t = 200)]
        query_runs: u32,
    },
}

#[derive(Debug, Subcommand)]
enum ConnectCommand {
    /// Connect Powens: the settings as flags, the client id and secret from `PFO_POWENS_CLIENT_ID` and
    /// `PFO_POWENS_CLIENT_SECRET`, or from standard input (two lines) with --secrets-from-stdin. The credentials are
    /// checked against the Powens API before anything is saved, and are never printed.
    Powens {
        /// `sandbox` or `production`.
        #[arg(long)]
        environment: String,
        /// API root of your Powens domain, e.g. https://acme.biapi.pro/2.0.
        #[arg(long)]
        base_url: String,
        /// Powens region identifier, if your contract names one.
        #[arg(long)]
        region: Option<String>,
        /// Automatic refresh cadence while the app runs (60000 to 86400000).
        #[arg(long)]
        polling_interval_ms: Option<u64>,
        /// Read the client id and the client secret from standard input, one per line.
        #[arg(long)]
        secrets_from_stdin: bool,
    },
}

#[derive(Debug, Subcommand)]
enum DisconnectCommand {
    /// Disconnect Powens.
    Powens,
}

#[derive(Debug, Subcommand)]
enum ConnectionsCommand {
    /// Ask Powens to sync one bank connection now (the user is present; the bank may ask for SCA).
    Sync {
        /// The connection id, as `pfo accounts list --json` shows it.
        id: String,
    },
}

#[derive(Debug, Subcommand)]
enum ContractsCommand {
    /// Calls a contract with a JSON input and prints its JSON output.
    Call {
        /// Contract name, e.g. openbanking.transactions.list.
        name: String,
        /// JSON input (default `{}`).
        #[arg(long, default_value = "{}")]
        input: String,
    },
}

#[derive(Debug, Subcommand)]
enum TelemetryCommand {
    /// The latest events.
    Tail {
        /// How many events.
        #[arg(long, default_value_t = 20)]
        limit: u32,
    },
}

#[derive(Debug, Subcommand)]
enum TransactionsCommand {
    /// List stored transactions, newest first.
    List {
        /// Only this account (canonical id, e.g. powens:1001); repeatable.
        #[arg(long = "account")]
        accounts: Vec<String>,
        /// Earliest booking date (YYYY-MM-DD).
        #[arg(long)]
        from: Option<String>,
        /// Latest booking date (YYYY-MM-DD).
        #[arg(long)]
        to: Option<String>,
        /// Words to find in labels.
        #[arg(long)]
        search: Option<String>,
        /// Category or parent category code.
        #[arg(long)]
        category: Option<String>,
        /// Rows to print.
        #[arg(long, default_value_t = 50)]
        limit: u32,
        /// Print JSON instead of a table.
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

/// Prints refresh progress as it happens, on stderr so that `--json` output stays clean.
struct PrintProgress;

impl ProgressSink for PrintProgress {
    fn report(&self, progress: Progress) {
        if let Progress::Started { workflow, step, steps } = progress {
            eprintln!("[{step}/{steps}] {workflow} …");
        }
    }
}

async fn run(cli: Cli) -> pfo_core::Result<()> {
    match &cli.command {
        Command::Contracts { json, command: None } => {
            output::contracts(&contracts::registry(), *json);
            return Ok(());
        }
        Command::Integrations => {
            output::json(&[pfo_core::blueprint::POWENS_SPEC]);
            return Ok(());
        }
        Command::Connect { provider: ConnectCommand::Powens { environment, base_url, region, polling_interval_ms, secrets_from_stdin } } => {
            let data_dir = cli.data_dir.clone().unwrap_or_else(pfo_core::default_data_dir);
            return connect_powens(&data_dir, environment, base_url, region.clone(), *polling_interval_ms, *secrets_from_stdin).await;
        }
        Command::Disconnect { provider: DisconnectCommand::Powens } => {
            let data_dir = cli.data_dir.clone().unwrap_or_else(pfo_core::default_data_dir);
            pfo_core::connect::disconnect_powens(&data_dir).await?;
            println!("Powens disconnected: the token is revoked and the credentials are gone from the keyring. Your data stays.");
            return Ok(());
        }
        Command::Bench { transactions, years, query_runs } => {
            return bench::run(bench::BenchOptions { transactions: *transactions, years: *years, query_runs: *query_runs }).await;
        }
        Command::Blueprint => {
            output::json(&serde_json::json!({
                "blueprint": pfo_core::blueprint::POCKET_FAMILY_OFFICE_BLUEPRINT,
                "integrations": [pfo_core::blueprint::POWENS_SPEC],
            }));
            return Ok(());
        }
        _ => {}
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
        Command::Sync { json } => {
            let outcome = workflow::refresh(&app, Arc::new(PrintProgress))
                .await
                .map_err(|failed| pfo_core::Error::Task(format!("{}: {}", failed.code, failed.message)))?;
            if json {
                output::json(&outcome);
            } else {
                output::refresh_summary(&outcome);
            }
            if outcome.status != pfo_core::store::runs::RunStatus::Succeeded {
                let failed = outcome.runs.last().expect("a failed refresh has a run");
                return Err(pfo_core::Error::Task(format!(
                    "{} did not complete: {}",
                    failed.workflow,
                    failed.error_message.as_deref().unwrap_or("no detail")
                )));
            }
        }
        Command::Transactions { command: TransactionsCommand::List { accounts, from, to, search, category, limit, json } } => {
            let input = transactions::TransactionsListInput {
                account_ids: accounts,
                date_from: from,
                date_to: to,
                text: search,
                category,
                limit: Some(limit),
                include_totals: true,
                ..Default::default()
            };
            let page = transactions::list(&app, input).await?;
            if json {
                output::json(&page);
            } else {
                output::transactions_table(&page);
            }
        }
        Command::Balances { json } => {
            let view = balances::get(&app, balances::BalancesGetInput::default()).await?;
            if json {
                output::json(&view);
            } else {
                output::balances_table(&view);
            }
        }
        Command::Runs { limit, json } => {
            let recent = app.store().call(move |conn| pfo_core::store::runs::recent(conn, limit)).await?;
            if json {
                output::json(&recent);
            } else {
                output::runs_table(&recent);
            }
        }
        Command::Telemetry { command: TelemetryCommand::Tail { limit } } => {
            for event in app.store().call(move |conn| pfo_core::telemetry::tail(conn, limit)).await? {
                println!("{event}");
            }
        }
        Command::Connections { command: ConnectionsCommand::Sync { id } } => {
            use pfo_core::provider::OpenBankingProvider;
            let connection = app.connected().await?.provider.force_sync(&id, &app.clock().now_rfc3339()).await?;
            println!("{} synced at Powens; state: {}", connection.institution, connection.state.as_deref().unwrap_or("ok"));
        }
        Command::Contracts { command: Some(ContractsCommand::Call { name, input }), .. } => {
            let input: serde_json::Value = serde_json::from_str(&input)
                .map_err(|e| pfo_core::Error::InvalidInput { field: "input".into(), reason: format!("is not JSON: {e}") })?;
            output::json(&contracts::call(&app, &name, input).await?);
        }
        Command::Accounts { command: AccountsCommand::List { json, all } } => {
            let listing = accounts::list(&app, accounts::AccountsListInput { include_inactive: all }).await?;
            if json {
                output::json(&listing);
            } else {
                output::accounts_table(&listing);
            }
        }
        Command::Contracts { command: None, .. } | Command::Blueprint | Command::Bench { .. } | Command::Integrations | Command::Connect { .. } | Command::Disconnect { .. } => {
            unreachable!("handled before opening the app")
        }
    }
    Ok(())
}

/// `pfo connect powens`: gathers the secrets without echoing them and hands everything to the core.
async fn connect_powens(
    data_dir: &std::path::Path,
    environment: &str,
    base_url: &str,
    region: Option<String>,
    polling_interval_ms: Option<u64>,
    secrets_from_stdin: bool,
) -> pfo_core::Result<()> {
    use pfo_core::secrets::SecretString;
    let environment = match environment {
        "sandbox" => pfo_core::config::Environment::Sandbox,
        "production" => pfo_core::config::Environment::Production,
        other => {
            return Err(pfo_core::Error::InvalidInput { field: "environment".into(), reason: format!("`{other}` is neither sandbox nor production") })
        }
    };
    let (client_id, client_secret) = if secrets_from_stdin {
        let mut lines = std::io::stdin().lines();
        let mut next = |field: &str| {
            lines
                .next()
                .and_then(|line| line.ok())
                .map(|line| SecretString::from(line.trim().to_string()))
                .ok_or_else(|| pfo_core::Error::InvalidInput { field: field.into(), reason: "missing from standard input".into() })
        };
        (next("clientId")?, next("clientSecret")?)
    } else {
        let from_env = |name: &str, field: &str| {
            std::env::var(name).map(SecretString::from).map_err(|_| pfo_core::Error::InvalidInput {
                field: field.into(),
                reason: format!("set {name}, or pass --secrets-from-stdin"),
            })
        };
        (from_env("PFO_POWENS_CLIENT_ID", "clientId")?, from_env("PFO_POWENS_CLIENT_SECRET", "clientSecret")?)
    };
    let request = pfo_core::connect::ConnectRequest {
        environment,
        base_url: base_url.to_string(),
        region,
        polling_interval_ms,
        client_id,
        client_secret,
    };
    let connected = pfo_core::connect::connect_powens(data_dir, request).await?;
    println!(
        "Powens connected at {base_url}: {} bank connections. The credentials are in the OS keyring; `pfo sync` now reads your banks.",
        connected.bank_connections
    );
    Ok(())
}
