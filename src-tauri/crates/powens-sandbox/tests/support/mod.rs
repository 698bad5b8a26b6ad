//! Helpers shared by the sandbox's HTTP test files.

#![allow(dead_code)] // each test file uses its own subset

use powens_sandbox::RunningSandbox;
use serde_json::Value;

/// A permanent token for a new user of `sandbox`, created with its client credentials.
pub async fn permanent_token(http: &reqwest::Client, sandbox: &RunningSandbox) -> String {
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

/// GET `url` with `token` and decode the JSON body.
pub async fn get_json(http: &reqwest::Client, url: &str, token: &str) -> Value {
    http.get(url).bearer_auth(token).send().await.unwrap().json().await.unwrap()
}
