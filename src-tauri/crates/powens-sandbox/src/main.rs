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
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let args = Args::parse();
    let sandbox = powens_sandbox::start(powens_sandbox::SandboxConfig { port: args.port, seed: args.seed }).await?;
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
