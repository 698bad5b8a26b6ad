//! Transactions over real loopback HTTP: keyset pages, filters, the envelope, and time moving.

mod support;

use powens_sandbox::{start, LedgerConfig, RunningSandbox, SandboxConfig};
use support::{get_json, permanent_token};
use serde_json::Value;
use std::collections::HashSet;

async fn sandbox(transactions: u64) -> (RunningSandbox, reqwest::Client, String) {
    let config = SandboxConfig { seed: 11, ledger: LedgerConfig { transactions, years: 2 }, ..SandboxConfig::default() };
    let sandbox = start(config).await.unwrap();
    let http = reqwest::Client::new();
    let token = permanent_token(&http, &sandbox).await;
    (sandbox, http, token)
}

/// Follows `_links.next` from `first_url` and returns every transaction and the number of pages.
async fn all_pages(http: &reqwest::Client, token: &str, first_url: String) -> (Vec<Value>, usize) {
    let mut url = Some(first_url);
    let mut items = Vec::new();
    let mut pages = 0;
    while let Some(next) = url {
        let page: Value = get_json(http, &next, token).await;
        pages += 1;
        items.extend(page["transactions"].as_array().unwrap().iter().cloned());
        url = page["_links"]["next"]["href"].as_str().map(str::to_owned);
        assert!(pages < 10_000, "pagination must end");
    }
    (items, pages)
}

#[tokio::test]
async fn every_page_size_returns_every_transaction_exactly_once_in_keyset_order() {
    let (sandbox, http, token) = sandbox(2_500).await;
    let truth: Vec<i64> = sandbox.transactions().iter().filter(|t| !t.deleted).map(|t| t.id).collect();
    for limit in [1000, 333, 50] {
        let (items, pages) = all_pages(&http, &token, format!("{}/users/me/transactions?limit={limit}", sandbox.base_url())).await;
        let ids: Vec<i64> = items.iter().map(|t| t["id"].as_i64().unwrap()).collect();
        assert_eq!(ids, truth, "limit {limit}: same transactions, same order");
        assert_eq!(pages, truth.len().div_ceil(limit));
        let keys: Vec<(String, i64)> = items.iter().map(|t| (t["date"].as_str().unwrap().to_string(), t["id"].as_i64().unwrap())).collect();
        assert!(keys.windows(2).all(|w| w[0] > w[1]), "date descending, then id descending");
    }
}

#[tokio::test]
async fn the_envelope_and_next_links_follow_powens() {
    let (sandbox, http, token) = sandbox(800).await;
    let page: Value = get_json(&http, &format!("{}/users/me/transactions?limit=100&income=false", sandbox.base_url()), &token).await;
    let next = page["_links"]["next"]["href"].as_str().unwrap();
    assert!(next.starts_with(sandbox.base_url()), "absolute link on the same host");
    assert!(next.contains("income=false") && next.contains("cursor="), "filters carried, cursor added: {next}");
    assert!(page["_links"]["prev"].is_null());
    let expenses = sandbox.transactions().iter().filter(|t| !t.deleted && t.value_minor < 0).count();
    assert_eq!(page["total"].as_u64().unwrap() as usize, expenses);
    assert!(page["first_date"].as_str().unwrap() <= page["result_min_date"].as_str().unwrap());
    let first = &page["transactions"][0];
    for field in ["id", "id_account", "date", "rdate", "value", "type", "original_wording", "wording", "coming", "last_update", "date_scraped", "categories"] {
        assert!(!first[field].is_null(), "{field} is set");
    }
    assert!(first["value"].is_number(), "amounts are JSON numbers");
}

#[tokio::test]
async fn filters_behave_as_documented() {
    let (sandbox, http, token) = sandbox(1_500).await;
    let truth = sandbox.transactions();
    let get = |query: String| {
        let http = http.clone();
        let token = token.clone();
        let url = format!("{}/users/me/transactions?{query}", sandbox.base_url());
        async move { all_pages(&http, &token, url).await.0 }
    };
    let incomes = get("limit=1000&income=true".into()).await;
    assert!(!incomes.is_empty() && incomes.iter().all(|t| t["value"].as_f64().unwrap() > 0.0));

    let month = truth[truth.len() / 2].date.format("%Y-%m").to_string();
    let in_month = get(format!("limit=1000&min_date={month}&max_date={month}")).await;
    let expected = truth.iter().filter(|t| !t.deleted && t.date.format("%Y-%m").to_string() == month).count();
    assert_eq!(in_month.len(), expected);

    let all = get("limit=1000&all".into()).await;
    assert_eq!(all.len(), truth.len(), "?all includes deleted transactions");
    let deleted = get("limit=1000&deleted=true".into()).await;
    assert!(!deleted.is_empty() && deleted.iter().all(|t| !t["deleted"].is_null()));

    let netflix = get("limit=1000&wording=netflix".into()).await;
    assert_eq!(netflix.len(), truth.iter().filter(|t| !t.deleted && t.wording == "Netflix").count());

    let account = truth[0].account_id;
    let per_account = all_pages(&http, &token, format!("{}/users/me/accounts/{account}/transactions?limit=1000", sandbox.base_url())).await.0;
    assert_eq!(per_account.len(), truth.iter().filter(|t| !t.deleted && t.account_id == account).count());
}

#[tokio::test]
async fn limit_is_required_and_bounded_and_bad_values_are_refused() {
    let (sandbox, http, token) = sandbox(100).await;
    for (query, code) in [
        ("", "missingParameter"),
        ("limit=0", "invalidValue"),
        ("limit=1001", "invalidValue"),
        ("limit=10&min_date=2024-13", "invalidValue"),
        ("limit=10&last_update=yesterday", "invalidValue"),
        ("limit=10&cursor=%25%25", "invalidValue"),
    ] {
        let response = http.get(format!("{}/users/me/transactions?{query}", sandbox.base_url())).bearer_auth(&token).send().await.unwrap();
        assert_eq!(response.status(), 400, "{query}");
        assert_eq!(response.json::<Value>().await.unwrap()["code"], code, "{query}");
    }
}

#[tokio::test]
async fn advancing_the_clock_adds_books_and_deletes_and_last_update_finds_them() {
    let (sandbox, http, token) = sandbox(3_000).await;
    let before = sandbox.now();
    let known: HashSet<i64> = sandbox.transactions().iter().map(|t| t.id).collect();
    let pending_before: HashSet<i64> = sandbox.transactions().iter().filter(|t| t.coming && !t.deleted).map(|t| t.id).collect();

    let response = http
        .post(format!("{}/__sandbox/clock/advance", sandbox.base_url().trim_end_matches("/2.0")))
        .json(&serde_json::json!({"days": 7}))
        .send()
        .await
        .unwrap();
    assert!(response.status().is_success());
    let after = sandbox.transactions();
    assert!(after.iter().any(|t| !known.contains(&t.id)), "new transactions appeared");
    assert!(after.iter().any(|t| pending_before.contains(&t.id) && !t.coming), "a pending one booked under the same id");

    let changed = all_pages(
        &http,
        &token,
        format!("{}/users/me/transactions?limit=1000&all&last_update={}", sandbox.base_url(), before.replace(' ', "%20")),
    )
    .await
    .0;
    let changed_ids: HashSet<i64> = changed.iter().map(|t| t["id"].as_i64().unwrap()).collect();
    for txn in &after {
        if !known.contains(&txn.id) || (pending_before.contains(&txn.id) && !txn.coming) {
            assert!(changed_ids.contains(&txn.id), "last_update finds transaction {}", txn.id);
        }
    }
    assert!(changed.len() < after.len() / 4, "only what changed is returned");
}

#[tokio::test]
async fn account_balances_equal_the_sum_of_booked_transactions_over_time() {
    let (sandbox, http, token) = sandbox(2_000).await;
    let opening: Vec<(i64, i64)> = sandbox.household().accounts.iter().map(|a| (a.id, sandbox.balance_minor(a.id).unwrap())).collect();
    let booked_before: i64 = sandbox.transactions().iter().filter(|t| !t.coming && !t.deleted && t.account_id == opening[0].0).map(|t| t.value_minor).sum();
    sandbox.advance(std::time::Duration::from_secs(20 * 86_400));
    let booked_after: i64 = sandbox.transactions().iter().filter(|t| !t.coming && !t.deleted && t.account_id == opening[0].0).map(|t| t.value_minor).sum();
    assert_eq!(sandbox.balance_minor(opening[0].0).unwrap() - opening[0].1, booked_after - booked_before);

    let accounts: Value = get_json(&http, &format!("{}/users/me/accounts", sandbox.base_url()), &token).await;
    let first = accounts["accounts"].as_array().unwrap().iter().find(|a| a["id"] == opening[0].0).unwrap();
    let shown = (first["balance"].as_f64().unwrap() * 100.0).round() as i64;
    assert_eq!(shown, sandbox.balance_minor(opening[0].0).unwrap());
}

#[tokio::test]
async fn control_calls_are_not_counted_but_every_api_call_is() {
    let (sandbox, http, token) = sandbox(10).await;
    let before = sandbox.request_count();
    let root = sandbox.base_url().trim_end_matches("/2.0").to_string();
    let stats: Value = http.get(format!("{root}/__sandbox/stats")).send().await.unwrap().json().await.unwrap();
    assert_eq!(stats["requests"].as_u64().unwrap(), before);
    http.get(format!("{}/users/me/transactions?limit=5", sandbox.base_url())).bearer_auth(&token).send().await.unwrap();
    http.get(format!("{}/nope", sandbox.base_url())).send().await.unwrap();
    assert_eq!(sandbox.request_count(), before + 2);
}
