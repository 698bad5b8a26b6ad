//! `pfo`: the headless interface to Pocket Family Office. Every subcommand calls the same core operations as the
//! desktop app, on the same profile, so scripts, cron jobs and benchmarks see exactly what the window shows.
//!
//! Longer than most modules, on purpose: every subcommand's clap definition sits beside the few lines that run it,
//! so `--help` and behaviour are read together. Nothing here decides anything: each arm calls a `pfo_core::ops`
//! handler (or a workflow) and prints what it answers (`output.rs`).

// First, so that `out!`/`outln!` are in scope in the modules after it.
#[macro_use]
mod stdout;
mod backup;
mod bench;
mod household;
mod wealth;
mod output;
mod passphrase;

use clap::{Parser, Subcommand};
use pfo_core::contracts::{accounts, balances, transactions};
use pfo_core::ops;
use pfo_core::workflow::{self, progress::Progress, progress::ProgressSink};
use pfo_core::{App, AppOptions, Mode};
use chrono::NaiveDate;
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
    /// The household's owners (people and entities).
    Owners {
        #[command(subcommand)]
        command: household::OwnersCommand,
    },
    /// Who owns each account and entity, from which day, and the banks' proposals.
    Ownership {
        #[command(subcommand)]
        command: household::OwnershipCommand,
    },
    /// Net worth of the household or of one owner (`--view o2`), account by account, with look-through shares.
    NetWorth(household::NetWorthArgs),
    /// The positions of the investment accounts and their value history.
    Investments {
        #[command(subcommand)]
        command: wealth::InvestmentsCommand,
    },
    /// The balance sheet: net worth by asset class and currency exposure, and the holdings rolled up by ISIN.
    Wealth {
        #[command(flatten)]
        view: household::ViewArgs,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// The loans: capital due, interest and insurance still to pay, the coming payments (`--schedule`: every period).
    Loans {
        /// Every period of each schedule, not only the coming ones.
        #[arg(long)]
        schedule: bool,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Latest balances and the consolidated history per currency (with `--view`, the owner's part).
    Balances {
        #[command(flatten)]
        view: household::ViewArgs,
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
    /// The integration specs (category, ownership modes, capabilities, config and secret fields), with this data
    /// directory's configured values and, for each secret, only whether the OS keyring holds it.
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
    /// Receive Powens webhooks relayed to this machine (see the README: Powens cannot reach loopback by itself).
    Webhooks {
        #[command(subcommand)]
        command: WebhooksCommand,
    },
    /// The alerts standing now (a consent ending, a connection needing you, stale data, each with the action that
    /// fixes it; a large movement, a low balance, a balance its transactions do not explain). Exits 2 when one needs
    /// someone, so cron can mail it.
    Alerts {
        /// Print JSON.
        #[arg(long)]
        json: bool,
        /// Print the alert centre's history (every alert raised, newest first, and when it cleared) instead.
        #[arg(long)]
        history: bool,
    },
    /// Work with bank connections.
    Connections {
        #[command(subcommand)]
        command: ConnectionsCommand,
    },
    /// The financial overview: generate one, list and show the kept ones, export the advisor report.
    Overview {
        #[command(subcommand)]
        command: OverviewCommand,
    },
    /// Exchange rates for consolidation, entered by the household (the app never fetches them).
    Rates {
        #[command(subcommand)]
        command: RatesCommand,
    },
    /// Show the base currency consolidated figures are reported in, or set it (e.g. `pfo base-currency CHF`).
    BaseCurrency {
        /// The new base currency (ISO 4217 code).
        code: Option<String>,
    },
    /// Back up the profile to one passphrase-protected file, or restore one (see `pfo backup --help`).
    Backup {
        #[command(subcommand)]
        command: backup::BackupCommand,
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
        /// Accounts in the household (the demo's thirteen plus everyday current accounts).
        #[arg(long, default_value_t = 40)]
        accounts: usize,
        /// Whole runs, each in its own process on a fresh sandbox and store; the table gives each figure's median,
        /// minimum and maximum, each ratio taken inside its run.
        #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u16).range(1..=50))]
        repeat: u16,
        /// Print one run's figures as JSON instead of the table (how `--repeat` hears from each run).
        #[arg(long, hide = true)]
        figures_json: bool,
    },
}

#[derive(Debug, Subcommand)]
enum ConnectCommand {
    /// Connect Powens: the settings as flags; the client id and secret from `PFO_POWENS_CLIENT_ID` and
    /// `PFO_POWENS_CLIENT_SECRET` and the optional API key and webhook secret from `PFO_POWENS_API_KEY` and
    /// `PFO_POWENS_WEBHOOK_SECRET`, or all four from standard input (one per line, the last two may be empty or
    /// left out) with --secrets-from-stdin. The credentials are checked against the Powens API before anything is
    /// saved, go to the OS keyring only, and are never printed. An optional secret not given is removed.
    Powens {
        /// `sandbox` or `production`.
        #[arg(long)]
        environment: String,
        /// API root of your Powens domain, e.g. https://acme.biapi.pro/2.0.
        #[arg(long)]
        base_url: String,
        /// Powens region (`eu`): checks that the base URL is one of the region's API hosts.
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
enum WebhooksCommand {
    /// Listen on 127.0.0.1 for signed deliveries (one URL per event: /webhooks/powens/EVENT), verify each with the
    /// household's webhook secret and run the matching workflow, until Ctrl+C.
    Serve {
        /// Port on 127.0.0.1.
        #[arg(long, default_value_t = pfo_core::webhook_receiver::DEFAULT_PORT)]
        port: u16,
    },
}

#[derive(Debug, Subcommand)]
enum DisconnectCommand {
    /// Disconnect Powens.
    Powens,
}

#[derive(Debug, Subcommand)]
enum ConnectionsCommand {
    /// Ask Powens to sync one bank connection now (the user is present; the bank may ask for SCA), to renew its
    /// consent, or to resume it after an approval in the banking app.
    Sync {
        /// The connection id, as `pfo accounts list --json` shows it.
        id: String,
        /// Renew the consent now, before it ends (the bank then asks for a strong authentication).
        #[arg(long, conflicts_with = "resume")]
        renew: bool,
        /// Resume a connection waiting for an approval in the banking app, once it is given.
        #[arg(long)]
        resume: bool,
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

/// The filters `transactions list` and `transactions export` share.
#[derive(Debug, clap::Args)]
struct TransactionFilters {
    /// Only this account (canonical id, e.g. powens:1001); repeatable.
    #[arg(long = "account")]
    accounts: Vec<String>,
    /// Earliest booking date (YYYY-MM-DD).
    #[arg(long, value_parser = pfo_core::domain::read_day)]
    from: Option<NaiveDate>,
    /// Latest booking date (YYYY-MM-DD).
    #[arg(long, value_parser = pfo_core::domain::read_day)]
    to: Option<NaiveDate>,
    /// Words to find in labels.
    #[arg(long)]
    search: Option<String>,
    /// Category or parent category code.
    #[arg(long)]
    category: Option<String>,
    #[command(flatten)]
    view: household::ViewArgs,
}

impl TransactionFilters {
    /// The list contract's input for these filters; an account id that is not `provider:id` is refused here.
    fn input(self) -> pfo_core::Result<transactions::TransactionsListInput> {
        let account_ids = self.accounts.iter().map(|id| pfo_core::domain::AccountId::parse("--account", id)).collect::<pfo_core::Result<_>>()?;
        Ok(transactions::TransactionsListInput {
            account_ids,
            date_from: self.from,
            date_to: self.to,
            text: self.search,
            category: self.category,
            view: self.view.view,
            basis: self.view.basis,
            ..Default::default()
        })
    }
}

#[derive(Debug, Subcommand)]
enum TransactionsCommand {
    /// Export every transaction of a filter as CSV (all pages), to a file or standard output.
    Export {
        #[command(flatten)]
        filters: TransactionFilters,
        /// Write to this file (refused if it exists) instead of standard output.
        #[arg(long)]
        output: Option<PathBuf>,
    },
    /// List stored transactions, newest first.
    List {
        #[command(flatten)]
        filters: TransactionFilters,
        /// Rows to print.
        #[arg(long, default_value_t = 50)]
        limit: u32,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
enum OverviewCommand {
    /// Generate the overview of a period (run as the overview workflow, filed in knowledge.financial-overview) and
    /// print it.
    Generate {
        /// 2026, 2026-03, 2026-01..2026-06, 2026-01-15..2026-02-14, last-12-months (default), ytd or all.
        #[arg(long)]
        period: Option<String>,
        /// Language: en or fr.
        #[arg(long, default_value = "en")]
        locale: String,
        #[command(flatten)]
        view: household::ViewArgs,
        /// Print the document as JSON instead of Markdown.
        #[arg(long)]
        json: bool,
    },
    /// List the overviews the knowledge space keeps (180 days), newest first.
    List {
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Print a kept overview (the latest by default).
    Show {
        /// Its revision, from `pfo overview list`.
        #[arg(long)]
        revision: Option<u32>,
        /// Print the document as JSON instead of Markdown.
        #[arg(long)]
        json: bool,
    },
    /// Export the advisor report: self-contained, redacted, charts embedded. Generates the period's overview first
    /// when `--period` is given; otherwise exports a kept one.
    Export {
        /// Generate this period's overview and export it.
        #[arg(long, conflicts_with = "revision")]
        period: Option<String>,
        /// With `--period`: generate it in this view (a kept revision keeps the view it was made in).
        #[command(flatten)]
        view: household::ViewArgs,
        /// Export this kept revision (the latest by default).
        #[arg(long)]
        revision: Option<u32>,
        /// md or html.
        #[arg(long, default_value = "md")]
        format: String,
        /// Language: en or fr.
        #[arg(long, default_value = "en")]
        locale: String,
        /// Write to this file (refused if it exists) instead of standard output.
        #[arg(long)]
        output: Option<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
enum RatesCommand {
    /// Record a rate: 1 CURRENCY = RATE in the base currency, taken on a day.
    Set {
        /// Currency converted from, e.g. USD.
        currency: String,
        /// Exact decimal, e.g. 0.92.
        rate: String,
        /// Day the rate was taken (YYYY-MM-DD); today by default.
        #[arg(long, value_parser = pfo_core::domain::read_day)]
        on: Option<NaiveDate>,
    },
    /// Every recorded rate.
    List {
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Forget a rate.
    Delete {
        /// Currency converted from.
        currency: String,
        /// Day the rate was taken (YYYY-MM-DD).
        #[arg(long, value_parser = pfo_core::domain::read_day)]
        on: NaiveDate,
    },
}

#[derive(Debug, Subcommand)]
enum AccountsCommand {
    /// List stored accounts; IBANs and account numbers are always masked. With `--view`, only the owner's, each
    /// with its part.
    List {
        #[command(flatten)]
        view: household::ViewArgs,
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
        Ok(status) => status,
        Err(error) => {
            if error.is_internal() {
                tracing::info!(code = %error.code(), "internal failure: {error}");
            }
            eprintln!("error [{}]: {}", error.code(), error.user_message());
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

async fn run(cli: Cli) -> pfo_core::Result<ExitCode> {
    match &cli.command {
        Command::Contracts { json, command: None } => {
            output::contracts(&ops::registry(), *json);
            return Ok(ExitCode::SUCCESS);
        }
        Command::Connect { provider: ConnectCommand::Powens { environment, base_url, region, polling_interval_ms, secrets_from_stdin } } => {
            let data_dir = cli.data_dir.clone().unwrap_or_else(pfo_core::default_data_dir);
            passphrase::unlock(&data_dir)?;
            return connect_powens(&data_dir, environment, base_url, region.clone(), *polling_interval_ms, *secrets_from_stdin).await.map(|()| ExitCode::SUCCESS);
        }
        Command::Disconnect { provider: DisconnectCommand::Powens } => {
            let data_dir = cli.data_dir.clone().unwrap_or_else(pfo_core::default_data_dir);
            passphrase::unlock(&data_dir)?;
            pfo_core::connect::disconnect_powens(&data_dir).await?;
            outln!("Powens disconnected: the token is revoked and the credentials are gone from the keyring. Your data stays.");
            return Ok(ExitCode::SUCCESS);
        }
        Command::Bench { transactions, years, query_runs, accounts, repeat, figures_json } => {
            let options = pfo_core::bench::BenchOptions { transactions: *transactions, years: *years, query_runs: *query_runs, accounts: *accounts };
            let runs = match *repeat {
                1 => vec![pfo_core::bench::run(options, &|step| eprintln!("{step}")).await?],
                runs => bench::repeated(&options, runs)?,
            };
            match figures_json {
                true => out!("{}", serde_json::to_string(&runs[0]).map_err(|e| pfo_core::Error::Task(format!("writing the figures: {e}")))?),
                false => out!("{}", pfo_core::bench::table(&runs)),
            }
            return Ok(ExitCode::SUCCESS);
        }
        Command::Backup { .. } => {
            let data_dir = cli.data_dir.clone().unwrap_or_else(pfo_core::default_data_dir);
            passphrase::unlock(&data_dir)?;
            let Command::Backup { command } = cli.command else { unreachable!("matched above") };
            return backup::run(&data_dir, command).await.map(|()| ExitCode::SUCCESS);
        }
        Command::Blueprint => {
            output::json(&serde_json::json!({
                "blueprint": pfo_core::blueprint::POCKET_FAMILY_OFFICE_BLUEPRINT,
                "integrations": [pfo_core::blueprint::POWENS_SPEC],
            }));
            return Ok(ExitCode::SUCCESS);
        }
        _ => {}
    }
    let data_dir = cli.data_dir.unwrap_or_else(pfo_core::default_data_dir);
    passphrase::unlock(&data_dir)?;
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
                .map_err(pfo_core::Error::from)?;
            if json {
                output::json(&outcome);
            } else {
                output::refresh_summary(&outcome);
            }
            if outcome.status != pfo_core::domain::RunStatus::Succeeded {
                // A refresh goes on past a workflow whose capability is disabled: report the first that did not succeed.
                let failed = outcome.runs.iter().find(|r| r.status != pfo_core::domain::RunStatus::Succeeded);
                return Ok(output::run_failed(failed.expect("a refresh that did not succeed has such a run")));
            }
        }
        Command::Transactions { command: TransactionsCommand::List { filters, limit, json } } => {
            let input = transactions::TransactionsListInput { limit: Some(limit), include_totals: true, ..filters.input()? };
            let page = transactions::list(&app, input).await?;
            if json {
                output::json(&page);
            } else {
                output::transactions_table(&page);
            }
        }
        Command::Transactions { command: TransactionsCommand::Export { filters, output: file } } => {
            let filter = filters.input()?;
            match file {
                Some(file) => {
                    let input = ops::files::TransactionsExportInput { filter, output: Some(file.display().to_string()) };
                    let saved = ops::files::export_transactions_csv(&app, input).await?;
                    eprintln!("{} transactions written to {}", saved.rows, saved.path);
                }
                None => out!("{}", pfo_core::export::transactions_csv(&app, filter).await?.0),
            }
        }
        Command::Balances { view, json } => {
            let view = balances::get(&app, balances::BalancesGetInput { view: view.view, basis: view.basis, ..Default::default() }).await?;
            if json {
                output::json(&view);
            } else {
                output::balances_table(&view);
            }
        }
        Command::Runs { limit, json } => {
            let recent = ops::history::runs(&app, ops::history::RunsListInput { limit: Some(limit) }).await?;
            if json {
                output::json(&recent);
            } else {
                output::runs_table(&recent);
            }
        }
        Command::Telemetry { command: TelemetryCommand::Tail { limit } } => {
            for event in ops::history::telemetry(&app, ops::history::TelemetryTailInput { limit: Some(limit) }).await? {
                outln!("{event}");
            }
        }
        Command::Alerts { json, history: true } => {
            let occurrences = pfo_core::ops::alerts::history(&app, pfo_core::ops::alerts::AlertHistoryInput { limit: None }).await?;
            if json {
                output::json(&occurrences);
            } else if occurrences.is_empty() {
                outln!("No alert was ever raised.");
            }
            for occurrence in occurrences.iter().filter(|_| !json) {
                let cleared = occurrence.cleared_at.map_or_else(|| "standing".to_string(), |at| format!("cleared {}", at.to_rfc3339()));
                outln!("{} {:<22} {:<28} {}", occurrence.raised_at.to_rfc3339(), occurrence.kind.as_str(), cleared, occurrence.message);
            }
        }
        Command::Alerts { json, history: false } => {
            let found = pfo_core::ops::alerts::list(&app, pfo_core::ops::NoInput {}).await?;
            if json {
                output::json(&found);
            } else if found.alerts.is_empty() {
                outln!("No alert: every connection is healthy and up to date, and no money alert stands.");
            } else {
                for alert in &found.alerts {
                    let mark = if alert.needs_action { "ACTION" } else { "info" };
                    outln!("{mark:<6} {:<22} {:<12} {}", alert.kind.as_str(), alert.action.map_or("—", |a| a.as_str()), alert.message);
                }
            }
            if found.needs_action {
                return Ok(ExitCode::from(2));
            }
        }
        Command::Connections { command: ConnectionsCommand::Sync { id, renew, resume } } => {
            use pfo_core::domain::{ConnectionHealth, ConnectionRequest};
            let request = if renew { ConnectionRequest::Renew } else if resume { ConnectionRequest::Resume } else { ConnectionRequest::Sync };
            let input = pfo_core::contracts::connections::ConnectionSyncInput { connection_id: id, request: Some(request) };
            let (run, synced) = workflow::sync_connection(&app, input).await?;
            let Some(out) = synced else { return Ok(output::run_failed(&run)) };
            let connection = &out.connection;
            outln!("{}: {} asked of Powens; state: {}", connection.institution, request.as_str(), connection.state.as_deref().unwrap_or("ok"));
            match &connection.health {
                ConnectionHealth::Ok => {}
                ConnectionHealth::NeedsUser { action, .. } => outln!("Next: {action} (the webview steps are in the app's Connections view)."),
                ConnectionHealth::Transient { reason } => outln!("{reason}"),
                ConnectionHealth::Unknown { state } => outln!("The connection is in a state this version does not know ({state}); check it at your bank or with Powens."),
            }
        }
        Command::Integrations => output::json(&[integration_status(&app)?]),
        Command::Webhooks { command: WebhooksCommand::Serve { port } } => {
            use pfo_core::webhook_receiver::{WebhookReceiver, EVENTS};
            let receiver = WebhookReceiver::start(app.clone(), port, Arc::new(PrintProgress)).await?;
            println!("Listening on http://{} for Powens webhooks (Ctrl+C stops). Relay each event to its URL:", receiver.address());
            for event in EVENTS {
                println!("  {}", receiver.url_for(event));
            }
            let _ = tokio::signal::ctrl_c().await;
            receiver.stop().await;
            eprintln!("Webhook receiver stopped.");
        }
        Command::Contracts { command: Some(ContractsCommand::Call { name, input }), .. } => {
            let input: serde_json::Value = serde_json::from_str(&input)
                .map_err(|e| pfo_core::Error::InvalidInput { field: "input".into(), reason: format!("is not JSON: {e}") })?;
            let answer = ops::call(&app, &name, input).await?;
            output::json(&answer.to_json());
            if let ops::CallAnswer::Run { run, .. } = &answer {
                if run.status != pfo_core::domain::RunStatus::Succeeded {
                    // A command ran as a workflow that did not succeed: a script must see it in the exit status.
                    return Ok(output::run_failed(run));
                }
            }
        }
        Command::Accounts { command: AccountsCommand::List { view, json, all } } => {
            let viewed = view.view.is_some();
            let listing = accounts::list(&app, accounts::AccountsListInput { include_inactive: all, view: view.view, basis: view.basis }).await?;
            if json {
                output::json(&listing);
            } else {
                output::accounts_table(&listing, viewed);
            }
        }
        Command::Overview { command } => overview(&app, command).await?,
        Command::Owners { command } => household::owners(&app, command).await?,
        Command::Ownership { command } => household::ownership(&app, command).await?,
        Command::NetWorth(args) => household::net_worth(&app, args).await?,
        Command::Investments { command } => wealth::investments(&app, command).await?,
        Command::Wealth { view, json } => wealth::wealth(&app, view, json).await?,
        Command::Loans { schedule, json } => wealth::loans(&app, schedule, json).await?,
        Command::Rates { command } => rates(&app, command).await?,
        Command::BaseCurrency { code } => {
            let base = match code {
                Some(code) => ops::consolidation::set_base_currency(&app, ops::consolidation::BaseCurrencyInput { code }).await?,
                None => ops::consolidation::base_currency(&app, ops::NoInput {}).await?,
            };
            outln!("{base}");
        }
        Command::Contracts { command: None, .. }
        | Command::Blueprint
        | Command::Bench { .. }
        | Command::Connect { .. }
        | Command::Disconnect { .. }
        | Command::Backup { .. } => {
            unreachable!("handled before opening the app")
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The `openbanking.powens` spec as `pfo blueprint` prints it, each config field with its `value` and each secret
/// field with `stored` (whether the keyring holds it: never the value).
fn integration_status(app: &App) -> pfo_core::Result<serde_json::Value> {
    let settings = app.integration_settings()?;
    let mut spec = serde_json::to_value(pfo_core::blueprint::POWENS_SPEC).expect("the spec serializes");
    for (key, views, state) in [("configFields", &settings.config_fields, "value"), ("secretFields", &settings.secret_fields, "stored")] {
        for field in spec[key].as_array_mut().expect("fields are a list") {
            let view = views.iter().find(|v| field["name"] == v.name.as_str()).expect("the settings list every spec field");
            field[state] = if state == "value" { serde_json::json!(view.value) } else { serde_json::json!(view.stored.unwrap_or(false)) };
        }
    }
    spec["enabledCapabilities"] = serde_json::json!(settings.enabled_capabilities);
    spec["mode"] = serde_json::json!(settings.mode);
    Ok(spec)
}

async fn overview(app: &App, command: OverviewCommand) -> pfo_core::Result<()> {
    use pfo_core::overview::{self, charts::Locale, render};
    match command {
        OverviewCommand::Generate { period, locale, view, json } => {
            let locale_parsed = Locale::parse(&locale)?;
            let generated = generate_overview(app, period, locale, view).await?;
            if json {
                output::json(&generated.document);
            } else {
                out!("{}", render::markdown(&generated.document, locale_parsed));
                eprintln!("Filed as revision {} of knowledge.financial-overview (kept until {}).", generated.summary.revision, generated.summary.expires_at);
            }
        }
        OverviewCommand::List { json } => {
            let kept = ops::overview::list(app, ops::NoInput {}).await?;
            if json {
                output::json(&kept);
            } else {
                output::overview_table(&kept);
            }
        }
        OverviewCommand::Show { revision, json } => {
            let stored = ops::overview::get(app, ops::overview::OverviewGetInput { revision }).await?.ok_or_else(|| overview::missing(revision))?;
            if json {
                output::json(&stored.document);
            } else {
                out!("{}", render::markdown(&stored.document, Locale::En));
            }
        }
        OverviewCommand::Export { period, view, revision, format, locale, output: file } => {
            if view.view.is_some() && period.is_none() {
                return Err(pfo_core::Error::InvalidInput {
                    field: "--view".into(),
                    reason: "a kept overview keeps the view it was generated in; give --period to generate one in this view".into(),
                });
            }
            let (format_parsed, locale_parsed) = (render::Format::parse(&format)?, Locale::parse(&locale)?);
            if let Some(file) = file.as_ref().filter(|f| f.exists()) {
                // Before generating anything: nothing is filed for an export that cannot be written.
                return Err(pfo_core::Error::FileExists { path: file.clone() });
            }
            let revision = match period {
                Some(period) => Some(generate_overview(app, Some(period), locale.clone(), view).await?.summary.revision),
                None => revision,
            };
            match file {
                Some(file) => {
                    let input = ops::overview::OverviewExportInput { revision, format: Some(format), locale: Some(locale), output: Some(file.display().to_string()) };
                    let saved = ops::overview::export(app, input).await?;
                    eprintln!("Report written to {}", saved.path);
                }
                None => out!("{}", overview::report_of(app, revision, format_parsed, locale_parsed).await?),
            }
        }
    }
    Ok(())
}

/// Runs the overview workflow and returns what it filed, or the run's error.
async fn generate_overview(app: &App, period: Option<String>, locale: String, view: household::ViewArgs) -> pfo_core::Result<pfo_core::overview::GenerateOverviewOutput> {
    let input = pfo_core::overview::GenerateOverviewInput { period, locale: Some(locale), view: view.view, basis: view.basis };
    ops::workflows::generate_overview(app, input).await
}

async fn rates(app: &App, command: RatesCommand) -> pfo_core::Result<()> {
    use ops::consolidation::{self as fx, RateDeleteInput, RateSetInput};
    match command {
        RatesCommand::Set { currency, rate, on } => {
            let saved = fx::set_rate(app, RateSetInput { currency, rate, as_of: on }).await?;
            outln!("1 {} = {} {} on {}", saved.currency, saved.rate, saved.base, saved.as_of);
        }
        RatesCommand::List { json } => {
            let rates = fx::rates(app, ops::NoInput {}).await?;
            if json {
                output::json(&rates);
            } else {
                for rate in rates {
                    outln!("{}  1 {} = {} {}", rate.as_of, rate.currency, rate.rate, rate.base);
                }
            }
        }
        RatesCommand::Delete { currency, on } => {
            let removed = fx::delete_rate(app, RateDeleteInput { currency, as_of: on }).await?;
            outln!("{}", if removed { "Rate removed." } else { "No such rate." });
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
    let environment = pfo_core::config::Environment::parse(environment)?;
    let optional = |value: Option<String>| value.filter(|v| !v.trim().is_empty()).map(|v| SecretString::from(v.trim().to_string()));
    let (client_id, client_secret, api_key, webhook_secret) = if secrets_from_stdin {
        let mut lines = std::io::stdin().lines().map_while(|line| line.ok());
        let mut next = |field: &str| {
            lines
                .next()
                .map(|line| SecretString::from(line.trim().to_string()))
                .ok_or_else(|| pfo_core::Error::InvalidInput { field: field.into(), reason: "missing from standard input".into() })
        };
        let (client_id, client_secret) = (next("clientId")?, next("clientSecret")?);
        let mut rest = lines.map(Some).chain(std::iter::repeat(None));
        (client_id, client_secret, optional(rest.next().flatten()), optional(rest.next().flatten()))
    } else {
        let from_env = |name: &str, field: &str| {
            std::env::var(name).map(SecretString::from).map_err(|_| pfo_core::Error::InvalidInput {
                field: field.into(),
                reason: format!("set {name}, or pass --secrets-from-stdin"),
            })
        };
        (
            from_env("PFO_POWENS_CLIENT_ID", "clientId")?,
            from_env("PFO_POWENS_CLIENT_SECRET", "clientSecret")?,
            optional(std::env::var("PFO_POWENS_API_KEY").ok()),
            optional(std::env::var("PFO_POWENS_WEBHOOK_SECRET").ok()),
        )
    };
    let request = pfo_core::connect::ConnectRequest {
        environment,
        base_url: base_url.to_string(),
        region,
        polling_interval_ms,
        client_id,
        client_secret,
        api_key,
        webhook_secret,
    };
    let connected = pfo_core::connect::connect_powens(data_dir, request).await?;
    outln!(
        "Powens connected at {}: {} bank connections. The credentials are in the OS keyring; `pfo sync` now reads your banks.",
        connected.base_url, connected.bank_connections
    );
    Ok(())
}
