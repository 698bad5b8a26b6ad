//! Storage faults on a real filesystem the test mounts (tests run as root here and in CI): the disk filling up in
//! the middle of a first sync, and the data folder turning read-only. Each gives a clear error that says what to
//! do, deletes nothing, leaves the previous data readable, and once the fault is gone the next sync reaches the
//! sandbox's exact truth.

use pfo_core::domain::RunStatus;
use pfo_core::workflow::{self, progress::NoProgress};
use pfo_core::{App, AppOptions};
use pfo_tests::{configure_live, files_under, store_of};
use powens_sandbox::{start, LedgerConfig, SandboxConfig};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;

/// A tmpfs mounted for the test's lifetime (on a temporary directory, removed after the unmount).
struct Mounted(PathBuf, #[allow(dead_code)] tempfile::TempDir);

impl Mounted {
    fn new(size: &str) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let mounted = Command::new("mount").args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"]).arg(dir.path()).status().expect("run mount");
        assert!(mounted.success(), "mounting a small tmpfs failed: the storage-fault tests need root (scripts/test and CI run as root)");
        Self(dir.path().to_path_buf(), dir)
    }

    fn remount(&self, options: &str) {
        let status = Command::new("mount").args(["-o", &format!("remount,{options}")]).arg(&self.0).status().unwrap();
        assert!(status.success(), "remount {options} failed");
    }

    fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for Mounted {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.0).status();
    }
}

/// A sandbox household and a live profile pointed at it, its data folder on a tmpfs of `size`.
async fn live_profile_on_tmpfs(seed: u64, transactions: u64, size: &str) -> (powens_sandbox::RunningSandbox, Mounted, PathBuf) {
    let years = if transactions > 10_000 { 6 } else { 1 };
    let sandbox = start(SandboxConfig { seed, ledger: LedgerConfig { transactions, years }, ..SandboxConfig::default() }).await.unwrap();
    let disk = Mounted::new(size);
    let data = disk.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    configure_live(&data, &sandbox);
    (sandbox, disk, data)
}

fn code_of(outcome: &Result<workflow::RefreshOutcome, workflow::FailedRefresh>) -> String {
    match outcome {
        Ok(outcome) => outcome.runs.iter().find(|r| r.status != RunStatus::Succeeded).and_then(|r| r.error_code).map(|c| c.to_string()).unwrap_or_default(),
        Err(failed) => failed.code.to_string(),
    }
}

fn message_of(outcome: &Result<workflow::RefreshOutcome, workflow::FailedRefresh>) -> String {
    match outcome {
        Ok(outcome) => outcome.runs.iter().find(|r| r.status != RunStatus::Succeeded).and_then(|r| r.error_message.clone()).unwrap_or_default(),
        Err(failed) => failed.message.clone(),
    }
}

#[tokio::test]
async fn a_full_disk_stops_the_sync_cleanly_and_the_next_sync_reaches_the_truth() {
    let (sandbox, disk, data) = live_profile_on_tmpfs(21, 60_000, "4m").await;

    let app = App::open(AppOptions::new(&data)).await.unwrap();
    let outcome = workflow::refresh(&app, Arc::new(NoProgress)).await;
    assert_eq!(code_of(&outcome), "store.disk_full", "{}", message_of(&outcome));
    let message = message_of(&outcome);
    assert!(message.contains("disk holding the database is full") && message.contains("free some space"), "{message}");

    // What was stored stays readable and sound.
    let stored = store_of(&app).call(|conn| pfo_core::store::transactions::count(conn)).await.unwrap();
    assert!(stored < sandbox.transactions().len() as u64, "the sync stopped part-way ({stored})");
    assert_eq!(store_of(&app).integrity_check().await.unwrap(), Ok(()), "the file passes integrity_check");
    drop(app);
    assert!(files_under(&data).iter().any(|f| f.ends_with("pfo.db")), "nothing was deleted");

    // Space is back: the app opens (repairing the deferred indexes) and the next sync reaches the truth.
    disk.remount("size=400m");
    let app = App::open(AppOptions::new(&data)).await.unwrap();
    let outcome = workflow::refresh(&app, Arc::new(NoProgress)).await.unwrap();
    assert_eq!(outcome.status, RunStatus::Succeeded, "{:?}", outcome.runs.last().and_then(|r| r.error_message.clone()));
    let truth = sandbox.transactions().len() as u64;
    assert_eq!(store_of(&app).call(|conn| pfo_core::store::transactions::count(conn)).await.unwrap(), truth);
    let found = pfo_core::contracts::transactions::list(
        &app,
        pfo_core::contracts::transactions::TransactionsListInput { text: Some("salaire".into()), include_totals: true, ..Default::default() },
    )
    .await
    .unwrap();
    let expected = sandbox.transactions().iter().filter(|t| t.wording.to_lowercase().contains("salaire") && !t.deleted).count() as u64;
    let counted: u64 = found.totals.unwrap().iter().map(|t| t.count).sum();
    assert_eq!(counted, expected, "the full-text index was rebuilt whole");
}

#[tokio::test]
async fn a_read_only_data_folder_is_explained_and_nothing_changes() {
    let (_sandbox, disk, data) = live_profile_on_tmpfs(22, 2_000, "64m").await;
    let app = App::open(AppOptions::new(&data)).await.unwrap();
    assert_eq!(workflow::refresh(&app, Arc::new(NoProgress)).await.unwrap().status, RunStatus::Succeeded);
    let stored = store_of(&app).call(|conn| pfo_core::store::transactions::count(conn)).await.unwrap();
    drop(app);
    let snapshot = |dir: &Path| -> Vec<(PathBuf, Vec<u8>)> { files_under(dir).into_iter().map(|f| (f.clone(), std::fs::read(&f).unwrap())).collect() };
    let before = snapshot(&data);

    disk.remount("ro");
    let error = App::open(AppOptions::new(&data)).await.expect_err("a read-only folder cannot be written");
    assert_eq!(error.code(), "store.read_only", "{error}");
    assert!(error.to_string().contains("read-only") && error.to_string().contains("writable"), "{error}");
    assert_eq!(snapshot(&data), before, "no file changed, none deleted");

    disk.remount("rw");
    let app = App::open(AppOptions::new(&data)).await.unwrap();
    assert_eq!(store_of(&app).call(|conn| pfo_core::store::transactions::count(conn)).await.unwrap(), stored, "the data is all there");
}
