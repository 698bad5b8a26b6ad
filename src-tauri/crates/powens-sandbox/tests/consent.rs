//! Connections that go wrong, over real loopback HTTP: a broken state stops its accounts' data and resolving it
//! delivers the gap once; a consent that ends turns `SCARequired`; forced syncs meet an SCA or a decoupled approval
//! that the control API grants or refuses; `refresh_auth` and the reconnect webview renew the consent; accounts are
//! disabled and enabled; the sync logs; and the sandbox tier's 30 calls a minute.

mod support;

use powens_sandbox::{start, BankStep, RunningSandbox, SandboxConfig, SANDBOX_TIER_RATE_LIMIT};
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;
use support::{get_json, permanent_token};

const DAY: Duration = Duration::from_secs(86_400);

/// The BNP Paribas connection (current account, savings, the mortgage, the companies' accounts).
const BNP: i64 = 101;
/// The Boursorama connection (joint account, PEA, life insurance).
const BOURSORAMA: i64 = 102;

fn anchor() -> chrono::NaiveDateTime {
    chrono::NaiveDateTime::parse_from_str("2026-11-25 08:00:00", "%Y-%m-%d %H:%M:%S").unwrap()
}

async fn sandbox() -> (RunningSandbox, reqwest::Client, String) {
    let sandbox = start(SandboxConfig { anchor: Some(anchor()), ..SandboxConfig::default() }).await.unwrap();
    let http = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let token = permanent_token(&http, &sandbox).await;
    (sandbox, http, token)
}

/// Every page of `/users/me/transactions?limit=1000&all` plus `extra`, following `next` links.
async fn transactions(http: &reqwest::Client, sandbox: &RunningSandbox, token: &str, extra: &str) -> Vec<Value> {
    let mut url = format!("{}/users/me/transactions?limit=1000&all{extra}", sandbox.base_url());
    let mut all = Vec::new();
    loop {
        let page = get_json(http, &url, token).await;
        all.extend(page["transactions"].as_array().unwrap().iter().cloned());
        match page["_links"]["next"]["href"].as_str() {
            Some(next) => url = next.to_string(),
            None => return all,
        }
    }
}

/// The Powens ids of a connection's accounts.
fn accounts_of(sandbox: &RunningSandbox, connection: i64) -> BTreeSet<i64> {
    sandbox.household().accounts.iter().filter(|a| a.id_connection == connection).map(|a| a.id).collect()
}

/// The transactions of `accounts`, by id.
fn by_id(listed: &[Value], accounts: &BTreeSet<i64>) -> BTreeMap<i64, Value> {
    listed.iter().filter(|t| accounts.contains(&t["id_account"].as_i64().unwrap())).map(|t| (t["id"].as_i64().unwrap(), t.clone())).collect()
}

/// `(id, balance)` of the accounts of a connection, as listed.
async fn balances(http: &reqwest::Client, sandbox: &RunningSandbox, token: &str, connection: i64) -> Vec<(i64, Value, Value)> {
    let listed = get_json(http, &format!("{}/users/me/connections/{connection}/accounts", sandbox.base_url()), token).await;
    listed["accounts"].as_array().unwrap().iter().map(|a| (a["id"].as_i64().unwrap(), a["balance"].clone(), a["last_update"].clone())).collect()
}

async fn connection(http: &reqwest::Client, sandbox: &RunningSandbox, token: &str, id: i64) -> Value {
    get_json(http, &format!("{}/users/me/connections/{id}?expand=sources", sandbox.base_url()), token).await
}

/// The investments of `connection` as listed, without their ids' order mattering.
async fn investments(http: &reqwest::Client, sandbox: &RunningSandbox, token: &str, connection: i64) -> Value {
    get_json(http, &format!("{}/users/me/connections/{connection}/investments", sandbox.base_url()), token).await
}

/// Completes the reconnect webview for `connection`, as the user confirming at the bank.
async fn reconnect(http: &reqwest::Client, sandbox: &RunningSandbox, token: &str, connection: i64) -> String {
    let code = get_json(http, &format!("{}/auth/token/code?type=singleAccess", sandbox.base_url()), token).await["code"].as_str().unwrap().to_string();
    let root = sandbox.base_url().trim_end_matches("/2.0").to_string();
    let domain = root.trim_start_matches("http://").to_string();
    let confirm = format!(
        "{root}/fr/reconnect/confirm?domain={domain}&client_id={}&redirect_uri=http://127.0.0.1:9/cb&code={code}&connection_id={connection}&state=s&decision=accept",
        sandbox.client_id()
    );
    let answer = http.get(confirm).send().await.unwrap();
    assert_eq!(answer.status(), 303);
    answer.headers()["location"].to_str().unwrap().to_string()
}

async fn control(http: &reqwest::Client, sandbox: &RunningSandbox, path: &str, body: Value) -> Value {
    let root = sandbox.base_url().trim_end_matches("/2.0").to_string();
    let answer = http.post(format!("{root}/__sandbox/{path}")).json(&body).send().await.unwrap();
    assert_eq!(answer.status(), 200, "{path}");
    answer.json().await.unwrap()
}

fn at(text: &str) -> chrono::NaiveDateTime {
    chrono::NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S").unwrap()
}

#[tokio::test]
async fn each_broken_state_stops_new_data_and_resolving_it_delivers_the_gap_exactly_once() {
    let (sandbox, http, token) = sandbox().await;
    let bnp = accounts_of(&sandbox, BNP);
    let mut known = by_id(&transactions(&http, &sandbox, &token, "").await, &bnp);
    for state in ["SCARequired", "wrongpass", "bug", "websiteUnavailable", "actionNeeded", "decoupled", "additionalInformationNeeded"] {
        let broken_at = sandbox.now();
        control(&http, &sandbox, &format!("connections/{BNP}/state"), json!({"state": state, "error_message": "from the bank"})).await;
        sandbox.set_connection_state(BOURSORAMA, Some(state), None);
        let balances_then = balances(&http, &sandbox, &token, BNP).await;
        let investments_then = investments(&http, &sandbox, &token, BOURSORAMA).await;
        let everything_then = transactions(&http, &sandbox, &token, "").await;

        sandbox.advance(10 * DAY);
        let one = connection(&http, &sandbox, &token, BNP).await;
        assert_eq!((one["state"].as_str(), one["error"].as_str()), (Some(state), Some(state)));
        assert_eq!(one["error_message"], "from the bank");
        assert_eq!(one["last_update"], broken_at, "{state}: the last successful sync stays where it broke");
        assert_eq!(one["sources"][0]["state"], state);
        assert_eq!(one["sources"][0]["last_update"], broken_at);
        assert_eq!(balances(&http, &sandbox, &token, BNP).await, balances_then, "{state}: balances and last_update stay");
        assert_eq!(investments(&http, &sandbox, &token, BOURSORAMA).await, investments_then, "{state}: investments stay");
        let everything_now = transactions(&http, &sandbox, &token, "").await;
        assert_eq!(by_id(&everything_now, &bnp), by_id(&everything_then, &bnp), "{state}: no new transaction, none changed");
        assert!(everything_now.len() > everything_then.len(), "{state}: the healthy Swissquote connection still syncs");
        let incremental = transactions(&http, &sandbox, &token, &format!("&last_update={}", broken_at.replace(' ', "%20"))).await;
        assert!(by_id(&incremental, &bnp).is_empty(), "{state}: nothing new since the break");

        sandbox.set_connection_state(BOURSORAMA, None, None);
        control(&http, &sandbox, &format!("connections/{BNP}/state"), json!({"state": null})).await;
        let one = connection(&http, &sandbox, &token, BNP).await;
        assert!(one["state"].is_null() && one["error_message"].is_null());
        assert_eq!(one["last_update"], sandbox.now(), "{state}: resolved, the connection is up to date");
        // An incremental sync from the break brings exactly the gap: every new or changed transaction, once.
        let gap = transactions(&http, &sandbox, &token, &format!("&last_update={}", broken_at.replace(' ', "%20"))).await;
        let gap_ids: Vec<i64> = gap.iter().map(|t| t["id"].as_i64().unwrap()).collect();
        assert_eq!(gap_ids.iter().collect::<BTreeSet<_>>().len(), gap_ids.len(), "{state}: no transaction twice");
        let gap = by_id(&gap, &bnp);
        assert!(!gap.is_empty(), "{state}: ten days brought new transactions");
        known.extend(gap);
        let truth: BTreeSet<i64> = sandbox.transactions().iter().filter(|t| bnp.contains(&t.account_id)).map(|t| t.id).collect();
        assert_eq!(known.keys().copied().collect::<BTreeSet<_>>(), truth, "{state}: nothing lost");
        assert_eq!(known, by_id(&transactions(&http, &sandbox, &token, "").await, &bnp), "{state}: and each as served now");
        assert_ne!(balances(&http, &sandbox, &token, BNP).await, balances_then, "{state}: the balances moved on");
        assert_ne!(investments(&http, &sandbox, &token, BOURSORAMA).await, investments_then, "{state}: the valuations too");
    }
}

#[tokio::test]
async fn a_consent_that_ends_turns_sca_required_where_it_ended_and_the_reconnect_webview_renews_it() {
    let (sandbox, http, token) = sandbox().await;
    let bnp = accounts_of(&sandbox, BNP);
    for c in get_json(&http, &format!("{}/users/me/connections?expand=sources", sandbox.base_url()), &token).await["connections"].as_array().unwrap() {
        let days = (at(c["expire"].as_str().unwrap()) - anchor()).num_days();
        assert!((89..=180).contains(&days), "a PSD2 consent of 90 to 180 days, not {days}");
        assert_eq!(c["sources"][0]["access_expire"], c["expire"]);
    }
    let end = anchor() + chrono::Duration::days(3);
    control(&http, &sandbox, &format!("connections/{BNP}/access-expire"), json!({"access_expire": end.to_string()})).await;
    assert!(connection(&http, &sandbox, &token, BNP).await["state"].is_null(), "not yet");
    sandbox.advance(10 * DAY);
    let one = connection(&http, &sandbox, &token, BNP).await;
    assert_eq!(one["state"], "SCARequired");
    assert_eq!(one["last_update"], end.to_string(), "the last sync is the consent's end");
    assert_eq!(one["sources"][0]["access_expire"], end.to_string());
    let served: BTreeSet<i64> = by_id(&transactions(&http, &sandbox, &token, "").await, &bnp).keys().copied().collect();
    sandbox.advance(DAY);
    assert_eq!(by_id(&transactions(&http, &sandbox, &token, "").await, &bnp).keys().copied().collect::<BTreeSet<_>>(), served);
    // Resolving at the bank is not enough: the consent is gone.
    sandbox.set_connection_state(BNP, None, None);
    assert_eq!(connection(&http, &sandbox, &token, BNP).await["state"], "SCARequired");

    let location = reconnect(&http, &sandbox, &token, BNP).await;
    assert!(location.contains(&format!("connection_id={BNP}")) && location.ends_with("state=s"), "{location}");
    let one = connection(&http, &sandbox, &token, BNP).await;
    assert!(one["state"].is_null());
    assert_eq!(one["last_update"], sandbox.now());
    let renewed = at(&sandbox.now()) + chrono::Duration::days(180);
    assert_eq!((one["expire"].as_str(), one["sources"][0]["access_expire"].as_str()), (Some(renewed.to_string().as_str()), Some(renewed.to_string().as_str())));
    let truth = sandbox.connection_status(BNP).unwrap();
    assert_eq!((truth.state, truth.access_expire), (None, Some(renewed)));
    assert!(by_id(&transactions(&http, &sandbox, &token, "").await, &bnp).len() > served.len(), "the gap arrived");
}

#[tokio::test]
async fn a_forced_sync_moves_last_update_and_can_meet_an_sca_or_an_approval() {
    let (sandbox, http, token) = sandbox().await;
    let url = format!("{}/users/me/connections/{BNP}", sandbox.base_url());

    // Inactive: no background sync, so the data waits for a forced one.
    let off: Value = http.post(&url).bearer_auth(&token).json(&json!({"active": false})).send().await.unwrap().json().await.unwrap();
    assert_eq!((off["active"].as_bool(), off["next_try"].is_null()), (Some(false), true));
    let paused_at = sandbox.now();
    sandbox.advance(DAY);
    assert_eq!(connection(&http, &sandbox, &token, BNP).await["last_update"], paused_at);
    let synced: Value = http.put(format!("{url}?expand=sources")).bearer_auth(&token).send().await.unwrap().json().await.unwrap();
    assert_eq!(synced["last_update"], sandbox.now(), "a forced sync brings it up to date");
    assert!(synced["state"].is_null() && synced["sources"].is_array());
    http.post(&url).bearer_auth(&token).json(&json!({"active": true})).send().await.unwrap();
    assert_eq!(connection(&http, &sandbox, &token, BNP).await["next_try"], (at(&sandbox.now()).date().and_hms_opt(8, 0, 0).unwrap() + chrono::Duration::days(1)).to_string());

    // SCA: the forced sync stops at the bank's demand; the reconnect webview resumes it.
    sandbox.advance(Duration::from_secs(600));
    control(&http, &sandbox, &format!("connections/{BNP}/next-sync"), json!({"step": "sca"})).await;
    let sca: Value = http.put(&url).bearer_auth(&token).send().await.unwrap().json().await.unwrap();
    assert_eq!(sca["state"], "SCARequired");
    let stopped = sandbox.now();
    sandbox.advance(DAY);
    assert_eq!(connection(&http, &sandbox, &token, BNP).await["last_update"], stopped);
    reconnect(&http, &sandbox, &token, BNP).await;
    assert!(connection(&http, &sandbox, &token, BNP).await["state"].is_null());

    // Decoupled, approved in the bank's app: still decoupled until the client resumes it.
    sandbox.advance(Duration::from_secs(600));
    sandbox.require_on_next_sync(BNP, Some(BankStep::Decoupled));
    assert_eq!(http.put(&url).bearer_auth(&token).send().await.unwrap().json::<Value>().await.unwrap()["state"], "decoupled");
    assert_eq!(control(&http, &sandbox, &format!("connections/{BNP}/decoupled"), json!({"approve": true})).await["pending"], true);
    sandbox.advance(Duration::from_secs(60));
    assert_eq!(connection(&http, &sandbox, &token, BNP).await["state"], "decoupled", "an approval needs the resume");
    let resumed = http.post(&url).bearer_auth(&token).json(&json!({"resume": true})).send().await.unwrap();
    assert_eq!(resumed.status(), 200);
    let resumed: Value = resumed.json().await.unwrap();
    assert!(resumed["state"].is_null());
    assert_eq!(resumed["last_update"], sandbox.now());
    assert_eq!(resumed["expire"], (at(&sandbox.now()) + chrono::Duration::days(180)).to_string(), "the SCA renewed the consent");

    // Decoupled, resumed in the background before the approval: validating, then synced when approved.
    sandbox.advance(Duration::from_secs(600));
    sandbox.require_on_next_sync(BNP, Some(BankStep::Decoupled));
    http.put(&url).bearer_auth(&token).send().await.unwrap();
    let background = http.post(format!("{url}?background=true")).bearer_auth(&token).json(&json!({"resume": "true"})).send().await.unwrap();
    assert_eq!(background.status(), 202);
    assert_eq!(background.json::<Value>().await.unwrap()["state"], "validating");
    sandbox.advance(Duration::from_secs(30));
    assert!(sandbox.approve_decoupled(BNP));
    assert!(connection(&http, &sandbox, &token, BNP).await["state"].is_null(), "approved while validating: done");
    assert!(!sandbox.approve_decoupled(BNP), "nothing pending any more");

    // Decoupled, refused: the user must act; the data stays where the sync stopped.
    sandbox.advance(Duration::from_secs(600));
    sandbox.require_on_next_sync(BNP, Some(BankStep::Decoupled));
    http.put(&url).bearer_auth(&token).send().await.unwrap();
    let refused_at = sandbox.now();
    assert_eq!(control(&http, &sandbox, &format!("connections/{BNP}/decoupled"), json!({"approve": false})).await["pending"], true);
    sandbox.advance(DAY);
    let one = connection(&http, &sandbox, &token, BNP).await;
    assert_eq!((one["state"].as_str(), one["last_update"].as_str()), (Some("actionNeeded"), Some(refused_at.as_str())));
    let still = http.put(&url).bearer_auth(&token).send().await.unwrap().json::<Value>().await.unwrap();
    assert_eq!(still["state"], "actionNeeded", "a forced sync does not fix what the user must do");
    sandbox.set_connection_state(BNP, None, None);

    // Without the user (psu_requested=false), a demanded approval cannot be given.
    sandbox.advance(Duration::from_secs(600));
    sandbox.require_on_next_sync(BNP, Some(BankStep::Decoupled));
    let unattended: Value = http.put(format!("{url}?psu_requested=false")).bearer_auth(&token).send().await.unwrap().json().await.unwrap();
    assert_eq!(unattended["state"], "SCARequired");
}

#[tokio::test]
async fn refresh_auth_renews_the_consent_before_it_ends() {
    let (sandbox, http, token) = sandbox().await;
    let url = format!("{}/users/me/connections/{BNP}", sandbox.base_url());
    let before = connection(&http, &sandbox, &token, BNP).await["expire"].as_str().unwrap().to_string();
    sandbox.advance(40 * DAY);
    let asked: Value = http.post(&url).bearer_auth(&token).json(&json!({"refresh_auth": true})).send().await.unwrap().json().await.unwrap();
    assert_eq!(asked["state"], "SCARequired", "refresh_auth triggers an SCA");
    assert_eq!(asked["expire"], before, "the consent is not renewed until the SCA is done");
    reconnect(&http, &sandbox, &token, BNP).await;
    let renewed = connection(&http, &sandbox, &token, BNP).await;
    assert!(renewed["state"].is_null());
    let expire = at(renewed["expire"].as_str().unwrap());
    assert!(expire > at(&before), "pushed forward");
    assert_eq!(expire, at(&sandbox.now()) + chrono::Duration::days(180));

    // Armed with a decoupled approval, refresh_auth goes through the bank's app instead.
    sandbox.advance(40 * DAY);
    sandbox.require_on_next_sync(BNP, Some(BankStep::Decoupled));
    let asked: Value = http.post(&url).bearer_auth(&token).json(&json!({"refresh_auth": true})).send().await.unwrap().json().await.unwrap();
    assert_eq!(asked["state"], "decoupled");
    sandbox.approve_decoupled(BNP);
    let resumed: Value = http.post(&url).bearer_auth(&token).json(&json!({"resume": true})).send().await.unwrap().json().await.unwrap();
    assert!(resumed["state"].is_null());
    assert_eq!(at(resumed["expire"].as_str().unwrap()), at(&sandbox.now()) + chrono::Duration::days(180));
}

#[tokio::test]
async fn a_disabled_account_stops_syncing_and_enabling_it_is_a_consent_the_bank_may_authenticate() {
    let (sandbox, http, token) = sandbox().await;
    let current = sandbox.household().accounts.iter().find(|a| a.id_connection == BNP && a.account_type == "checking").unwrap().id;
    let one = BTreeSet::from([current]);
    let url = format!("{}/users/me/accounts/{current}", sandbox.base_url());
    assert_eq!(get_json(&http, &url, &token).await["id"], current);

    let disabled: Value = http.post(&url).bearer_auth(&token).json(&json!({"disabled": true})).send().await.unwrap().json().await.unwrap();
    assert_eq!(disabled["disabled"], sandbox.now());
    assert_eq!(http.get(&url).bearer_auth(&token).send().await.unwrap().status(), 404, "hidden without ?all");
    let listed = get_json(&http, &format!("{}/users/me/accounts", sandbox.base_url()), &token).await;
    assert!(listed["accounts"].as_array().unwrap().iter().all(|a| a["id"] != current));
    let then = by_id(&transactions(&http, &sandbox, &token, "").await, &one);
    let balance_then = sandbox.balance_minor(current);
    sandbox.advance(10 * DAY);
    assert_eq!(by_id(&transactions(&http, &sandbox, &token, "").await, &one), then, "a disabled account is not synced");
    assert_eq!(sandbox.balance_minor(current), balance_then);
    assert!(connection(&http, &sandbox, &token, BNP).await["state"].is_null(), "its connection is fine");

    let refused = http.post(&url).bearer_auth(&token).json(&json!({"disabled": false})).send().await.unwrap();
    assert_eq!(refused.status(), 404, "enabling needs ?all, as Powens documents");
    let enabled: Value = http.post(format!("{url}?all")).bearer_auth(&token).json(&json!({"disabled": false})).send().await.unwrap().json().await.unwrap();
    assert!(enabled["disabled"].is_null());
    assert_eq!(enabled["last_update"], sandbox.now());
    assert!(by_id(&transactions(&http, &sandbox, &token, "").await, &one).len() > then.len(), "the gap arrived");

    // Through the control API, with the bank asking for an SCA when the consent is given.
    control(&http, &sandbox, &format!("accounts/{current}/disable"), json!({})).await;
    sandbox.require_on_next_sync(BNP, Some(BankStep::Sca));
    control(&http, &sandbox, &format!("accounts/{current}/enable"), json!({})).await;
    assert_eq!(connection(&http, &sandbox, &token, BNP).await["state"], "SCARequired");
    reconnect(&http, &sandbox, &token, BNP).await;
    assert!(connection(&http, &sandbox, &token, BNP).await["state"].is_null());
}

#[tokio::test]
async fn the_logs_list_every_sync_attempt_newest_first() {
    let (sandbox, http, token) = sandbox().await;
    let logs = format!("{}/users/me/connections/{BNP}/logs", sandbox.base_url());
    assert_eq!(get_json(&http, &logs, &token).await["total"], 0, "nothing synced since the start yet");
    sandbox.advance(DAY + Duration::from_secs(3600));
    http.put(format!("{}/users/me/connections/{BNP}", sandbox.base_url())).bearer_auth(&token).send().await.unwrap();
    sandbox.set_connection_state(BNP, Some("websiteUnavailable"), Some("Maintenance"));
    sandbox.advance(DAY);
    let listed = get_json(&http, &logs, &token).await;
    let entries = listed["connectionlogs"].as_array().unwrap();
    let summary: Vec<(&str, Option<&str>)> = entries.iter().map(|e| (e["timestamp"].as_str().unwrap(), e["state"].as_str())).collect();
    assert_eq!(
        summary,
        [
            ("2026-11-27 08:00:00", Some("websiteUnavailable")),
            ("2026-11-26 09:00:00", Some("websiteUnavailable")),
            ("2026-11-26 09:00:00", None),
            ("2026-11-26 08:00:00", None),
        ],
        "the daily background syncs and the forced one, the break among them"
    );
    assert_eq!(listed["total"], 4);
    let failed = &entries[0];
    assert_eq!((failed["error"].as_str(), failed["error_message"].as_str()), (Some("websiteUnavailable"), Some("Maintenance")));
    assert_eq!(failed["next_try"], "2026-11-28 08:00:00");
    assert_eq!((failed["id_connection"].as_i64(), failed["id_source"].as_i64()), (Some(BNP), Some(BNP * 10)));
    assert!(entries[3]["next_try"].is_null() && entries[3]["error"].is_null());
    let ids: BTreeSet<i64> = entries.iter().map(|e| e["id"].as_i64().unwrap()).collect();
    assert_eq!(ids.len(), 4, "each entry has its own id");

    let page = get_json(&http, &format!("{logs}?limit=1&offset=1"), &token).await;
    assert_eq!((page["connectionlogs"][0]["id"].clone(), page["total"].clone()), (entries[1]["id"].clone(), json!(4)));
    assert_eq!(get_json(&http, &format!("{logs}?min_date=2026-11-27"), &token).await["total"], 1);
    assert_eq!(get_json(&http, &format!("{logs}?max_date=2026-11-26"), &token).await["total"], 3);
    assert_eq!(get_json(&http, &format!("{logs}?id_source=1"), &token).await["total"], 0);
    assert_eq!(sandbox.sync_attempts(BNP).len(), 4);

    let sources = get_json(&http, &format!("{}/users/me/connections/{BNP}/sources", sandbox.base_url()), &token).await;
    assert_eq!(sources["sources"][0]["state"], "websiteUnavailable");
    let source = get_json(&http, &format!("{}/users/me/connections/{BNP}/sources/{}", sandbox.base_url(), BNP * 10), &token).await;
    assert_eq!(source["name"], "openapi");
    assert!(source["expire"].is_null() && source["access_expire"].is_string());
}

#[tokio::test]
async fn the_sandbox_tier_answers_429_past_thirty_calls_a_minute_then_recovers() {
    assert_eq!(SANDBOX_TIER_RATE_LIMIT, (30, Duration::from_secs(60)));
    let sandbox = start(SandboxConfig { rate_limit: Some(SANDBOX_TIER_RATE_LIMIT), ..SandboxConfig::default() }).await.unwrap();
    let http = reqwest::Client::new();
    let token = permanent_token(&http, &sandbox).await;
    let accounts = format!("{}/users/me/accounts", sandbox.base_url());
    for call in 2..=30 {
        assert_eq!(http.get(&accounts).bearer_auth(&token).send().await.unwrap().status(), 200, "call {call}");
    }
    let refused = http.get(&accounts).bearer_auth(&token).send().await.unwrap();
    assert_eq!(refused.status(), 429);
    let retry_after: u64 = refused.headers()["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((1..=60).contains(&retry_after));
    let body: Value = refused.json().await.unwrap();
    assert_eq!(body["code"], "rateLimiting");
    assert!(body["description"].is_string() && body.get("request_id").is_some());
    assert_eq!(sandbox.throttled_count(), 1);

    // A short window shows the recovery without waiting a minute; the control API has the preset too.
    sandbox.set_rate_limit(Some((3, Duration::from_millis(1500))));
    for _ in 0..3 {
        assert_eq!(http.get(&accounts).bearer_auth(&token).send().await.unwrap().status(), 200);
    }
    let refused = http.get(&accounts).bearer_auth(&token).send().await.unwrap();
    assert_eq!(refused.status(), 429);
    let wait: u64 = refused.headers()["retry-after"].to_str().unwrap().parse().unwrap();
    tokio::time::sleep(Duration::from_secs(wait) + Duration::from_millis(50)).await;
    assert_eq!(http.get(&accounts).bearer_auth(&token).send().await.unwrap().status(), 200, "the window reopened");
    control(&http, &sandbox, "rate-limit", json!({"preset": "sandbox"})).await;
    control(&http, &sandbox, "rate-limit", json!({})).await;
    for _ in 0..40 {
        assert_eq!(http.get(&accounts).bearer_auth(&token).send().await.unwrap().status(), 200, "lifted");
    }
}

#[tokio::test]
async fn defaults_keep_every_connection_healthy_and_its_data_flowing() {
    let (sandbox, http, token) = sandbox().await;
    let before = transactions(&http, &sandbox, &token, "").await.len();
    sandbox.advance(30 * DAY);
    for c in get_json(&http, &format!("{}/users/me/connections", sandbox.base_url()), &token).await["connections"].as_array().unwrap() {
        assert!(c["state"].is_null());
        assert_eq!(c["last_update"], sandbox.now());
        assert!(c["active"].as_bool().unwrap());
    }
    assert!(transactions(&http, &sandbox, &token, "").await.len() > before);
    assert_eq!(sandbox.transactions().len(), transactions(&http, &sandbox, &token, "").await.len());
}
