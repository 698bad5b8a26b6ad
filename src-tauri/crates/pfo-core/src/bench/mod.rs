//! The benchmark harness behind `pfo bench`. It starts a sandbox in-process with a large household history and
//! measures the real client, provider and encrypted store against it, and answers one Markdown table. It lives in the
//! core because its floors (the bare insert, the full scan) are measured on the store itself. Every figure is paired with a
//! baseline measured in the same run on the same machine, because absolute times drift on shared machines.

use crate::contracts::transactions::{self as txn_contract, TransactionSort, TransactionsListInput};
use crate::secrets::{SecretStore, SecretString};
use crate::store::{transactions, with_tx, Store};
use crate::workflow;
use crate::{App, AppOptions};
use std::fmt::Write;
use std::time::{Duration, Instant};

mod views;

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

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

/// Runs the benchmark, telling `progress` what it is doing, and answers the table.
pub async fn run(options: BenchOptions, progress: &dyn Fn(&str)) -> crate::Result<String> {
    let mut table = String::new();
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
    let initial = workflow::refresh(&app, std::sync::Arc::new(workflow::progress::NoProgress))
        .await
        .map_err(crate::Error::from)?;
    let initial_time = started.elapsed();
    let initial_served = sandbox.serving_time() - served_before;
    let sync_peak = memory_mib("VmHWM");
    let stored = app.store().call(|conn| transactions::count(conn)).await?;
    assert_eq!(stored, truth, "the benchmark's sync must reach the sandbox's truth");
    let _ = initial;

    progress("no-change refresh…");
    let calls_before = sandbox.request_count();
    let served_before = sandbox.serving_time();
    let started = Instant::now();
    let no_change = workflow::refresh(&app, std::sync::Arc::new(workflow::progress::NoProgress)).await.map_err(crate::Error::from)?;
    let no_change_time = started.elapsed();
    let per_workflow = |outcome: &workflow::RefreshOutcome| -> String {
        outcome.runs.iter().map(|r| format!("{} {} ms", r.workflow.trim_start_matches("pfo.workflow."), r.duration_ms.unwrap_or_default())).collect::<Vec<_>>().join(", ")
    };
    let no_change_served = sandbox.serving_time() - served_before;
    let no_change_calls = sandbox.request_count() - calls_before;

    progress("incremental refresh after a week…");
    sandbox.advance(Duration::from_secs(7 * 86_400));
    let calls_before = sandbox.request_count();
    let served_before = sandbox.serving_time();
    let started = Instant::now();
    let week = workflow::refresh(&app, std::sync::Arc::new(workflow::progress::NoProgress)).await.map_err(crate::Error::from)?;
    let week_time = started.elapsed();
    let week_served = sandbox.serving_time() - served_before;
    let week_calls = sandbox.request_count() - calls_before;
    let week_changes = week.runs.get(1).map(|r| r.inserted + r.updated).unwrap_or_default();

    // After the refreshes: the baseline writes a second large file, and its write-back would otherwise land on
    // the refreshes' commits.
    progress("baseline: bare insert of the same rows…");
    let baseline_time = bare_insert_baseline(app.store(), work.path()).await?;

    progress("queries…");
    let some_account = app.store().call(|conn| crate::store::accounts::list(conn, false)).await?.into_iter().next().map(|a| a.id).ok_or_else(|| crate::Error::Task("the benchmark household has no account".into()))?;
    let queries: Vec<(&str, TransactionsListInput)> = vec![
        ("newest 100, all accounts", TransactionsListInput::default()),
        ("newest 100 of one account", TransactionsListInput { account_ids: vec![some_account.clone()], ..Default::default() }),
        ("one year, oldest first", TransactionsListInput { date_from: chrono::NaiveDate::from_ymd_opt(2025, 1, 1), date_to: chrono::NaiveDate::from_ymd_opt(2025, 12, 31), sort: TransactionSort::DateAsc, ..Default::default() }),
        ("largest outflows", TransactionsListInput { sort: TransactionSort::AmountAsc, ..Default::default() }),
        ("amount range", TransactionsListInput { amount_min: Some("-100".into()), amount_max: Some("-50".into()), ..Default::default() }),
        ("full-text 'carrefour'", TransactionsListInput { text: Some("carrefour".into()), ..Default::default() }),
        ("full-text + one account", TransactionsListInput { text: Some("netflix".into()), account_ids: vec![some_account.clone()], ..Default::default() }),
        ("category 'food'", TransactionsListInput { category: Some("food".into()), ..Default::default() }),
    ];
    let mut query_rows = Vec::new();
    for (name, input) in queries {
        let mut times = Vec::with_capacity(options.query_runs as usize);
        for _ in 0..options.query_runs {
            let started = Instant::now();
            txn_contract::list(&app, TransactionsListInput { limit: Some(100), ..input.clone() }).await?;
            times.push(started.elapsed());
        }
        times.sort();
        query_rows.push((name, percentile(&times, 0.5), percentile(&times, 0.99)));
    }

    progress("overview generation…");
    let full_scan = median_of(OVERVIEW_RUNS, || async {
        app.store().call(|conn| transactions::scan_booked(conn)).await.map(drop)
    })
    .await?;
    let mut overview_rows = Vec::new();
    for period in ["all", "last-12-months"] {
        let time = median_of(OVERVIEW_RUNS, || async { crate::overview::compute_for(&app, Some(period), None, None, crate::store::overview::Scope::Document).await.map(|_| ()) }).await?;
        overview_rows.push((period, time));
    }

    progress("per-owner views…");
    let view_rows = views::measure(&app).await?;

    let rate = truth as f64 / initial_time.as_secs_f64();
    let baseline_rate = truth as f64 / baseline_time.as_secs_f64();
    let _ = writeln!(table, "\n| measure | value | baseline (same run) | ratio | target |");
    let _ = writeln!(table, "|---|---|---|---|---|");
    let accounts = sandbox.household().accounts.len();
    let _ = writeln!(table, "| sandbox start ({accounts} accounts, {truth} visible transactions) | {} | — | — | seconds |", ms(sandbox_start));
    let _ = writeln!(
        table,
        "| initial sync of {truth} transactions | {:.1} s, {:.0} tx/s | bare insert {:.1} s, {:.0} tx/s | {:.2}× | ≤ 2.5×, ≥ 100,000 tx/s |",
        initial_time.as_secs_f64(), rate, baseline_time.as_secs_f64(), baseline_rate, initial_time.as_secs_f64() / baseline_time.as_secs_f64()
    );
    let _ = writeln!(
        table,
        "| time the in-process sandbox spent serving the sync (Powens' side, overlapping the app's writes) | {:.1} s | — | — | — |",
        initial_served.as_secs_f64()
    );
    let _ = writeln!(
        table,
        "| peak memory during the sync | {:.0} MiB, of which {:.0} MiB is the in-process sandbox (resident before the sync) | — | — | < 250 MB |",
        sync_peak.unwrap_or(f64::NAN),
        sandbox_rss.unwrap_or(f64::NAN)
    );
    let _ = writeln!(
        table,
        "| no-change refresh | {} calls, {} (local work {}, sandbox {}; {}) | — | — | ≤ 3 calls/connection, < 100 ms local |",
        no_change_calls, ms(no_change_time), ms(no_change_time.saturating_sub(no_change_served)), ms(no_change_served), per_workflow(&no_change)
    );
    let _ = writeln!(
        table,
        "| refresh after a week ({week_changes} changes) | {week_calls} calls, {} (local work {}, sandbox {}; {}) | — | — | — |",
        ms(week_time), ms(week_time.saturating_sub(week_served)), ms(week_served), per_workflow(&week)
    );
    for (name, p50, p99) in query_rows {
        let _ = writeln!(table, "| query: {name} (100 rows, {} runs) | p50 {} / p99 {} | — | — | p99 < 15 ms |", options.query_runs, ms(p50), ms(p99));
    }
    for (period, time) in overview_rows {
        let _ = writeln!(
        table,
            "| overview `{period}` (median of {OVERVIEW_RUNS}) | {} | one scan of every booked row {} | {:.2}× | < 300 ms |",
            ms(time), ms(full_scan), time.as_secs_f64() / full_scan.as_secs_f64()
        );
    }
    view_rows.write(&mut table);
    secrets.delete(&profile.powens_client_id_entry())?;
    secrets.delete(&profile.powens_client_secret_entry())?;
    Ok(table)
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

/// The floor: the same canonical rows, read back from the synced store, inserted into a fresh database with the
/// same encrypted schema by one prepared statement in one transaction, the full-text index built once at the end
/// and the write-ahead log checkpointed, as the first sync does. What the sync adds on top is the network, the JSON, the mapping and the paging.
async fn bare_insert_baseline(source: &Store, work: &std::path::Path) -> crate::Result<Duration> {
    let target_path = work.join("baseline.db");
    let target = Store::open(&target_path, &crate::secrets::random_key_hex()?)?;
    let records = source.call(|conn| transactions::export(conn)).await?;
    let accounts = source.call(|conn| crate::store::accounts::list(conn, true)).await?;
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
            transactions::repair_fts(conn)?;
            crate::store::checkpoint(conn)
        })
        .await?;
    Ok(started.elapsed())
}
