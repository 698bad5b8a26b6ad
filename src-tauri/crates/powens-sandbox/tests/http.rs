//! The sandbox over real loopback HTTP: auth, scoping, shapes and Powens error bodies.

mod support;

use powens_sandbox::{start, SandboxConfig};
use serde_json::Value;
use support::{get_json, permanent_token};

#[tokio::test]
async fn auth_init_issues_permanent_and_temporary_tokens_and_refuses_wrong_credentials() {
    let sandbox = start(SandboxConfig::default()).await.unwrap();
    let http = reqwest::Client::new();
    permanent_token(&http, &sandbox).await;

    let temporary: Value =
        http.post(format!("{}/auth/init", sandbox.base_url())).send().await.unwrap().json().await.unwrap();
    assert_eq!(temporary["type"], "temporary");
    assert_eq!(temporary["expires_in"], 1800);

    let wrong = http
        .post(format!("{}/auth/init", sandbox.base_url()))
        .json(&serde_json::json!({"client_id": sandbox.client_id(), "client_secret": "nope"}))
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status(), 400);
    let error: Value = wrong.json().await.unwrap();
    assert_eq!(error["code"], "invalidValue");
    assert!(error["request_id"].is_number());
}

#[tokio::test]
async fn accounts_and_connections_have_powens_shapes_and_need_a_token() {
    let sandbox = start(SandboxConfig::default()).await.unwrap();
    let http = reqwest::Client::new();

    let anonymous = http.get(format!("{}/users/me/accounts", sandbox.base_url())).send().await.unwrap();
    assert_eq!(anonymous.status(), 401);
    assert_eq!(anonymous.json::<Value>().await.unwrap()["code"], "invalidToken");

    let token = permanent_token(&http, &sandbox).await;
    let accounts: Value = get_json(&http, &format!("{}/users/me/accounts", sandbox.base_url()), &token).await;
    let listed = accounts["accounts"].as_array().unwrap();
    let enabled = sandbox.household().accounts.iter().filter(|a| a.disabled.is_none()).count();
    assert_eq!(listed.len(), enabled, "disabled accounts are hidden without ?all");
    let first = &listed[0];
    assert!(first["balance"].is_number(), "amounts are JSON numbers");
    assert!(first["type"].is_string(), "type is a string code");
    assert_eq!(first["currency"]["precision"], 2);
    assert!(accounts["balances"]["EUR"].is_number());
    assert!(accounts["balances"]["CHF"].is_number());

    let all: Value = get_json(&http, &format!("{}/users/me/accounts?all", sandbox.base_url()), &token).await;
    assert_eq!(all["accounts"].as_array().unwrap().len(), sandbox.household().accounts.len());

    let connections: Value = get_json(&http, &format!("{}/users/me/connections?expand=connector", sandbox.base_url()), &token).await;
    let connections = connections["connections"].as_array().unwrap();
    assert_eq!(connections.len(), sandbox.household().connections.len());
    assert!(connections[0]["connector"]["name"].is_string());
    assert!(connections[0]["state"].is_null());

    let other_user = http.get(format!("{}/users/999/accounts", sandbox.base_url())).bearer_auth(&token).send().await.unwrap();
    assert_eq!(other_user.status(), 404);
    assert!(sandbox.request_count() >= 6);
}

#[tokio::test]
async fn reference_data_needs_no_token() {
    let sandbox = start(SandboxConfig::default()).await.unwrap();
    let http = reqwest::Client::new();
    let connectors: Value = http.get(format!("{}/connectors", sandbox.base_url())).send().await.unwrap().json().await.unwrap();
    let list = connectors["connectors"].as_array().unwrap();
    let test = list.iter().find(|c| c["name"] == "Connecteur de test").expect("the test connector is listed");
    let by_uuid: Value = http
        .get(format!("{}/connectors/{}", sandbox.base_url(), test["uuid"].as_str().unwrap()))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(by_uuid["id"], test["id"]);
    let types: Value = http.get(format!("{}/account_types", sandbox.base_url())).send().await.unwrap().json().await.unwrap();
    assert!(types["accounttypes"].as_array().unwrap().iter().any(|t| t["name"] == "livret_a" && t["id_parent"] == 3));
    let currencies: Value = http.get(format!("{}/currencies", sandbox.base_url())).send().await.unwrap().json().await.unwrap();
    assert!(currencies["currencies"].as_array().unwrap().iter().any(|c| c["id"] == "CHF"));
}

#[tokio::test]
async fn single_access_codes_are_single_use_and_exchange_for_a_token() {
    let sandbox = start(SandboxConfig::default()).await.unwrap();
    let http = reqwest::Client::new();
    let token = permanent_token(&http, &sandbox).await;
    let code: Value = get_json(&http, &format!("{}/auth/token/code?type=singleAccess", sandbox.base_url()), &token).await;
    assert_eq!((code["type"].as_str(), code["access"].as_str(), code["expires_in"].as_i64()), (Some("temporary"), Some("single"), Some(1800)));
    let exchange = |code: String| {
        let http = http.clone();
        let url = format!("{}/auth/token/access", sandbox.base_url());
        let body = serde_json::json!({"client_id": sandbox.client_id(), "client_secret": sandbox.client_secret(), "code": code});
        async move { http.post(url).json(&body).send().await.unwrap() }
    };
    let first = exchange(code["code"].as_str().unwrap().to_string()).await;
    assert_eq!(first.status(), 200);
    let access: Value = first.json().await.unwrap();
    assert_eq!(access["token_type"], "Bearer");
    let again = exchange(code["code"].as_str().unwrap().to_string()).await;
    assert_eq!(again.status(), 400, "a single-use code works once");
    let accounts = http.get(format!("{}/users/me/accounts", sandbox.base_url())).bearer_auth(access["access_token"].as_str().unwrap()).send().await.unwrap();
    assert_eq!(accounts.status(), 200, "the exchanged token reads the same user's data");
}

#[tokio::test]
async fn forced_syncs_conflict_when_too_frequent_and_states_and_disabled_accounts_show() {
    let sandbox = start(SandboxConfig::default()).await.unwrap();
    let http = reqwest::Client::new();
    let token = permanent_token(&http, &sandbox).await;
    let connection = sandbox.household().connections[0].id;
    let url = format!("{}/users/me/connections/{connection}", sandbox.base_url());
    assert_eq!(http.put(&url).bearer_auth(&token).send().await.unwrap().status(), 200);
    let conflict = http.put(&url).bearer_auth(&token).send().await.unwrap();
    assert_eq!(conflict.status(), 409);
    assert_eq!(conflict.json::<Value>().await.unwrap()["code"], "tooManySync");
    sandbox.advance(std::time::Duration::from_secs(600));
    let background = http.post(format!("{url}?background=true")).bearer_auth(&token).json(&serde_json::json!({"resume": true})).send().await.unwrap();
    assert_eq!(background.status(), 202);

    sandbox.set_connection_state(connection, Some("SCARequired"), None);
    let one: Value = get_json(&http, &url, &token).await;
    assert_eq!(one["state"], "SCARequired");

    let account = sandbox.household().accounts.iter().find(|a| a.disabled.is_none()).unwrap().id;
    sandbox.recreate_disabled(account);
    let listed: Value = get_json(&http, &format!("{}/users/me/accounts", sandbox.base_url()), &token).await;
    assert!(listed["accounts"].as_array().unwrap().iter().all(|a| a["id"] != account), "a re-created account is hidden without ?all");
    let all: Value = get_json(&http, &format!("{}/users/me/accounts?all", sandbox.base_url()), &token).await;
    assert!(all["accounts"].as_array().unwrap().iter().any(|a| a["id"] == account && !a["disabled"].is_null()));

    sandbox.amounts_as_strings(true);
    let quoted: Value = get_json(&http, &format!("{}/users/me/accounts", sandbox.base_url()), &token).await;
    assert!(quoted["accounts"][0]["balance"].is_string());
}

#[tokio::test]
async fn the_connect_webview_validates_its_link_adds_a_connection_and_redirects_back() {
    let sandbox = start(SandboxConfig::default()).await.unwrap();
    let http = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let token = permanent_token(&http, &sandbox).await;
    let code = |single: bool| {
        let http = http.clone();
        let url = format!("{}/auth/token/code?type={}", sandbox.base_url(), if single { "singleAccess" } else { "requestAccess" });
        let token = token.clone();
        async move { http.get(url).bearer_auth(token).send().await.unwrap().json::<Value>().await.unwrap()["code"].as_str().unwrap().to_string() }
    };
    let root = sandbox.base_url().trim_end_matches("/2.0").to_string();
    let domain = root.trim_start_matches("http://").to_string();
    let link = |flow: &str, code: &str, redirect: &str| {
        format!("{root}/fr/{flow}?domain={domain}&client_id={}&redirect_uri={redirect}&code={code}&state=xyz", sandbox.client_id())
    };

    // Bad links are refused with a page that says why.
    let bad_redirect = http.get(link("connect", &code(true).await, "https://evil.example/cb")).send().await.unwrap();
    assert_eq!(bad_redirect.status(), 400);
    assert!(bad_redirect.text().await.unwrap().contains("redirect_uri"));
    let bad_domain = http.get(link("connect", &code(true).await, "http://127.0.0.1:9/cb").replace(&format!("domain={domain}"), "domain=acme.biapi.pro")).send().await.unwrap();
    assert_eq!(bad_domain.status(), 400);

    // The page, then the user's choice: the bank, one account shared, redirected with the new connection.
    let single = code(true).await;
    let page = http.get(link("connect", &single, "http://127.0.0.1:9/cb")).send().await.unwrap();
    assert_eq!(page.status(), 200);
    assert!(page.text().await.unwrap().contains("Connecteur de test"));
    let confirm = link("connect", &single, "http://127.0.0.1:9/cb").replace("/fr/connect?", "/fr/connect/confirm?") + "&connector=40&account=checking&decision=accept";
    let redirect = http.get(&confirm).send().await.unwrap();
    assert_eq!(redirect.status(), 303);
    let location = redirect.headers()["location"].to_str().unwrap().to_string();
    assert!(location.starts_with("http://127.0.0.1:9/cb?connection_id=") && location.ends_with("&state=xyz"), "{location}");
    let replay = http.get(&confirm).send().await.unwrap();
    assert_eq!(replay.status(), 400, "the single-use code was consumed");

    let connections: Value = get_json(&http, &format!("{}/users/me/connections", sandbox.base_url()), &token).await;
    assert_eq!(connections["connections"].as_array().unwrap().len(), sandbox.household().connections.len() + 1);
    let all: Value = get_json(&http, &format!("{}/users/me/accounts?all", sandbox.base_url()), &token).await;
    let added: Vec<&Value> = all["accounts"].as_array().unwrap().iter().filter(|a| a["id_connection"].as_i64() >= Some(900)).collect();
    assert_eq!(added.len(), 2);
    assert!(added.iter().any(|a| a["type"] == "savings" && !a["disabled"].is_null()), "the unticked account starts disabled");

    // Cancel and declining the terms come back as errors, with the state.
    let cancel = link("connect", &code(false).await, "http://127.0.0.1:9/cb").replace("/fr/connect?", "/fr/connect/confirm?") + "&decision=cancel";
    let location = http.get(&cancel).send().await.unwrap().headers()["location"].to_str().unwrap().to_string();
    assert!(location.contains("error=access_denied") && location.contains("state=xyz"), "{location}");
    let decline = link("connect", &code(false).await, "http://127.0.0.1:9/cb").replace("/fr/connect?", "/fr/connect/confirm?") + "&decision=decline_tos";
    assert!(http.get(&decline).send().await.unwrap().headers()["location"].to_str().unwrap().contains("error=tos_declined"));

    // Reconnect clears a state that needed the user.
    let connection = sandbox.household().connections[0].id;
    sandbox.set_connection_state(connection, Some("SCARequired"), None);
    let reconnect = link("reconnect", &code(true).await, "http://127.0.0.1:9/cb").replace("/fr/reconnect?", "/fr/reconnect/confirm?") + &format!("&connection_id={connection}&decision=accept");
    assert_eq!(http.get(&reconnect).send().await.unwrap().status(), 303);
    let one: Value = get_json(&http, &format!("{}/users/me/connections/{connection}", sandbox.base_url()), &token).await;
    assert!(one["state"].is_null());
}

#[tokio::test]
async fn temporary_tokens_expire_after_thirty_minutes_and_consents_expire_into_sca_required() {
    let sandbox = start(SandboxConfig::default()).await.unwrap();
    let http = reqwest::Client::new();
    let temporary: Value = http.post(format!("{}/auth/init", sandbox.base_url())).send().await.unwrap().json().await.unwrap();
    let token = temporary["auth_token"].as_str().unwrap().to_string();
    let accounts = format!("{}/users/me/accounts", sandbox.base_url());
    assert_eq!(http.get(&accounts).bearer_auth(&token).send().await.unwrap().status(), 200);
    sandbox.advance(std::time::Duration::from_secs(31 * 60));
    let expired = http.get(&accounts).bearer_auth(&token).send().await.unwrap();
    assert_eq!(expired.status(), 401);
    assert_eq!(expired.json::<Value>().await.unwrap()["code"], "invalidToken");

    let permanent = permanent_token(&http, &sandbox).await;
    sandbox.advance(std::time::Duration::from_secs(200 * 86_400));
    let connections = get_json(&http, &format!("{}/users/me/connections", sandbox.base_url()), &permanent).await;
    assert!(connections["connections"].as_array().unwrap().iter().all(|c| c["state"] == "SCARequired"), "every consent ran out");
}

#[tokio::test]
async fn streamed_faults_serve_what_they_promise() {
    use powens_sandbox::faults::{Fault, FaultKind};
    let sandbox = start(SandboxConfig::default()).await.unwrap();
    let http = reqwest::Client::new();
    let token = permanent_token(&http, &sandbox).await;
    let get = |path: &str| http.get(format!("{}{path}", sandbox.base_url())).bearer_auth(&token).send();

    // huge: exactly the declared size, one valid JSON document.
    sandbox.inject(Fault::always(FaultKind::Huge { mib: Some(1) }).times(1));
    let huge = get("/users/me/accounts").await.unwrap();
    assert_eq!(huge.content_length(), Some(1 << 20));
    let bytes = huge.bytes().await.unwrap();
    assert_eq!(bytes.len(), 1 << 20);
    assert!(serde_json::from_slice::<Value>(&bytes).is_ok(), "huge is valid JSON");

    // endless: a JSON prefix, then more than any cap; the stream ends only because the client leaves.
    sandbox.inject(Fault::always(FaultKind::Endless { status: Some(503) }).times(1));
    let mut endless = get("/users/me/accounts").await.unwrap();
    assert_eq!(endless.status(), 503);
    let mut read = Vec::new();
    while read.len() < 4 << 20 {
        read.extend_from_slice(&endless.chunk().await.unwrap().expect("an endless body does not end"));
    }
    assert!(read.starts_with(br#"{"items": [{"id": 1"#));
    drop(endless);

    // missing_list: the envelope without its list.
    sandbox.inject(Fault::always(FaultKind::MissingList).times(1));
    let listing: Value = get("/users/me/accounts").await.unwrap().json().await.unwrap();
    assert!(listing.get("accounts").is_none(), "{listing}");
    let again: Value = get("/users/me/accounts").await.unwrap().json().await.unwrap();
    assert!(again["accounts"].is_array(), "the fault fired once");
}
