//! The sandbox over real loopback HTTP: auth, scoping, shapes and Powens error bodies.

use powens_sandbox::{start, SandboxConfig};
use serde_json::Value;

async fn permanent_token(http: &reqwest::Client, sandbox: &powens_sandbox::RunningSandbox) -> String {
    let body: Value = http
        .post(format!("{}/auth/init", sandbox.base_url()))
        .json(&serde_json::json!({"client_id": sandbox.client_id(), "client_secret": sandbox.client_secret()}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(body["type"], "permanent");
    assert!(body["expires_in"].is_null());
    body["auth_token"].as_str().unwrap().to_string()
}

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
    let accounts: Value = http
        .get(format!("{}/users/me/accounts", sandbox.base_url()))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let listed = accounts["accounts"].as_array().unwrap();
    let enabled = sandbox.household().accounts.iter().filter(|a| a.disabled.is_none()).count();
    assert_eq!(listed.len(), enabled, "disabled accounts are hidden without ?all");
    let first = &listed[0];
    assert!(first["balance"].is_number(), "amounts are JSON numbers");
    assert!(first["type"].is_string(), "type is a string code");
    assert_eq!(first["currency"]["precision"], 2);
    assert!(accounts["balances"]["EUR"].is_number());
    assert!(accounts["balances"]["CHF"].is_number());

    let all: Value = http
        .get(format!("{}/users/me/accounts?all", sandbox.base_url()))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(all["accounts"].as_array().unwrap().len(), sandbox.household().accounts.len());

    let connections: Value = http
        .get(format!("{}/users/me/connections?expand=connector", sandbox.base_url()))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let connections = connections["connections"].as_array().unwrap();
    assert_eq!(connections.len(), sandbox.household().connections.len());
    assert!(connections[0]["connector"]["name"].is_string());
    assert!(connections[0]["state"].is_null());

    let other_user = http.get(format!("{}/users/999/accounts", sandbox.base_url())).bearer_auth(&token).send().await.unwrap();
    assert_eq!(other_user.status(), 404);
    assert!(sandbox.request_count() >= 6);
}
