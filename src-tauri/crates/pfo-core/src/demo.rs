//! Demo mode: with no Powens connection configured, the app syncs a seeded household from an in-process
//! `powens-sandbox` on loopback, through the same client, provider and store as real data.

use crate::domain::{Currency, OwnerId, OwnerRole, Right, Share, Timestamp};
use crate::error::{Error, Result};
use crate::household::lookthrough::Holding;
use crate::store::owners::OwnerFields;
use crate::provider::factory::{build_powens_provider, PowensSettings, TokenSlot};
use crate::provider::PowensOpenBankingProvider;
use powens_sandbox::{family, RunningSandbox, SandboxConfig, DEMO_SEED};
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

/// Marks a demo profile whose family was seeded, so that it is seeded once even if the user removes every owner.
const FAMILY_SEEDED_KEY: &str = "demo_family_seeded";

/// The demo family as owners (first names for people, as the app asks), o1 to o5 in this order, each with its
/// colour: the principal, the spouse, their child, the holding and the SCI.
const FAMILY: [(&str, OwnerRole, &str); 5] = [
    ("Camille", OwnerRole::Principal, "#2f6fb0"),
    ("Dominique", OwnerRole::Spouse, "#c0603a"),
    ("Léa", OwnerRole::Child, "#3f8f5a"),
    (family::HOLDING, OwnerRole::Holding, "#8a5bb0"),
    (family::SCI, OwnerRole::Sci, "#b08a2f"),
];

/// Who owns the entities: the holding 60/40 between the spouses, the SCI half the holding's and a quarter each
/// spouse's. (The accounts' owners are not seeded: the banks propose them on the first sync and the household
/// confirms, as it would with real banks.)
fn entity_shares() -> [(Holding, Vec<Share>); 2] {
    let share = |row: i64, percent: i64| Share { owner: OwnerId::from_row(row), right: Right::Full, percent: percent.into() };
    [
        (Holding::Entity(OwnerId::from_row(4)), vec![share(1, 60), share(2, 40)]),
        (Holding::Entity(OwnerId::from_row(5)), vec![share(4, 50), share(1, 25), share(2, 25)]),
    ]
}

/// Seeds the demo family into a demo profile that has never had it and has no owner yet, in one transaction.
pub fn seed_family(connection: &mut rusqlite::Connection, now: Timestamp) -> Result<()> {
    use crate::store::{owners, ownership, rates};
    if rates::setting(connection, FAMILY_SEEDED_KEY)?.is_some() || !owners::list(connection)?.is_empty() {
        return Ok(());
    }
    let base = Currency::parse("baseCurrency", &rates::base_currency(connection)?)?;
    crate::store::with_tx(connection, |tx| {
        for (name, role, colour) in FAMILY {
            owners::insert(tx, &OwnerFields { name: name.into(), role, base_currency: base.clone(), colour: colour.into() }, now)?;
        }
        for (holding, shares) in entity_shares() {
            crate::domain::check_shares(&shares)?;
            ownership::record(tx, &holding, None, &shares, now)?;
        }
        rates::set_setting(tx, FAMILY_SEEDED_KEY, &now.to_rfc3339())
    })
}
