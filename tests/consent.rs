//! Consent and freshness against the sandbox, as a household meets them: a healthy household raises no alert; a
//! consent ending in ten days asks to renew; a connection that needs strong authentication stops its data (nothing
//! new arrives while it is broken), is named with the one action that fixes it, and its data turns stale as the
//! days pass; once it is resolved, the gap arrives exactly once and the alerts clear.

use pfo_core::alerts::{AlertKind, ConnectionAction};
use pfo_core::domain::RunStatus;
use pfo_core::ops::alerts::AlertsOutput;
use pfo_core::workflow::{self, progress::NoProgress};
use pfo_core::{App, AppOptions};
use pfo_tests::{configure_live, data_dir, store_of, HandClock};
use powens_sandbox::{start, LedgerConfig, SandboxConfig};
use std::sync::Arc;
use std::time::Duration;

fn anchor() -> chrono::NaiveDateTime {
    chrono::NaiveDateTime::parse_from_str("2026-11-25 10:00:00", "%Y-%m-%d %H:%M:%S").unwrap()
}

async fn alerts(app: &App) -> AlertsOutput {
    pfo_core::ops::alerts::list(app, pfo_core::ops::NoInput {}).await.unwrap()
}

async fn refresh(app: &App) {
    let outcome = workflow::refresh(app, Arc::new(NoProgress)).await.unwrap();
    assert_eq!(outcome.status, RunStatus::Succeeded, "{:?}", outcome.runs);
}

async fn stored_transactions(app: &App) -> u64 {
    store_of(app).call(|conn| pfo_core::store::transactions::count(conn)).await.unwrap()
}

#[tokio::test]
async fn a_lapse_is_named_with_its_fix_stops_the_data_and_its_resolution_delivers_the_gap_once() {
    let sandbox = start(SandboxConfig { seed: 29, ledger: LedgerConfig { transactions: 1_200, years: 1 }, anchor: Some(anchor()), ..SandboxConfig::default() }).await.unwrap();
    let dir = data_dir();
    configure_live(dir.path(), &sandbox);
    let clock = Arc::new(HandClock::at(anchor().and_utc()));
    let app = App::open(AppOptions { clock: clock.clone(), ..AppOptions::new(dir.path()) }).await.unwrap();
    let advance = |days: i64| {
        sandbox.advance(Duration::from_secs(days as u64 * 86_400));
        clock.advance(chrono::Duration::days(days));
    };

    refresh(&app).await;
    let healthy = alerts(&app).await;
    assert!(healthy.alerts.is_empty() && !healthy.needs_action, "a healthy household: {:?}", healthy.alerts);

    // A consent ending in ten days: renew, before anything breaks.
    let connection = sandbox.household().connections[0].id;
    sandbox.set_access_expire(connection, Some(anchor() + chrono::Duration::days(10)));
    refresh(&app).await;
    let ending = alerts(&app).await;
    assert!(ending.needs_action);
    let renew = ending.alerts.iter().find(|a| a.kind == AlertKind::ConsentEnding).expect("the consent alert");
    assert_eq!((renew.action, renew.connection_id.as_str()), (ConnectionAction::Renew, connection.to_string().as_str()));
    assert!(renew.message.contains("in 10 days"), "{}", renew.message);

    // The bank asks for strong authentication: the data stops, the alert says Reconnect.
    sandbox.set_access_expire(connection, Some(anchor() + chrono::Duration::days(120)));
    sandbox.set_connection_state(connection, Some("SCARequired"), None);
    refresh(&app).await;
    let before = stored_transactions(&app).await;
    let broken = alerts(&app).await;
    let reconnect = broken.alerts.iter().find(|a| a.kind == AlertKind::ConnectionNeedsUser).expect("the connection alert");
    assert_eq!(reconnect.action, ConnectionAction::Reconnect);
    assert!(broken.needs_action && !broken.alerts.iter().any(|a| a.kind == AlertKind::ConsentEnding));

    advance(3);
    refresh(&app).await;
    let stale = alerts(&app).await;
    let old = stale.alerts.iter().find(|a| a.kind == AlertKind::DataStale).expect("three days later the data is stale");
    assert!(old.needs_action && old.action == ConnectionAction::Reconnect && old.message.contains("3 days old"), "{old:?}");
    let while_broken = stored_transactions(&app).await;

    // Resolved (the household reconnected): the three days come in once, and the alerts clear.
    sandbox.set_connection_state(connection, None, None);
    refresh(&app).await;
    let resolved = alerts(&app).await;
    assert!(resolved.alerts.is_empty(), "after the reconnection: {:?}", resolved.alerts);
    let after = stored_transactions(&app).await;
    assert_eq!(after, sandbox.transactions().len() as u64, "the store equals the bank's truth: nothing lost, nothing doubled");
    assert!(after >= while_broken && while_broken >= before);
}
