//! Crash safety: the real `pfo` process, syncing a large history from a real `powens-sandbox` process, is killed
//! (SIGKILL) at 50 random points in a row. After every kill the store opens, passes `PRAGMA integrity_check`, holds
//! only whole pages, and a final sync reaches exactly the sandbox's truth.

use pfo_core::{App, AppOptions};
use pfo_tests::{configure_live_at, data_dir, workspace_binary, store_of};
use std::io::BufRead;
use std::process::{Command, Stdio};
use std::time::Duration;

const SEED: u64 = 77;
const TRANSACTIONS: u64 = 40_000;
const NOW: &str = "2026-11-25T08:00:00";
const KILLS: u32 = 50;

#[tokio::test]
async fn killing_pfo_mid_sync_never_leaves_a_partial_page_and_the_next_sync_reaches_the_truth() {
    let mut sandbox = Command::new(workspace_binary("powens-sandbox"))
        .args(["--seed", &SEED.to_string(), "--transactions", &TRANSACTIONS.to_string(), "--years", "5", "--now", NOW])
        .stdout(Stdio::piped())
        .spawn()
        .expect("start powens-sandbox");
    let mut first_line = String::new();
    std::io::BufReader::new(sandbox.stdout.take().unwrap()).read_line(&mut first_line).unwrap();
    let started: serde_json::Value = serde_json::from_str(&first_line).expect("the sandbox prints one JSON line");
    let base_url = started["base_url"].as_str().unwrap();
    // The truth: the same sandbox, rebuilt in-process from the same seed and clock.
    let truth = powens_sandbox::start(powens_sandbox::SandboxConfig {
        seed: SEED,
        ledger: powens_sandbox::LedgerConfig { transactions: TRANSACTIONS, years: 5 },
        anchor: Some(chrono::NaiveDateTime::parse_from_str(NOW, "%Y-%m-%dT%H:%M:%S").unwrap()),
        ..Default::default()
    })
    .await
    .unwrap();
    let truth_count = truth.transactions().len() as u64;
    assert_ne!(truth_count % 1000, 0, "the history ends on a partial page, so a complete store is told apart from whole pages");

    let dir = data_dir();
    configure_live_at(dir.path(), base_url, started["client_id"].as_str().unwrap(), started["client_secret"].as_str().unwrap());
    // A fixed pseudo-random schedule of kill points, from very early to near the end of a full sync.
    let mut state = 0x2545_F491_4F6C_DD1Du64;
    let mut killed_mid_sync = 0;
    // Once the first load is complete (a stopped listing resumes where it stopped, so it completes within a few
    // rounds), each round re-reads the whole history (`full`), so that kills keep landing in the middle of writes.
    let mut complete = false;
    for round in 0..KILLS {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let delay = Duration::from_millis(50 + state % 2_500);
        let sync: &[&str] =
            if complete { &["contracts", "call", "openbanking.transactions.sync", "--input", "{\"full\": true}"] } else { &["sync"] };
        let mut pfo = Command::new(workspace_binary("pfo"))
            .args(["--data-dir"])
            .arg(dir.path())
            .args(sync)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start pfo");
        std::thread::sleep(delay);
        if pfo.try_wait().unwrap().is_none() {
            killed_mid_sync += 1;
        }
        pfo.kill().ok(); // SIGKILL
        pfo.wait().unwrap();

        let app = App::open(AppOptions::new(dir.path())).await.unwrap_or_else(|e| panic!("round {round}: the store does not open: {e}"));
        assert_eq!(store_of(&app).integrity_check().await.unwrap(), Ok(()), "round {round}");
        // The full-text index matches its table (rebuilt on open if a first sync was cut short).
        store_of(&app)
            .call(|conn| {
                conn.execute_batch("INSERT INTO transactions_fts (transactions_fts, rank) VALUES ('integrity-check', 1);")
                    .map_err(|e| pfo_core::Error::Storage { operation: "checking the full-text index", source: e })
            })
            .await
            .unwrap_or_else(|e| panic!("round {round}: {e}"));
        let stored = store_of(&app).call(|conn| pfo_core::store::transactions::count(conn)).await.unwrap();
        // Whole pages of 1,000 while the first load is unfinished; exactly the truth once it has completed.
        assert!(stored % 1000 == 0 || stored == truth_count, "round {round}: {stored} rows is neither whole pages nor the {truth_count} of the truth");
        complete = stored == truth_count;
    }
    assert!(killed_mid_sync >= KILLS / 2, "most kills must land during a sync ({killed_mid_sync} did)");

    let finish = Command::new(workspace_binary("pfo")).arg("--data-dir").arg(dir.path()).arg("sync").output().unwrap();
    assert!(finish.status.success(), "{}", String::from_utf8_lossy(&finish.stderr));
    sandbox.kill().ok();
    sandbox.wait().ok();

    let app = App::open(AppOptions::new(dir.path())).await.unwrap();
    let stored = store_of(&app).call(|conn| pfo_core::store::transactions::count(conn)).await.unwrap();
    assert_eq!(stored, truth_count, "exactly the sandbox's transactions, no duplicates");
    let runs = store_of(&app).call(|conn| pfo_core::store::runs::recent(conn, 100)).await.unwrap();
    assert!(runs.iter().any(|r| r.error_code.map(|c| c.as_str()) == Some("run.interrupted")), "killed runs are recorded as interrupted");
}
