//! `GET /users/{u}/account_ownerships` over real loopback HTTP: who holds each account of the demo family and in
//! which role, the same scoping and `?all` as the accounts list, and faults that fire on its path.

mod support;

use powens_sandbox::faults::{Fault, FaultKind};
use powens_sandbox::family::{CHILD, HOLDING, PRINCIPAL, SCI, SPOUSE};
use powens_sandbox::{start, SandboxConfig};
use serde_json::{json, Value};
use support::{get_json, permanent_token};

fn ownerships(body: &Value) -> &Vec<Value> {
    body["account_ownerships"].as_array().unwrap_or_else(|| panic!("no account_ownerships list in {body}"))
}

fn by_name<'a>(list: &'a [Value], name: &str) -> &'a Value {
    list.iter().find(|o| o["name"] == name).unwrap_or_else(|| panic!("no ownership of {name}"))
}

#[tokio::test]
async fn each_account_names_its_holders_and_the_users_role_in_it() {
    let sandbox = start(SandboxConfig::default()).await.unwrap();
    let http = reqwest::Client::new();
    let token = permanent_token(&http, &sandbox).await;
    let body = get_json(&http, &format!("{}/users/me/account_ownerships", sandbox.base_url()), &token).await;
    let list = ownerships(&body);
    let accounts = get_json(&http, &format!("{}/users/me/accounts", sandbox.base_url()), &token).await;
    let accounts = accounts["accounts"].as_array().unwrap();
    let ids = |items: &[Value], key: &str| items.iter().map(|i| i[key].as_i64().unwrap()).collect::<Vec<_>>();
    assert_eq!(ids(list, "id_account"), ids(accounts, "id"), "one ownership per listed account, in the same order");

    let party = |role: &str, name: &str, is_user: bool| json!({"role": role, "identity": {"is_user": is_user, "full_name": name}});
    let joint = by_name(list, "Compte joint");
    assert_eq!(joint["parties"], json!([party("holder", PRINCIPAL, true), party("co_holder", SPOUSE, false)]));
    assert_eq!((&joint["multiple_holders"], &joint["calculated"]), (&json!(true), &json!(["multiple_holders"])), "Boursorama leaves it to Powens");
    let child = by_name(list, "Livret Jeune");
    assert_eq!(child["parties"], json!([party("holder", CHILD, false), party("custodian_for_minor", PRINCIPAL, true)]));
    assert_eq!((&child["multiple_holders"], &child["usage"]), (&json!(false), &json!("PRIV")));
    for (name, company) in [("Compte courant Holding", HOLDING), ("Compte SCI", SCI)] {
        let ownership = by_name(list, name);
        assert_eq!(ownership["parties"], json!([party("holder", company, false), party("attorney", PRINCIPAL, true)]), "{name}");
        assert_eq!(ownership["usage"], "ORGA", "{name}");
    }
    let own = by_name(list, "Compte de dépôt");
    assert_eq!(own["parties"], json!([party("holder", PRINCIPAL, true)]));
    assert_eq!((&own["multiple_holders"], &own["calculated"]), (&json!(false), &json!([])), "BNP says it");
    assert!(by_name(list, "Compte titres USD")["multiple_holders"].is_null(), "Swissquote does not say, nor can Powens tell");

    // Each ownership agrees with its account and its connection.
    let connections = get_json(&http, &format!("{}/users/me/connections?expand=connector,sources", sandbox.base_url()), &token).await;
    for (ownership, account) in list.iter().zip(accounts) {
        let connection = connections["connections"].as_array().unwrap().iter().find(|c| c["id"] == account["id_connection"]).unwrap();
        assert_eq!(ownership["id_connection"], account["id_connection"]);
        assert_eq!(ownership["id_user"], account["id_user"]);
        assert_eq!(ownership["usage"], account["usage"]);
        assert_eq!(ownership["bank_name"], connection["connector"]["name"]);
        assert_eq!(ownership["id_connector_source"], connection["sources"][0]["id_connector_source"]);
        let identifications = match account["iban"].as_str() {
            Some(iban) => json!([{"scheme_name": "iban", "identification": iban}]),
            None => json!([]),
        };
        assert_eq!(ownership["identifications"], identifications, "{}", account["name"]);
    }
}

#[tokio::test]
async fn ownerships_are_scoped_and_skip_disabled_and_deleted_accounts_like_the_accounts_list() {
    let sandbox = start(SandboxConfig::default()).await.unwrap();
    let http = reqwest::Client::new();
    let url = format!("{}/users/me/account_ownerships", sandbox.base_url());
    let anonymous = http.get(&url).send().await.unwrap();
    assert_eq!(anonymous.status(), 401);
    assert_eq!(anonymous.json::<Value>().await.unwrap()["code"], "invalidToken");
    let token = permanent_token(&http, &sandbox).await;
    let other_user = http.get(format!("{}/users/999/account_ownerships", sandbox.base_url())).bearer_auth(&token).send().await.unwrap();
    assert_eq!(other_user.status(), 404);
    let me = get_json(&http, &format!("{}/users/me", sandbox.base_url()), &token).await;
    let by_id = get_json(&http, &format!("{}/users/{}/account_ownerships", sandbox.base_url(), me["id"]), &token).await;
    assert_eq!(by_id, get_json(&http, &url, &token).await, "`me` and the user's own id are one list");

    let count = |body: Value| ownerships(&body).len();
    let household = sandbox.household();
    let enabled = household.accounts.iter().filter(|a| a.disabled.is_none()).count();
    assert_eq!(count(get_json(&http, &url, &token).await), enabled);
    assert_eq!(count(get_json(&http, &format!("{url}?all"), &token).await), household.accounts.len());

    let deleted = household.accounts.iter().find(|a| a.name == "Compte SCI").unwrap().id;
    let recreated = household.accounts.iter().find(|a| a.name == "Compte joint").unwrap().id;
    sandbox.delete_account(deleted);
    sandbox.recreate_disabled(recreated);
    let listed = get_json(&http, &url, &token).await;
    assert!(ownerships(&listed).iter().all(|o| o["id_account"] != deleted && o["id_account"] != recreated), "hidden without ?all");
    assert_eq!(ownerships(&listed).len(), enabled - 2);
    let all = get_json(&http, &format!("{url}?all"), &token).await;
    assert!([deleted, recreated].iter().all(|id| ownerships(&all).iter().any(|o| o["id_account"] == *id)), "listed with ?all");

    let page = |offset: usize| {
        let (http, token, url) = (http.clone(), token.clone(), url.clone());
        async move { get_json(&http, &format!("{url}?all&limit=5&offset={offset}"), &token).await }
    };
    let pages = [count(page(0).await), count(page(5).await), count(page(10).await), count(page(15).await)];
    assert_eq!(pages, [5, 5, household.accounts.len() - 10, 0], "offset and limit page the list");
}

#[tokio::test]
async fn faults_fire_on_the_ownerships_path_and_only_there() {
    let sandbox = start(SandboxConfig::default()).await.unwrap();
    let http = reqwest::Client::new();
    let token = permanent_token(&http, &sandbox).await;
    let url = format!("{}/users/me/account_ownerships", sandbox.base_url());
    let get = |url: String| http.get(url).bearer_auth(&token).send();

    sandbox.inject(Fault::always(FaultKind::Status { status: 503 }).on_path("/account_ownerships").times(1));
    assert_eq!(get(format!("{}/users/me/accounts", sandbox.base_url())).await.unwrap().status(), 200, "not the accounts");
    let refused = get(url.clone()).await.unwrap();
    assert_eq!(refused.status(), 503);
    assert_eq!(refused.json::<Value>().await.unwrap()["code"], "websiteUnavailable");
    assert_eq!(get(url.clone()).await.unwrap().status(), 200, "the fault fired once");

    sandbox.inject(Fault::always(FaultKind::Status { status: 500 }).on_path("/accounts"));
    assert_eq!(get(url.clone()).await.unwrap().status(), 200, "a fault on /accounts leaves /account_ownerships alone");
    sandbox.clear_faults();

    let corrupted = |kind: FaultKind| {
        sandbox.inject(Fault::always(kind).on_path("/account_ownerships").times(1));
        let response = get(url.clone());
        async move { response.await.unwrap().json::<Value>().await.unwrap() }
    };
    let wrong_type = corrupted(FaultKind::WrongType).await;
    assert!(wrong_type["account_ownerships"][0]["id_account"].is_string(), "{wrong_type}");
    let missing_field = corrupted(FaultKind::MissingField).await;
    assert!(missing_field["account_ownerships"][0].get("id_account").is_none(), "{missing_field}");
    let missing_list = corrupted(FaultKind::MissingList).await;
    assert!(missing_list.get("account_ownerships").is_none(), "{missing_list}");
}
