//! The benchmark harness behind `pfo bench`. It starts a sandbox in-process with a large household history and
//! measures the real client, provider and encrypted store against it, and answers one Markdown table. It lives in the
//! core because its floors (the bare insert, the full scan) are measured on the store itself. Every figure is paired with a
//! baseline measured in the same run on the same machine, because absolute times drift on shared machines.

use crate::contracts::transactions::{self as txn_contract, TransactionSort, TransactionsListInput};
use crate::secrets::{SecretStore, SecretString};
use crate::store::{transactions, with_tx, Store};
use crate::workflow;
use crate::{App, AppOptions};
use std::time::{Duration, Instant};

mod figures;
mod investments;
mod views;

pub use figures::{table, Figure, Spread, Unit};

/// Options of a benchmark run.
#[derive(Debug, Clone)]
pub struct BenchOptions {
    /// Transactions in the sandbox's household.
    pub transactions: u64,
    /// Years of history.
    pub years: u32,
    /// Runs per query for the percentiles.
    pub query_runs: u32,
    /// Accounts in the household (the seeded ones plus everyday current accounts).
    pub accounts: usize,
}

/// Accounts of the seeded household before extra ones are added.
const SEEDED_ACCOUNTS: usize = powens_sandbox::household::SEEDED_ACCOUNTS;

/// A memory figure of this process from `/proc/self/status` (`VmHWM`: the peak so far; `VmRSS`: now), in MiB.
fn memory_mib(field: &str) -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.strip_prefix(field).is_some_and(|rest| rest.starts_with(':')))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

/// Runs the benchmark once, telling `progress` what it is doing, and answers its figures. Repeated runs are
/// separate processes (`pfo bench --repeat`), so that no run inherits another's memory or caches; [`table`]
/// summarises them.
pub async fn run(options: BenchOptions, progress: &dyn Fn(&str)) -> crate::Result<Vec<Figure>> {
    run_once(&options, progress).await
}

/// One run, on its own sandbox and a fresh store.
async fn run_once(options: &BenchOptions, progress: &dyn Fn(&str)) -> crate::Result<Vec<Figure>> {
    let mut figures = Vec::new();
    let work = tempfile::tempdir().map_err(|source| crate::Error::Io { action: "create", path: std::env::temp_dir(), source })?;
    progress(&format!("starting a sandbox with {} accounts and {} transactions over {} years…", options.accounts.max(SEEDED_ACCOUNTS), options.transactions, options.years));
    let generated = Instant::now();
    let sandbox = powens_sandbox::start(powens_sandbox::SandboxConfig {
        seed: 2026,
        ledger: powens_sandbox::LedgerConfig { transactions: options.transactions, years: options.years },
        extra_accounts: options.accounts.saturating_sub(SEEDED_ACCOUNTS),
        ..Default::default()
    })
    .await
    .map_err(crate::Error::DemoSandbox)?;
    let sandbox_start = generated.elapsed();
    let sandbox_rss = memory_mib("VmRSS");
    let truth = sandbox.transactions().len() as u64;
    let accounts = sandbox.household().accounts.len();
    // Names stay the same from run to run (the visible count follows the sandbox's clock): counts are figures.
    figures.push(Figure::plain("accounts in the household", accounts as f64, Unit::Count, "40"));
    figures.push(Figure::plain("transactions visible at the sandbox", truth as f64, Unit::Count, "≈ 1,000,000"));
    figures.push(Figure::ms("sandbox start", sandbox_start, "seconds"));

    // A live profile pointed at the sandbox: the same path a household's real Powens takes.
    let data = work.path().join("data");
    std::fs::create_dir_all(&data).ok();
    std::fs::write(data.join("config.toml"), format!("[powens]\nenvironment = \"sandbox\"\nbaseUrl = \"{}\"\n", sandbox.base_url()))
        .map_err(|source| crate::Error::Io { action: "write", path: data.join("config.toml"), source })?;
    let profile = crate::profile::Profile::open(&data, crate::Mode::Live)?;
    let secrets = SecretStore::default();
    secrets.set(&profile.powens_client_id_entry(), &SecretString::from(sandbox.client_id()))?;
    secrets.set(&profile.powens_client_secret_entry(), &SecretString::from(sandbox.client_secret()))?;
    let app = App::open(AppOptions::new(&data)).await?;

    progress("initial sync…");
    let served_before = sandbox.serving_time();
    let started = Instant::now();
    workflow::refresh(&app, std::sync::Arc::new(workflow::progress::NoProgress)).await.map_err(crate::Error::from)?;
    let initial_time = started.elapsed();
    let initial_served = sandbox.serving_time() - served_before;
    let sync_peak = memory_mib("VmHWM");
    let stored = app.store().call(|conn| transactions::count(conn)).await?;
    assert_eq!(stored, truth, "the benchmark's sync must reach the sandbox's truth");

    progress("no-change refresh…");
    let (calls_before, served_before) = (sandbox.request_count(), sandbox.serving_time());
    let started = Instant::now();
    workflow::refresh(&app, std::sync::Arc::new(workflow::progress::NoProgress)).await.map_err(crate::Error::from)?;
    let no_change_time = started.elapsed();
    let no_change_served = sandbox.serving_time() - served_before;
    let no_change_calls = sandbox.request_count() - calls_before;

    progress("incremental refresh after a week…");
    sandbox.advance(Duration::from_secs(7 * 86_400));
    let (calls_before, served_before) = (sandbox.request_count(), sandbox.serving_time());
    let started = Instant::now();
    let week = workflow::refresh(&app, std::sync::Arc::new(workflow::progress::NoProgress)).await.map_err(crate::Error::from)?;
    let week_time = started.elapsed();
    let week_served = sandbox.serving_time() - served_before;
    let week_calls = sandbox.request_count() - calls_before;
    let week_changes = week.runs.get(1).map(|r| r.inserted + r.updated).unwrap_or_default();

    // After the refreshes: the baselines write large files, and their write-back would otherwise land on the
    // refreshes' commits.
    progress("baselines: bare insert of the same rows, with and without the secondary indexes…");
    let baseline_time = bare_insert(app.store(), work.path(), Schema::Whole).await?;
    let floor_time = bare_insert(app.store(), work.path(), Schema::PrimaryKeysOnly).await?;
    let connections = sandbox.household().connections.len();
    figures.extend([
        Figure {
            baseline: Some(("bare insert".into(), baseline_time.as_secs_f64())),
            ..Figure::plain("initial sync", initial_time.as_secs_f64(), Unit::S, "≤ 1.3× the bare insert")
        },
        Figure::plain("initial sync, rate", truth as f64 / initial_time.as_secs_f64(), Unit::PerSecond, "—"),
        Figure {
            baseline: Some(("without secondary or full-text indexes".into(), floor_time.as_secs_f64())),
            ..Figure::plain("bare insert of the same rows (the baseline above)", baseline_time.as_secs_f64(), Unit::S, "for the record")
        },
        Figure::plain("time the in-process sandbox spent serving the sync (overlapping the app's writes)", initial_served.as_secs_f64(), Unit::S, "—"),
        Figure::plain("peak memory during the sync, the in-process sandbox included", sync_peak.unwrap_or(f64::NAN), Unit::MiB, "< 200 MB"),
        Figure::plain("of which the in-process sandbox, resident before the sync", sandbox_rss.unwrap_or(f64::NAN), Unit::MiB, "—"),
        Figure::plain(format!("no-change refresh: Powens calls ({connections} connections)"), no_change_calls as f64, Unit::Count, "≤ 3 per connection"),
        Figure::ms("no-change refresh: local work", no_change_time.saturating_sub(no_change_served), "< 50 ms"),
        Figure::ms("no-change refresh: sandbox", no_change_served, "—"),
        Figure::plain("refresh after a week: changes", week_changes as f64, Unit::Count, "—"),
        Figure::plain("refresh after a week: Powens calls", week_calls as f64, Unit::Count, "—"),
        Figure::ms("refresh after a week: local work", week_time.saturating_sub(week_served), "—"),
    ]);

    progress("queries…");
    let some_account = app.store().call(|conn| crate::store::accounts::list(conn, false)).await?.into_iter().next().map(|a| a.id).ok_or_else(|| crate::Error::Task("the benchmark household has no account".into()))?;
    let queries: Vec<(&str, TransactionsListInput, &'static str)> = vec![
        ("newest 100, all accounts", TransactionsListInput::default(), "p99 < 15 ms"),
        ("newest 100 of one account", TransactionsListInput { account_ids: vec![some_account.clone()], ..Default::default() }, "p99 < 15 ms"),
        ("one year, oldest first", TransactionsListInput { date_from: chrono::NaiveDate::from_ymd_opt(2025, 1, 1), date_to: chrono::NaiveDate::from_ymd_opt(2025, 12, 31), sort: TransactionSort::DateAsc, ..Default::default() }, "p99 < 15 ms"),
        ("largest outflows", TransactionsListInput { sort: TransactionSort::AmountAsc, ..Default::default() }, "p99 < 15 ms"),
        ("amount range", TransactionsListInput { amount_min: Some("-100".into()), amount_max: Some("-50".into()), ..Default::default() }, "p99 < 15 ms"),
        ("full-text, frequent term 'carrefour'", TransactionsListInput { text: Some("carrefour".into()), ..Default::default() }, "p99 < 10 ms"),
        ("full-text, frequent term + one account", TransactionsListInput { text: Some("netflix".into()), account_ids: vec![some_account.clone()], ..Default::default() }, "p99 < 10 ms"),
        ("full-text, rare term 'anniversaire'", TransactionsListInput { text: Some("anniversaire".into()), ..Default::default() }, "p99 < 5 ms"),
        ("category 'food'", TransactionsListInput { category: Some("food".into()), ..Default::default() }, "p99 < 15 ms"),
    ];
    for (name, input, target) in queries {
        let mut times = Vec::with_capacity(options.query_runs as usize);
        for _ in 0..options.query_runs {
            let started = Instant::now();
            txn_contract::list(&app, TransactionsListInput { limit: Some(100), ..input.clone() }).await?;
            times.push(started.elapsed());
        }
        times.sort();
        figures.push(Figure::ms(format!("query: {name}, p50 ({} runs)", options.query_runs), percentile(&times, 0.5), "—"));
        figures.push(Figure::ms(format!("query: {name}, p99"), percentile(&times, 0.99), target));
    }

    progress("overview generation…");
    let full_scan = median_of(OVERVIEW_RUNS, || async { app.store().call(|conn| transactions::scan_booked(conn)).await.map(drop) }).await?;
    for period in ["all", "last-12-months"] {
        let time = median_of(OVERVIEW_RUNS, || async { crate::overview::compute_for(&app, Some(period), None, None, crate::store::overview::Scope::Document).await.map(|_| ()) }).await?;
        figures.push(Figure::ms_against(format!("overview `{period}` (median of {OVERVIEW_RUNS})"), time, "one scan of every booked row", full_scan, "< 300 ms"));
    }

    progress("per-owner views…");
    figures.extend(views::measure(&app).await?);
    progress("investments and the balance sheet…");
    figures.extend(investments::measure(&app, options.transactions).await?);
    secrets.delete(&profile.powens_client_id_entry())?;
    secrets.delete(&profile.powens_client_secret_entry())?;
    Ok(figures)
}

/// Runs per overview measurement.
const OVERVIEW_RUNS: usize = 5;

/// The median duration of `runs` runs of `f`.
async fn median_of<F, Fut>(runs: usize, f: F) -> crate::Result<Duration>
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = crate::Result<()>>,
{
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        let started = Instant::now();
        f().await?;
        times.push(started.elapsed());
    }
    times.sort();
    Ok(percentile(&times, 0.5))
}

/// Which schema a bare insert writes into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Schema {
    /// The store's own, every index kept: the baseline of the initial sync.
    Whole,
    /// Without the secondary indexes and the full-text index: what the machine writes at all, for the record.
    PrimaryKeysOnly,
}

/// The floors: the same canonical rows, read back from the synced store, inserted into a fresh database with the
/// same encrypted schema by one prepared statement in one transaction, the full-text index built once at the end
/// and the write-ahead log checkpointed, as the first sync does ([`Schema::Whole`]); or the same without any
/// secondary index and without the full-text index ([`Schema::PrimaryKeysOnly`]). What the sync adds on top of the
/// first is the network, the JSON, the mapping and the paging.
async fn bare_insert(source: &Store, work: &std::path::Path, schema: Schema) -> crate::Result<Duration> {
    let target_path = work.join(format!("baseline-{schema:?}.db"));
    let target = Store::open(&target_path, &crate::secrets::random_key_hex()?)?;
    let records = source.call(|conn| transactions::export(conn)).await?;
    let accounts = source.call(|conn| crate::store::accounts::list(conn, true)).await?;
    if schema == Schema::PrimaryKeysOnly {
        target.call(|conn| transactions::drop_secondary_indexes(conn)).await?;
    }
    let started = Instant::now();
    target
        .call(move |conn| {
            transactions::defer_fts(conn)?;
            with_tx(conn, |tx| {
                crate::store::accounts::replace_provider_accounts(tx, "powens", &accounts)?;
                let keys = crate::store::accounts::keys(tx, "powens")?;
                let rows: Vec<_> = records
                    .into_iter()
                    .map(|r| (keys[r.account_id.external()].row_id, r))
                    .collect();
                transactions::write_page(tx, &rows, transactions::WriteMode::Load)
            })?;
            if schema == Schema::Whole {
                transactions::repair_fts(conn)?;
            }
            crate::store::checkpoint(conn)
        })
        .await?;
    let time = started.elapsed();
    drop(target);
    let _ = std::fs::remove_file(&target_path);
    Ok(time)
}
