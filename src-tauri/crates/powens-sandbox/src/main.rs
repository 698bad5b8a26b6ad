//! `powens-sandbox --port N --seed S`: runs the Powens emulator until interrupted.
//!
//! On start-up it prints one JSON line with the base URL and the client credentials, so that a script or a test
//! harness can read where to connect without parsing prose.

use clap::Parser;

/// Runs a local Powens API emulator serving a seeded demo household.
#[derive(Debug, Parser)]
#[command(name = "powens-sandbox", version)]
struct Args {
    /// Loopback port to listen on (0 picks a free port).
    #[arg(long, default_value_t = 0)]
    port: u16,
    /// Seed of the generated household.
    #[arg(long, default_value_t = powens_sandbox::DEMO_SEED)]
    seed: u64,
    /// Transactions across the household.
    #[arg(long, default_value_t = powens_sandbox::LedgerConfig::default().transactions)]
    transactions: u64,
    /// Years of history.
    #[arg(long, default_value_t = powens_sandbox::LedgerConfig::default().years)]
    years: u32,
    /// Everyday current accounts added to the thirteen of the seeded household.
    #[arg(long, default_value_t = 0)]
    extra_accounts: usize,
    /// The sandbox clock at start, `YYYY-MM-DDTHH:MM:SS` (default: the machine's clock).
    #[arg(long, value_parser = parse_now)]
    now: Option<chrono::NaiveDateTime>,
    /// Limit API calls per minute, like Powens' sandbox tier (30).
    #[arg(long)]
    rate_limit: Option<u32>,
    /// Send amounts as JSON strings, as some live payloads do.
    #[arg(long)]
    amounts_as_strings: bool,
    /// A fault to switch on, as the JSON the control API takes, e.g. '{"kind":"status","status":503,"every":10}';
    /// repeatable.
    #[arg(long = "fault", value_parser = parse_fault)]
    faults: Vec<powens_sandbox::faults::Fault>,
    /// Client id to accept (default: drawn from the seed).
    #[arg(long, requires = "client_secret")]
    client_id: Option<String>,
    /// Client secret to accept (default: drawn from the seed).
    #[arg(long, requires = "client_id")]
    client_secret: Option<String>,
}

fn parse_fault(text: &str) -> Result<powens_sandbox::faults::Fault, String> {
    serde_json::from_str(text).map_err(|e| format!("not a fault: {e}"))
}

fn parse_now(text: &str) -> Result<chrono::NaiveDateTime, String> {
    chrono::NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S").map_err(|_| "expected YYYY-MM-DDTHH:MM:SS".to_string())
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let args = Args::parse();
    let config = powens_sandbox::SandboxConfig {
        port: args.port,
        seed: args.seed,
        ledger: powens_sandbox::LedgerConfig { transactions: args.transactions, years: args.years },
        anchor: args.now,
        client: args.client_id.zip(args.client_secret),
        extra_accounts: args.extra_accounts,
        rate_limit: None,
    };
    let sandbox = powens_sandbox::start(config).await?;
    sandbox.set_rate_limit(args.rate_limit.map(|n| (n, std::time::Duration::from_secs(60))));
    sandbox.amounts_as_strings(args.amounts_as_strings);
    for fault in args.faults {
        sandbox.inject(fault);
    }
    println!(
        "{}",
        serde_json::json!({
            "base_url": sandbox.base_url(),
            "client_id": sandbox.client_id(),
            "client_secret": sandbox.client_secret(),
            "seed": args.seed,
        })
    );
    tokio::signal::ctrl_c().await?;
    Ok(())
}
