//! The connect flow without the window: the core builds the Powens webview link, a browser (reqwest here; the
//! desktop's own window in the end-to-end test) walks the sandbox's webview, and the core reads the callback and
//! refreshes, after which the new bank's accounts are in the store.

use pfo_core::connect::{complete_webview, WebviewFlow};
use pfo_core::contracts::accounts::{self, AccountsListInput};
use pfo_core::workflow::{self, progress::NoProgress};
use pfo_core::{App, AppOptions};
use pfo_tests::{data_dir, walk_webview, WEBVIEW_CALLBACK};
use std::sync::Arc;

#[tokio::test]
async fn adding_a_bank_through_the_webview_brings_its_accounts_in() {
    let dir = data_dir();
    let app = App::open(AppOptions::new(dir.path())).await.unwrap();
    workflow::refresh(&app, Arc::new(NoProgress)).await.unwrap();
    let before = accounts::list(&app, AccountsListInput::default()).await.unwrap();

    let link = app.webview_link(&WebviewFlow::Connect, "fr", WEBVIEW_CALLBACK).await.unwrap();
    assert!(link.url.contains("/fr/connect?") && link.url.contains(&format!("state={}", link.state)));
    let callback = walk_webview(&link.url, "accept").await;
    assert!(callback.starts_with(&link.redirect_uri));
    let outcome = complete_webview(&link, &callback).unwrap();
    assert_eq!(outcome.connection_ids.len(), 1);

    workflow::refresh(&app, Arc::new(NoProgress)).await.unwrap();
    let after = accounts::list(&app, AccountsListInput::default()).await.unwrap();
    assert_eq!(after.connections.len(), before.connections.len() + 1);
    let added: Vec<_> = after.accounts.iter().filter(|a| a.institution == "Connecteur de test").collect();
    assert_eq!(added.len(), 1, "the shared account is active; the other one waits, disabled, for consent");
    let all = accounts::list(&app, AccountsListInput { include_inactive: true, ..Default::default() }).await.unwrap();
    assert_eq!(all.accounts.iter().filter(|a| a.institution == "Connecteur de test").count(), 2);
}

#[tokio::test]
async fn a_cancelled_or_forged_callback_connects_nothing() {
    let dir = data_dir();
    let app = App::open(AppOptions::new(dir.path())).await.unwrap();
    let link = app.webview_link(&WebviewFlow::Connect, "en", WEBVIEW_CALLBACK).await.unwrap();
    let cancelled = walk_webview(&link.url, "cancel").await;
    let error = complete_webview(&link, &cancelled).unwrap_err();
    assert_eq!(error.code(), "connect.cancelled");

    let other = app.webview_link(&WebviewFlow::Connect, "en", WEBVIEW_CALLBACK).await.unwrap();
    let callback = walk_webview(&other.url, "accept").await;
    let forged = complete_webview(&link, &callback).unwrap_err();
    assert_eq!(forged.code(), "connect.refused", "a callback for another request is refused");
    assert!(forged.to_string().contains("does not belong"));
}

#[tokio::test]
async fn the_loopback_listener_hands_over_the_callback_and_answers_the_browser() {
    let listener = pfo_core::connect::CallbackListener::bind().await.unwrap();
    let redirect = listener.redirect_uri().to_string();
    let waiting = tokio::spawn(listener.accept());
    let root = redirect.trim_end_matches("/powens/callback").to_string();
    let browser = || reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    assert_eq!(browser().get(format!("{root}/favicon.ico")).send().await.unwrap().status(), 404);
    let page = browser().get(format!("{redirect}?connection_id=901&state=abc")).send().await.unwrap();
    assert!(page.text().await.unwrap().contains("You can close this window"));
    assert_eq!(waiting.await.unwrap().unwrap(), format!("{redirect}?connection_id=901&state=abc"));
}
