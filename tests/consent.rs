//! Consent and freshness against the sandbox, as a household meets them: a healthy household raises no alert; a
//! consent ending in ten days asks to renew; a connection that needs strong authentication stops its data (nothing
//! new arrives while it is broken), is named with the one action that fixes it, and its data turns stale as the
//! days pass; once it is resolved, the gap arrives exactly once and the alerts clear. Renewing early goes through
//! the bank's strong authentication (in the webview, or approved in the banking app and then resumed), and moves the
//! consent's end on.

use pfo_core::alerts::AlertKind;
use pfo_core::connect::{complete_webview, WebviewFlow};
use pfo_core::contracts::accounts::{self, AccountsListInput};
use pfo_core::contracts::connections::{ConnectionSyncInput, ConnectionSyncOutput};
use pfo_core::domain::{BankConnection, ConnectionAction, ConnectionRequest};
use pfo_core::domain::RunStatus;
use pfo_core::ops::alerts::AlertsOutput;
use pfo_core::workflow::{self, progress::NoProgress};
use pfo_core::{App, AppOptions};
use pfo_tests::{configure_live, data_dir, store_of, walk_webview, HandClock, WEBVIEW_CALLBACK};
use powens_sandbox::{start, BankStep, LedgerConfig, SandboxConfig};
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
    assert_eq!((renew.action, renew.connection_id.as_ref().map(|c| c.as_str())), (Some(ConnectionAction::Renew), Some(connection.to_string().as_str())));
    assert!(renew.message.contains("in 10 days"), "{}", renew.message);

    // The bank asks for strong authentication: the data stops, the alert says Reconnect.
    sandbox.set_access_expire(connection, Some(anchor() + chrono::Duration::days(120)));
    sandbox.set_connection_state(connection, Some("SCARequired"), None);
    refresh(&app).await;
    let before = stored_transactions(&app).await;
    let broken = alerts(&app).await;
    let reconnect = broken.alerts.iter().find(|a| a.kind == AlertKind::ConnectionNeedsUser).expect("the connection alert");
    assert_eq!(reconnect.action, Some(ConnectionAction::Reconnect));
    assert!(broken.needs_action && !broken.alerts.iter().any(|a| a.kind == AlertKind::ConsentEnding));

    advance(3);
    refresh(&app).await;
    let stale = alerts(&app).await;
    let old = stale.alerts.iter().find(|a| a.kind == AlertKind::DataStale).expect("three days later the data is stale");
    assert!(old.needs_action && old.action == Some(ConnectionAction::Reconnect) && old.message.contains("3 days old"), "{old:?}");
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

async fn ask(app: &App, connection: i64, request: ConnectionRequest) -> ConnectionSyncOutput {
    let input = ConnectionSyncInput { connection_id: connection.to_string(), request: Some(request) };
    pfo_core::ops::workflows::sync_connection(app, input).await.unwrap()
}

async fn listed(app: &App, connection: i64) -> BankConnection {
    let listing = accounts::list(app, AccountsListInput::default()).await.unwrap();
    listing.connections.into_iter().find(|c| c.id.as_str() == connection.to_string()).expect("the connection is listed")
}

#[tokio::test]
async fn renewing_early_goes_through_the_banks_authentication_and_resume_waits_for_the_banking_app() {
    let sandbox = start(SandboxConfig { seed: 31, ledger: LedgerConfig { transactions: 600, years: 1 }, anchor: Some(anchor()), ..SandboxConfig::default() }).await.unwrap();
    let dir = data_dir();
    configure_live(dir.path(), &sandbox);
    let clock = Arc::new(HandClock::at(anchor().and_utc()));
    let app = App::open(AppOptions { clock: clock.clone(), ..AppOptions::new(dir.path()) }).await.unwrap();
    refresh(&app).await;
    let connection = sandbox.household().connections[0].id;
    let healthy = listed(&app, connection).await;
    assert_eq!((healthy.action, healthy.state.as_deref()), (None, None), "a healthy connection calls for nothing");
    assert!(healthy.next_try.is_some(), "Powens' next background sync is shown: {healthy:?}");

    // Twelve days before the end, the connection itself says: renew.
    sandbox.set_access_expire(connection, Some(anchor() + chrono::Duration::days(12)));
    refresh(&app).await;
    let ending = listed(&app, connection).await;
    assert_eq!((ending.action, ending.consent_ends_in_days), (Some(ConnectionAction::Renew), Some(12)));

    // Renew: the bank wants its strong authentication, which happens in the reconnect webview.
    let renewing = ask(&app, connection, ConnectionRequest::Renew).await;
    assert_eq!((renewing.request, renewing.connection.state.as_deref()), (ConnectionRequest::Renew, Some("SCARequired")));
    assert_eq!(renewing.connection.action, Some(ConnectionAction::Reconnect), "what comes next is the webview");
    let link = app.webview_link(&WebviewFlow::Reconnect { connection: connection.to_string() }, "en", WEBVIEW_CALLBACK).await.unwrap();
    let callback = walk_webview(&link.url, "accept").await;
    complete_webview(&link, &callback).unwrap();
    refresh(&app).await;
    let renewed = listed(&app, connection).await;
    assert_eq!((renewed.state.as_deref(), renewed.action), (None, None), "{renewed:?}");
    let new_end = renewed.consent_expires_at.expect("the renewed consent's end");
    assert!(new_end > anchor() + chrono::Duration::days(170), "the consent runs about 180 days again: {new_end}");
    assert!(alerts(&app).await.alerts.is_empty());

    // A bank that asks for an approval in its app: renew leaves it waiting; resume before the approval validates;
    // once approved, the connection is healthy again.
    sandbox.require_on_next_sync(connection, Some(BankStep::Decoupled));
    let waiting = ask(&app, connection, ConnectionRequest::Renew).await;
    assert_eq!((waiting.connection.state.as_deref(), waiting.connection.action), (Some("decoupled"), Some(ConnectionAction::Resume)));
    let pending = alerts(&app).await;
    let resume = pending.alerts.iter().find(|a| a.kind == AlertKind::ConnectionNeedsUser).expect("the approval is asked for");
    assert!(resume.needs_action && resume.action == Some(ConnectionAction::Resume) && resume.message.contains("banking app"), "{resume:?}");
    let validating = ask(&app, connection, ConnectionRequest::Resume).await;
    assert_eq!((validating.connection.state.as_deref(), validating.connection.action), (Some("validating"), Some(ConnectionAction::Wait)));
    assert!(sandbox.approve_decoupled(connection), "the bank was waiting for the approval");
    let resumed = ask(&app, connection, ConnectionRequest::Resume).await;
    assert_eq!((resumed.connection.state.as_deref(), resumed.connection.action), (None, None), "{:?}", resumed.connection);
    refresh(&app).await;
    assert!(alerts(&app).await.alerts.is_empty());
    assert_eq!(stored_transactions(&app).await, sandbox.transactions().len() as u64, "the store equals the bank's truth");
}
