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
    /// The sandbox clock at start, `YYYY-MM-DDTHH:MM:SS` (default: the machine's clock).
    #[arg(long, value_parser = parse_now)]
    now: Option<chrono::NaiveDateTime>,
    /// Client id to accept (default: drawn from the seed).
    #[arg(long, requires = "client_secret")]
    client_id: Option<String>,
    /// Client secret to accept (default: drawn from the seed).
    #[arg(long, requires = "client_id")]
    client_secret: Option<String>,
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
    };
    let sandbox = powens_sandbox::start(config).await?;
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
