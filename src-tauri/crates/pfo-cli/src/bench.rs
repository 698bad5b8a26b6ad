//! `pfo bench --repeat N`: N whole runs, each in its own process (this same binary with `--figures-json`), so that
//! no run inherits another's heap, page cache warm-up or peak memory; their figures come back as JSON on stdout and
//! are summarised by the core's table. Each child's progress goes straight to this process's stderr.

use pfo_core::bench::{BenchOptions, Figure};
use std::process::{Command, Stdio};

/// Runs the benchmark `runs` times in child processes and answers each run's figures.
pub fn repeated(options: &BenchOptions, runs: u16) -> pfo_core::Result<Vec<Vec<Figure>>> {
    let me = std::env::current_exe().map_err(|e| pfo_core::Error::Task(format!("finding this program to run the benchmark again: {e}")))?;
    (1..=runs)
        .map(|run| {
            eprintln!("run {run} of {runs}");
            let output = Command::new(&me)
                .args(["bench", "--figures-json", "--repeat", "1"])
                .args(["--transactions", &options.transactions.to_string(), "--years", &options.years.to_string()])
                .args(["--query-runs", &options.query_runs.to_string(), "--accounts", &options.accounts.to_string()])
                .stderr(Stdio::inherit())
                .output()
                .map_err(|e| pfo_core::Error::Task(format!("starting benchmark run {run}: {e}")))?;
            if !output.status.success() {
                return Err(pfo_core::Error::Task(format!("benchmark run {run} failed ({}); its messages are above", output.status)));
            }
            let figures: Vec<Figure> =
                serde_json::from_slice(&output.stdout).map_err(|e| pfo_core::Error::Task(format!("reading the figures of benchmark run {run}: {e}")))?;
            // Each run's own table as it ends: a long series interrupted later still leaves its figures.
            eprintln!("{}", pfo_core::bench::table(std::slice::from_ref(&figures)));
            Ok(figures)
        })
        .collect()
}
