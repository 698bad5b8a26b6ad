//! The household's structure end to end against the sandbox over loopback: the banks' account ownerships arrive as
//! proposals on the accounts sync, the household confirms them, records the entities' shares, and every owner's
//! view equals a computation made here, independently, from the sandbox's own balances. Owners' names stay out of
//! runs and telemetry.

use pfo_core::domain::{AccountId, OwnerId, OwnerRole, Right, Share};
use pfo_core::household::lookthrough::Holding;
use pfo_core::household::{PartyRole, ProposalStatus};
use pfo_core::ops::consolidation::{set_rate, RateSetInput};
use pfo_core::ops::household::{
    accept_proposal, add_owner, dismiss_proposal, household_view, ownership_overview, set_ownership, HouseholdViewInput, OwnerAddInput, OwnershipSetInput,
    ProposalInput,
};
use pfo_core::ops::NoInput;
use pfo_core::{App, AppOptions};
use pfo_tests::{configure_live, data_dir};
use powens_sandbox::faults::{Fault, FaultKind};
use powens_sandbox::{family, start, LedgerConfig, RunningSandbox, SandboxConfig};
use rust_decimal::Decimal;
use std::collections::BTreeMap;

async fn live_app(seed: u64) -> (RunningSandbox, App, tempfile::TempDir) {
    let config = SandboxConfig { seed, ledger: LedgerConfig { transactions: 600, years: 1 }, ..SandboxConfig::default() };
    let sandbox = start(config).await.unwrap();
    let dir = data_dir();
    configure_live(dir.path(), &sandbox);
    let app = App::open(AppOptions::new(dir.path())).await.unwrap();
    (sandbox, app, dir)
}

async fn sync_accounts(app: &App) {
    let answer = pfo_core::ops::call(app, "openbanking.accounts.sync", serde_json::json!({})).await.unwrap();
    assert!(answer.to_json().to_string().contains("succeeded"), "{}", answer.to_json());
}

fn account(id: u32) -> AccountId {
    AccountId::new("powens", &id.to_string())
}

fn dec(text: &str) -> Decimal {
    text.parse().unwrap()
}

async fn generate(app: &App, view: Option<OwnerId>) -> pfo_core::overview::document::OverviewDocument {
    let input = pfo_core::overview::GenerateOverviewInput { period: Some("last-12-months".into()), view, ..Default::default() };
    let (run, generated) = pfo_core::workflow::generate_overview(app, input).await.unwrap();
    assert_eq!(run.status, pfo_core::domain::RunStatus::Succeeded, "{:?}", run.error_message);
    generated.unwrap().document
}

async fn add(app: &App, name: &str, role: OwnerRole) -> OwnerId {
    add_owner(app, OwnerAddInput { name: name.into(), role: Some(role), ..Default::default() }).await.unwrap().id
}

#[tokio::test]
async fn the_banks_holders_are_proposed_confirmed_and_every_view_equals_an_independent_computation() {
    let (sandbox, app, dir) = live_app(61).await;
    sync_accounts(&app).await;

    // What the banks say, before the household has any owner: proposals, none applied.
    let overview = ownership_overview(&app, NoInput {}).await.unwrap();
    assert!(overview.sets.is_empty(), "nothing is applied silently");
    let proposal = |id: u32| overview.proposals.iter().find(|p| p.account_id == account(id)).unwrap_or_else(|| panic!("no proposal for {id}")).clone();
    let joint = proposal(1005);
    assert_eq!(joint.parties.iter().map(|p| p.role).collect::<Vec<_>>(), [PartyRole::Holder, PartyRole::CoHolder]);
    assert_eq!(joint.shares.iter().map(|s| s.percent).collect::<Vec<_>>(), [dec("50"), dec("50")], "co-holders in equal shares");
    let minor = proposal(1011);
    assert!(minor.parties.iter().any(|p| p.role == PartyRole::CustodianForMinor), "the parent is the child's custodian");
    assert_eq!(minor.shares.len(), 1, "the custodian owns nothing");
    assert_eq!(proposal(1012).usage.as_deref(), Some("ORGA"));
    assert!(overview.proposals.iter().all(|p| !p.complete && p.status == ProposalStatus::Pending), "no owner yet to match");

    // The household records its people and entities; the bank's full names match them.
    let camille = add(&app, "Camille", OwnerRole::Principal).await;
    let dominique = add(&app, "Dominique", OwnerRole::Spouse).await;
    let lea = add(&app, "Léa", OwnerRole::Child).await;
    let holding = add(&app, family::HOLDING, OwnerRole::Holding).await;
    let sci = add(&app, family::SCI, OwnerRole::Sci).await;
    let overview = ownership_overview(&app, NoInput {}).await.unwrap();
    let active: Vec<AccountId> = overview.proposals.iter().map(|p| p.account_id.clone()).collect();
    assert!(overview.proposals.iter().all(|p| p.complete), "every holder matches an owner");
    for id in &active {
        accept_proposal(&app, ProposalInput { account_id: Some(id.clone()) }).await.unwrap();
    }
    let share = |owner: &OwnerId, percent: &str| Share { owner: owner.clone(), right: Right::Full, percent: dec(percent) };
    set_ownership(&app, OwnershipSetInput { holding: Some(Holding::Entity(holding.clone())), shares: vec![share(&camille, "60"), share(&dominique, "40")], from: None }).await.unwrap();
    set_ownership(&app, OwnershipSetInput { holding: Some(Holding::Entity(sci.clone())), shares: vec![share(&holding, "50"), share(&camille, "25"), share(&dominique, "25")], from: None }).await.unwrap();
    for (currency, rate) in [("USD", "0.9"), ("CHF", "1.05")] {
        set_rate(&app, RateSetInput { currency: currency.into(), rate: rate.into(), as_of: None }).await.unwrap();
    }

    // The independent computation, from the sandbox's own accounts: who holds what, by hand.
    let rate = |currency: &str| match currency {
        "EUR" => Decimal::ONE,
        "USD" => dec("0.9"),
        "CHF" => dec("1.05"),
        other => panic!("unexpected currency {other}"),
    };
    let mut expected: BTreeMap<OwnerId, Decimal> = BTreeMap::new();
    let mut household = Decimal::ZERO;
    let stored = pfo_core::contracts::accounts::list(&app, Default::default()).await.unwrap().accounts;
    assert_eq!(stored.len(), sandbox.household().accounts.iter().filter(|a| a.disabled.is_none()).count());
    for stored in &stored {
        let value = stored.balance.unwrap() * rate(stored.currency.as_str());
        household += value;
        let parts: Vec<(&OwnerId, &str)> = match stored.id.external().parse::<u32>().unwrap() {
            1005 => vec![(&camille, "0.5"), (&dominique, "0.5")],
            1011 => vec![(&lea, "1")],
            // The holding's account: 60 / 40.
            1012 => vec![(&camille, "0.6"), (&dominique, "0.4"), (&holding, "1")],
            // The SCI's: 50 % through the holding (so 30 % and 20 %) plus 25 % each directly; the holding itself 50 %.
            1013 => vec![(&camille, "0.55"), (&dominique, "0.45"), (&holding, "0.5"), (&sci, "1")],
            _ => vec![(&camille, "1")],
        };
        for (owner, part) in parts {
            *expected.entry(owner.clone()).or_default() += value * dec(part);
        }
    }
    for owner in [&camille, &dominique, &lea, &holding, &sci] {
        let view = household_view(&app, HouseholdViewInput { view: Some(owner.clone()), ..Default::default() }).await.unwrap();
        assert_eq!(view.net_worth, expected.get(owner).copied(), "{owner}");
        assert!(view.unconverted.is_empty());
        assert_eq!(view.to_assign, 0);
    }
    let all = household_view(&app, HouseholdViewInput::default()).await.unwrap();
    assert_eq!(all.net_worth, Some(household), "the household holds every account whole");
    let people: Decimal = [&camille, &dominique, &lea].iter().map(|o| expected[*o]).sum();
    assert_eq!(people, household, "the people hold the whole household between them, exactly");

    // The overview of each view says the same to the cent, and the household's lists every owner's, direct plus
    // through each entity.
    let cents = |value: Decimal| -> pfo_core::overview::document::Money {
        let rounded = value.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointNearestEven);
        serde_json::from_value(serde_json::Value::String(format!("{rounded:.2}"))).unwrap()
    };
    let household_document = generate(&app, None).await;
    assert_eq!(household_document.net_worth.base.net, cents(household));
    for owner in [&camille, &dominique, &lea, &holding, &sci] {
        let document = generate(&app, Some(owner.clone())).await;
        assert_eq!(document.view.owner.as_ref(), Some(owner));
        assert_eq!(document.net_worth.base.net, cents(expected[owner]), "the overview of {owner}'s view");
        let row = household_document.by_owner.iter().find(|r| &r.owner == owner).unwrap();
        assert_eq!(row.net_worth, cents(expected[owner]), "{owner} in the household's net worth by owner");
    }
    let camille_row = household_document.by_owner.iter().find(|r| r.owner == camille).unwrap();
    let through: Vec<&OwnerId> = camille_row.through.iter().map(|t| &t.entity).collect();
    assert_eq!(through, [&holding, &sci], "the principal holds through the holding and the SCI");
    let direct_and_through: Decimal = std::iter::once(&camille_row.direct).chain(camille_row.through.iter().map(|t| &t.amount)).map(|m| m.to_string().parse::<Decimal>().unwrap()).sum();
    assert!((direct_and_through - expected[&camille]).abs() <= dec("0.03"), "direct plus through is the whole, to the rounding of each part");

    // No owner's name, nor any party's, in the run history or the telemetry the sync wrote.
    let runs = serde_json::to_string(&pfo_core::ops::history::runs(&app, Default::default()).await.unwrap()).unwrap();
    let telemetry = std::fs::read_to_string(app.profile_dir().join("telemetry.jsonl")).unwrap_or_default();
    for name in [family::PRINCIPAL, family::SPOUSE, family::CHILD, family::HOLDING, family::SCI, "Camille", "Dominique", "Léa"] {
        assert!(!runs.contains(name) && !telemetry.contains(name), "{name} leaked");
    }
    drop(dir);
}

#[tokio::test]
async fn a_dismissed_proposal_stays_dismissed_and_a_bank_without_the_feature_fails_nothing() {
    let (sandbox, app, _dir) = live_app(62).await;
    sync_accounts(&app).await;
    dismiss_proposal(&app, ProposalInput { account_id: Some(account(1005)) }).await.unwrap();
    // Powens answers 404 where the feature is not activated on the domain: the accounts sync still succeeds, and
    // what the banks said before is kept.
    sandbox.inject(Fault::always(FaultKind::Status { status: 404 }).on_path("/account_ownerships"));
    sync_accounts(&app).await;
    sandbox.clear_faults();
    sync_accounts(&app).await;
    let overview = ownership_overview(&app, NoInput {}).await.unwrap();
    let status = |id: u32| overview.proposals.iter().find(|p| p.account_id == account(id)).unwrap().status;
    assert_eq!(status(1005), ProposalStatus::Dismissed, "the same parties do not bring it back");
    assert_eq!(status(1001), ProposalStatus::Pending);
    let error = accept_proposal(&app, ProposalInput { account_id: Some(account(1001)) }).await.unwrap_err();
    assert!(error.to_string().contains("match no owner"), "{error}");
    assert!(!error.to_string().contains(family::PRINCIPAL), "errors name no one: {error}");
}
