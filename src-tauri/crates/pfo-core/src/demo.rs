//! Demo mode: with no Powens connection configured, the app syncs a seeded household from an in-process
//! `powens-sandbox` on loopback, through the same client, provider and store as real data.

use crate::error::{Error, Result};
use crate::provider::factory::{build_powens_provider, PowensSettings, TokenSlot};
use crate::provider::PowensOpenBankingProvider;
use powens_sandbox::{RunningSandbox, SandboxConfig, DEMO_SEED};
use secrecy::SecretString;

/// A running demo backend: the sandbox (kept alive as long as this value) and a provider for its household.
#[derive(Debug)]
pub struct DemoBackend {
    /// The sandbox serving the demo household.
    pub sandbox: RunningSandbox,
    /// The provider reading it.
    pub provider: PowensOpenBankingProvider,
}

/// Starts the demo sandbox on a free loopback port, its clock set to `now`, and connects a provider to it.
pub async fn start(now: chrono::NaiveDateTime) -> Result<DemoBackend> {
    let config = SandboxConfig { seed: DEMO_SEED, anchor: Some(now), ..SandboxConfig::default() };
    let sandbox = powens_sandbox::start(config).await.map_err(Error::DemoSandbox)?;
    let settings = PowensSettings {
        base_url: sandbox.base_url().to_string(),
        client_id: sandbox.client_id().to_string(),
        client_secret: SecretString::from(sandbox.client_secret()),
        api_key: None,
    };
    // The sandbox's users live only as long as it runs, so the demo token is never persisted.
    let provider = build_powens_provider(&settings, &TokenSlot::Ephemeral).await?;
    Ok(DemoBackend { sandbox, provider })
}
