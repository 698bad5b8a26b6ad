//! The Wealth & Loans routes over real loopback HTTP: every object served has exactly the fields
//! `powens_sandbox::fields` documents, with values of their types; what is served is the sandbox's truth; positions
//! add up to their account's balance at the start, quotes move with the clock (and only with it), the scripted sale
//! and the pending order happen when the clock passes them, the mortgage's amortizations are its schedule and its
//! account follows it; scoping, errors and faults are those of the other routes.

mod support;

use chrono::{NaiveDate, NaiveDateTime};
use powens_sandbox::faults::{Fault, FaultKind};
use powens_sandbox::fields::{self, Field};
use powens_sandbox::{start, RunningSandbox, SandboxConfig};
use serde_json::Value;
use std::collections::BTreeSet;
use std::time::Duration;
use support::{get_json, permanent_token};

/// A Wednesday, 08:00: the day's quotes are out (06:00), the Saturday is three days on.
fn anchor() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 25).unwrap().and_hms_opt(8, 0, 0).unwrap()
}

async fn sandbox() -> RunningSandbox {
    start(SandboxConfig { anchor: Some(anchor()), ..Default::default() }).await.unwrap()
}

fn hours(n: u64) -> Duration {
    Duration::from_secs(n * 3_600)
}

/// What is wrong with `value` against `table` (empty when it has exactly those keys, with values of those types).
fn field_errors(value: &Value, table: &[Field], what: &str) -> Vec<String> {
    let Some(object) = value.as_object() else { return vec![format!("{what}: not an object: {value}")] };
    let mut errors = Vec::new();
    let documented: BTreeSet<&str> = table.iter().map(|(name, _, _)| *name).collect();
    let served: BTreeSet<&str> = object.keys().map(String::as_str).collect();
    for extra in served.difference(&documented) {
        errors.push(format!("{what}: `{extra}` is served but not documented"));
    }
    for missing in documented.difference(&served) {
        errors.push(format!("{what}: `{missing}` is documented but not served"));
    }
    for (name, types, source) in table {
        assert!(!source.is_empty(), "`{name}` has no source");
        if let Some(field) = object.get(*name) {
            if !types.split('|').any(|t| has_type(field, t)) {
                errors.push(format!("{what}: `{name}` is {field}, not {types}"));
            }
        }
    }
    errors
}

fn has_type(value: &Value, kind: &str) -> bool {
    match kind {
        "integer" => value.is_i64() || value.is_u64(),
        "number" => value.is_number(),
        "string" => value.is_string(),
        "date" => value.as_str().is_some_and(|s| s.len() == 10 && NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok()),
        "datetime" => value.as_str().is_some_and(|s| NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S").is_ok()),
        "boolean" => value.is_boolean(),
        "array" => value.is_array(),
        "object" => value.is_object(),
        "null" => value.is_null(),
        other => panic!("`{other}` is not a type a fields table may use"),
    }
}

/// A JSON number as an integer with `scale` decimals (the sandbox's integers, back from the wire).
fn scaled(value: &Value, scale: i32) -> i64 {
    let number = value.as_f64().unwrap_or_else(|| panic!("{value} is not a number"));
    (number * 10f64.powi(scale)).round() as i64
}

fn list<'a>(body: &'a Value, key: &str) -> &'a Vec<Value> {
    body[key].as_array().unwrap_or_else(|| panic!("no {key} list in {body}"))
}

fn account_id(sandbox: &RunningSandbox, name: &str) -> i64 {
    sandbox.household().accounts.iter().find(|a| a.name == name).unwrap_or_else(|| panic!("no account {name}")).id
}

#[test]
fn the_field_check_catches_a_missing_an_extra_and_a_mistyped_field() {
    let table: &[Field] = &[("id", "integer", "here"), ("vdate", "date|null", "here"), ("last_update", "datetime", "here")];
    let good = serde_json::json!({"id": 1, "vdate": null, "last_update": "2026-11-25 08:00:00"});
    assert!(field_errors(&good, table, "good").is_empty());
    assert!(field_errors(&serde_json::json!({"id": 1, "vdate": "2026-11-25", "last_update": "2026-11-25 08:00:00"}), table, "a date").is_empty());
    let missing = serde_json::json!({"id": 1, "last_update": "2026-11-25 08:00:00"});
    assert_eq!(field_errors(&missing, table, "x"), ["x: `vdate` is documented but not served"]);
    let extra = serde_json::json!({"id": 1, "vdate": null, "last_update": "2026-11-25 08:00:00", "more": 2});
    assert_eq!(field_errors(&extra, table, "x"), ["x: `more` is served but not documented"]);
    let mistyped = serde_json::json!({"id": 1.5, "vdate": "2026-11-25 08:00:00", "last_update": "2026-11-25"});
    assert_eq!(field_errors(&mistyped, table, "x").len(), 3, "a float id, a datetime for a date, a date for a datetime");
}

/// Every object of every Wealth & Loans list, at one clock reading, against its table; returns the investments.
async fn check_everything(http: &reqwest::Client, sandbox: &RunningSandbox, token: &str) -> Vec<Value> {
    let base = sandbox.base_url();
    let mut errors = Vec::new();
    let envelope = get_json(http, &format!("{base}/users/me/investments"), token).await;
    errors.extend(field_errors(&envelope, fields::INVESTMENTS_LIST_FIELDS, "InvestmentsList"));
    let investments = list(&envelope, "investments").clone();
    for investment in &investments {
        let what = format!("investment {}", investment["label"]);
        errors.extend(field_errors(investment, fields::INVESTMENT_FIELDS, &what));
        if !investment["details"].is_null() {
            errors.extend(field_errors(&investment["details"], fields::INVESTMENT_DETAILS_FIELDS, &format!("{what} details")));
        }
        let history = get_json(http, &format!("{base}/users/me/investments/{}/history", investment["id"]), token).await;
        errors.extend(field_errors(&history, fields::INVESTMENT_HISTORY_LIST_FIELDS, "InvestmentHistoryValuesList"));
        for value in list(&history, "investmentvalues") {
            errors.extend(field_errors(value, fields::INVESTMENT_HISTORY_FIELDS, &format!("{what} history")));
        }
    }
    let orders = get_json(http, &format!("{base}/users/me/marketorders"), token).await;
    errors.extend(field_errors(&orders, fields::MARKET_ORDERS_LIST_FIELDS, "MarketOrdersList"));
    for order in list(&orders, "marketorders") {
        let what = format!("market order {}", order["id"]);
        errors.extend(field_errors(order, fields::MARKET_ORDER_FIELDS, &what));
        errors.extend(field_errors(&order["order_direction"], fields::MARKET_ORDER_KIND_FIELDS, &format!("{what} direction")));
        errors.extend(field_errors(&order["order_type"], fields::MARKET_ORDER_KIND_FIELDS, &format!("{what} type")));
    }
    let amortizations = get_json(http, &format!("{base}/users/me/amortizations"), token).await;
    errors.extend(field_errors(&amortizations, fields::LOAN_AMORTIZATIONS_LIST_FIELDS, "LoanAmortizationsList"));
    for row in list(&amortizations, "loanamortizations") {
        let what = format!("amortization {}", row["period"]);
        errors.extend(field_errors(row, fields::LOAN_AMORTIZATION_FIELDS, &what));
        for amount in ["amortization_amount", "interest_amount", "insurance_amount", "total_payment_amount", "remaining_capital"] {
            errors.extend(field_errors(&row[amount], fields::MONETARY_AMOUNT_FIELDS, &format!("{what} {amount}")));
        }
    }
    let accounts = get_json(http, &format!("{base}/users/me/accounts?all"), token).await;
    for account in list(&accounts, "accounts") {
        let what = format!("account {}", account["name"]);
        let invests = matches!(account["type"].as_str(), Some("pea" | "lifeinsurance" | "market"));
        for (name, types, _) in fields::WEALTH_ACCOUNT_FIELDS {
            match account.get(*name) {
                Some(value) if invests && types.split('|').any(|t| has_type(value, t)) => {}
                Some(value) if invests => errors.push(format!("{what}: `{name}` is {value}, not {types}")),
                None if invests => errors.push(format!("{what}: no `{name}`")),
                Some(_) => errors.push(format!("{what}: `{name}` on an account that does not invest")),
                None => {}
            }
        }
        if !account["loan"].is_null() {
            errors.extend(field_errors(&account["loan"], fields::LOAN_FIELDS, &format!("{what} loan")));
        }
    }
    assert!(errors.is_empty(), "served objects differ from the documented fields:\n{}", errors.join("\n"));
    investments
}

#[tokio::test]
async fn every_served_object_has_exactly_the_documented_fields_at_every_stage() {
    let sandbox = sandbox().await;
    let http = reqwest::Client::new();
    let token = permanent_token(&http, &sandbox).await;
    let at_start = check_everything(&http, &sandbox, &token).await;
    // The documented nulls are exercised: the euro fund has no code nor units, only some funds have details.
    let euro = at_start.iter().find(|i| i["code"].is_null()).expect("a line without a code");
    assert_eq!((&euro["quantity"], &euro["unitprice"], &euro["unitvalue"], &euro["code_type"]), (&Value::Null, &Value::Null, &Value::Null, &Value::Null));
    assert_eq!(euro["source"], "notFound");
    assert!(euro["valuation"].as_f64().unwrap() > 0.0);
    let with_details = at_start.iter().filter(|i| i["details"].is_object()).count();
    assert!((1..=3).contains(&with_details), "a few funds have details: {with_details}");
    assert!(at_start.iter().all(|i| i["deleted"].is_null()));
    let orders = get_json(&http, &format!("{}/users/me/marketorders", sandbox.base_url()), &token).await;
    assert!(list(&orders, "marketorders").iter().any(|o| o["state"] == "Pending" && o["execution_date"].is_null()));

    sandbox.advance(Duration::from_secs(20 * 86_400) + hours(3));
    let later = check_everything(&http, &sandbox, &token).await;
    assert!(later.iter().any(|i| i["deleted"].is_string()), "a sold line is served, deleted");
    let orders = get_json(&http, &format!("{}/users/me/marketorders", sandbox.base_url()), &token).await;
    assert!(list(&orders, "marketorders").iter().all(|o| o["state"] == "Executed"));
}

#[tokio::test]
async fn served_investments_are_the_truth_and_add_up_to_each_accounts_balance_at_the_start() {
    let sandbox = sandbox().await;
    let http = reqwest::Client::new();
    let token = permanent_token(&http, &sandbox).await;
    let base = sandbox.base_url();
    let accounts = get_json(&http, &format!("{base}/users/me/accounts"), &token).await;
    let truth = sandbox.positions();
    assert_eq!(truth, sandbox.positions_at(anchor()), "the truth now is the truth at the clock");
    for name in ["PEA", "Assurance vie Vitalia", "Compte titres USD"] {
        let id = account_id(&sandbox, name);
        let account = list(&accounts, "accounts").iter().find(|a| a["id"] == id).unwrap();
        let envelope = get_json(&http, &format!("{base}/users/me/accounts/{id}/investments"), &token).await;
        let investments = list(&envelope, "investments");
        assert!(investments.len() >= 4, "{name}: {} lines", investments.len());
        let balance = sandbox.balance_minor(id).unwrap();
        assert_eq!(scaled(&account["balance"], 2), balance);
        assert_eq!(scaled(&envelope["valuation"], 2), balance, "{name}: the positions add up to the balance at the start");
        assert_eq!(investments.iter().map(|i| scaled(&i["valuation"], 2)).sum::<i64>(), balance, "{name}: to the cent");
        assert_eq!(scaled(&account["valuation"], 2), balance, "{name}: the account's valuation too");
        let wealth = sandbox.account_wealth(id).unwrap();
        assert_eq!((scaled(&account["diff"], 2), scaled(&account["prev_diff"], 2)), (wealth.diff_minor, wealth.prev_diff_minor));
        assert_eq!(scaled(&envelope["diff"], 2), wealth.diff_minor, "{name}: the list's diff is the account's");
        for investment in investments {
            let line = truth.iter().find(|p| p.id == investment["id"].as_i64().unwrap()).unwrap();
            assert_eq!(investment["id_account"], id);
            assert_eq!(scaled(&investment["valuation"], 2), line.valuation_minor);
            assert_eq!(scaled(&investment["diff"], 2), line.diff_minor);
            assert_eq!(scaled(&investment["portfolio_share"], 6), line.portfolio_share_e6);
            assert_eq!(investment["quantity"].as_f64().map(|_| scaled(&investment["quantity"], 6)), line.quantity_e6);
            assert_eq!(investment["unitvalue"].as_f64().map(|_| scaled(&investment["unitvalue"], 4)), line.unitvalue_e4);
            assert_eq!(investment["vdate"], "2026-11-25");
            assert_eq!(investment["code"].as_str(), line.security.isin);
            if let (Some(quantity), Some(unitvalue)) = (line.quantity_e6, line.unitvalue_e4) {
                assert_eq!(line.valuation_minor, powens_sandbox::portfolio::value_minor(quantity, unitvalue));
            }
        }
    }
    let checking = account_id(&sandbox, "Compte de dépôt");
    assert_eq!(sandbox.account_wealth(checking), None);
    let envelope = get_json(&http, &format!("{base}/users/me/accounts/{checking}/investments"), &token).await;
    assert_eq!((list(&envelope, "investments").len(), &envelope["valuation"], &envelope["total"]), (0, &serde_json::json!(0.0), &serde_json::json!(0)));
}

#[tokio::test]
async fn quotes_move_only_when_the_clock_does_and_a_weekend_carries_fridays() {
    let sandbox = sandbox().await;
    let http = reqwest::Client::new();
    let token = permanent_token(&http, &sandbox).await;
    let url = format!("{}/users/me/investments", sandbox.base_url());
    let listed = |http: reqwest::Client, token: String, url: String| async move { list(&get_json(&http, &url, &token).await, "investments").clone() };
    let wednesday = listed(http.clone(), token.clone(), url.clone()).await;
    assert_eq!(wednesday, listed(http.clone(), token.clone(), url.clone()).await, "the same clock, the same answer");
    sandbox.advance(hours(1));
    assert_eq!(wednesday, listed(http.clone(), token.clone(), url.clone()).await, "no new quote within the day");
    sandbox.advance(hours(23));
    let thursday = listed(http.clone(), token.clone(), url.clone()).await;
    let moved = wednesday.iter().zip(&thursday).filter(|(a, b)| !a["unitvalue"].is_null() && a["unitvalue"] != b["unitvalue"]).count();
    assert!(moved >= 10, "quotes moved overnight: {moved}");
    assert!(thursday.iter().all(|i| i["vdate"] == "2026-11-26" && i["prev_vdate"] == "2026-11-25" && i["last_update"] == "2026-11-26 06:00:00"));
    sandbox.advance(hours(24));
    let friday = listed(http.clone(), token.clone(), url.clone()).await;
    sandbox.advance(hours(24));
    let saturday = listed(http.clone(), token.clone(), url.clone()).await;
    sandbox.advance(hours(24));
    let sunday = listed(http.clone(), token.clone(), url.clone()).await;
    for ((fri, sat), sun) in friday.iter().zip(&saturday).zip(&sunday).filter(|((f, _), _)| !f["unitvalue"].is_null()) {
        assert_eq!((&sat["vdate"], &sun["vdate"]), (&fri["vdate"], &fri["vdate"]), "{}: the weekend shows Friday's quote", fri["label"]);
        assert_eq!((&sat["unitvalue"], &sun["unitvalue"], &sun["valuation"]), (&fri["unitvalue"], &fri["unitvalue"], &fri["valuation"]));
        assert_eq!(sun["last_update"], "2026-11-27 06:00:00", "unchanged since Friday's quote");
    }
    let euro = |lines: &[Value]| lines.iter().find(|i| i["code"].is_null()).map(|i| (scaled(&i["valuation"], 2), i["vdate"].clone())).unwrap();
    assert!(euro(&sunday).0 > euro(&saturday).0, "the euro fund earns on Sundays too");
    assert_eq!(euro(&sunday).1, "2026-11-29");
    sandbox.advance(hours(24));
    let monday = listed(http, token, url).await;
    assert!(monday.iter().filter(|i| !i["unitvalue"].is_null()).all(|i| i["vdate"] == "2026-11-30" && i["prev_vdate"] == "2026-11-27"));
    let history = sandbox.investment_history(monday[0]["id"].as_i64().unwrap());
    assert_eq!(history[0].0.to_string(), "2026-11-30");
    assert_eq!(history[1].0.to_string(), "2026-11-27", "the history skips the weekend");
}

#[tokio::test]
async fn the_sold_line_is_served_deleted_and_leaves_the_totals() {
    let sandbox = sandbox().await;
    let http = reqwest::Client::new();
    let token = permanent_token(&http, &sandbox).await;
    let base = sandbox.base_url();
    let pea = account_id(&sandbox, "PEA");
    let url = format!("{base}/users/me/accounts/{pea}/investments");
    let total_energies = |body: &Value| list(body, "investments").iter().find(|i| i["code"] == "FR0000120271").cloned().expect("the TotalEnergies line");
    let before = get_json(&http, &url, &token).await;
    let held = total_energies(&before);
    assert!(held["deleted"].is_null() && held["quantity"].as_f64().unwrap() >= 1.0);
    // 2026-12-15 (twenty days on) at 10:15, the whole line is sold at the market.
    sandbox.advance(Duration::from_secs(20 * 86_400) + hours(2) + Duration::from_secs(14 * 60 + 59));
    assert!(total_energies(&get_json(&http, &url, &token).await)["deleted"].is_null(), "a second before the sale");
    sandbox.advance(Duration::from_secs(1));
    let after = get_json(&http, &url, &token).await;
    let sold = total_energies(&after);
    assert_eq!((&sold["deleted"], &sold["last_update"], &sold["vdate"]), (&serde_json::json!("2026-12-15"), &serde_json::json!("2026-12-15 10:15:00"), &serde_json::json!("2026-12-15")));
    assert_eq!((sold["quantity"].as_f64(), sold["valuation"].as_f64(), sold["portfolio_share"].as_f64()), (Some(0.0), Some(0.0), Some(0.0)));
    let live: i64 = list(&after, "investments").iter().filter(|i| i["deleted"].is_null()).map(|i| scaled(&i["valuation"], 2)).sum();
    assert_eq!(scaled(&after["valuation"], 2), live, "the sold line is out of the totals");
    assert_eq!(after["total"], list(&after, "investments").len(), "and still listed");
    let accounts = get_json(&http, &format!("{base}/users/me/accounts"), &token).await;
    let account = list(&accounts, "accounts").iter().find(|a| a["id"] == pea).unwrap();
    assert_eq!(account["valuation"], after["valuation"]);
    let orders = get_json(&http, &format!("{base}/users/me/accounts/{pea}/marketorders"), &token).await;
    let sale = list(&orders, "marketorders").iter().find(|o| o["code"] == "FR0000120271").expect("the sale's order");
    assert_eq!((&sale["order_direction"]["name"], &sale["order_type"]["name"], &sale["state"]), (&serde_json::json!("SALE"), &serde_json::json!("MARKET"), &serde_json::json!("Executed")));
    assert_eq!((&sale["date"], &sale["execution_date"]), (&serde_json::json!("2026-12-15 10:15:00"), &serde_json::json!("2026-12-15 10:15:00")));
    assert_eq!(sale["quantity"], held["quantity"], "every share");
    let truth = sandbox.positions().into_iter().find(|p| p.security.isin == Some("FR0000120271")).unwrap();
    assert_eq!(truth.deleted, NaiveDate::from_ymd_opt(2026, 12, 15));
}

#[tokio::test]
async fn the_pending_order_executes_when_the_clock_passes_its_date() {
    let sandbox = sandbox().await;
    let http = reqwest::Client::new();
    let token = permanent_token(&http, &sandbox).await;
    let base = sandbox.base_url();
    let usd = account_id(&sandbox, "Compte titres USD");
    let order = |body: &Value| list(body, "marketorders").iter().find(|o| o["state"] == "Pending" || o["code"] == "US0378331005" && o["order_type"]["name"] == "LIMIT").cloned().unwrap();
    let orders_url = format!("{base}/users/me/accounts/{usd}/marketorders");
    let pending = order(&get_json(&http, &orders_url, &token).await);
    assert_eq!((&pending["state"], &pending["code"], &pending["order_direction"]["name"]), (&serde_json::json!("Pending"), &serde_json::json!("US0378331005"), &serde_json::json!("BUY")));
    for empty in ["execution_date", "amount", "unitprice", "unitvalue"] {
        assert!(pending[empty].is_null(), "{empty} before execution");
    }
    let apple = |body: &Value| list(body, "investments").iter().find(|i| i["code"] == "US0378331005").cloned().unwrap();
    let investments_url = format!("{base}/users/me/accounts/{usd}/investments");
    let held = apple(&get_json(&http, &investments_url, &token).await);
    // It executes on Monday 2026-11-30 at 15:45 (three days on is a Saturday).
    sandbox.advance(Duration::from_secs(5 * 86_400) + hours(7) + Duration::from_secs(44 * 60 + 59));
    assert_eq!(order(&get_json(&http, &orders_url, &token).await)["state"], "Pending");
    sandbox.advance(Duration::from_secs(1));
    let executed = order(&get_json(&http, &orders_url, &token).await);
    assert_eq!((&executed["id"], &executed["state"], &executed["execution_date"]), (&pending["id"], &serde_json::json!("Executed"), &serde_json::json!("2026-11-30 15:45:00")));
    assert_eq!(executed["last_update"], "2026-11-30 15:45:00");
    let price = scaled(&executed["unitprice"], 4);
    assert!(price <= scaled(&executed["ordervalue"], 4), "the limit was met");
    assert_eq!(scaled(&executed["amount"], 2), powens_sandbox::portfolio::value_minor(scaled(&executed["quantity"], 6), price));
    let bought = apple(&get_json(&http, &investments_url, &token).await);
    assert_eq!(scaled(&bought["quantity"], 6) - scaled(&held["quantity"], 6), scaled(&executed["quantity"], 6), "the shares are in the line");
    assert_eq!(bought["last_update"], "2026-11-30 15:45:00");
    let truth = sandbox.market_orders().into_iter().find(|o| o.id == executed["id"].as_i64().unwrap()).unwrap();
    assert_eq!((truth.state, truth.unitprice_e4), ("Executed", Some(price)));
}

#[tokio::test]
async fn amortizations_are_the_mortgage_schedule_and_the_loan_account_follows_it() {
    let sandbox = sandbox().await;
    let http = reqwest::Client::new();
    let token = permanent_token(&http, &sandbox).await;
    let base = sandbox.base_url();
    let loan_id = account_id(&sandbox, "Prêt immobilier");
    let (schedule_account, schedule) = sandbox.mortgage_schedule().unwrap();
    assert_eq!(schedule_account, loan_id);
    let terms = sandbox.household().accounts.iter().find(|a| a.id == loan_id).unwrap().loan.clone().unwrap();
    assert_eq!(schedule.iter().map(|p| p.principal_minor).sum::<i64>(), terms.total_amount_minor, "the principal parts repay the loan exactly");
    assert!(schedule[..schedule.len() - 1].iter().all(|p| p.total_minor == powens_sandbox::household::MORTGAGE_PAYMENT_MINOR), "1,150.00 a month");

    let body = get_json(&http, &format!("{base}/users/me/amortizations"), &token).await;
    let rows = list(&body, "loanamortizations");
    assert_eq!(body["total"], rows.len());
    assert_eq!(rows[0]["period"], "2026-11", "from the month of the first sync on");
    assert_eq!(rows.last().unwrap()["payment_date"].as_str(), Some(terms.maturity_date.as_str()));
    assert_eq!(rows.last().unwrap()["remaining_capital"]["value"].as_f64(), Some(0.0));
    let served = sandbox.amortizations();
    assert_eq!(served.len(), rows.len());
    for (row, truth) in rows.iter().zip(&served) {
        let value = |key: &str| scaled(&row[key]["value"], 2);
        assert_eq!(row["id_account"], loan_id);
        assert!(row.as_object().unwrap().values().filter(|v| v.is_object()).all(|v| v["currency"] == "EUR"));
        assert_eq!(value("amortization_amount") + value("interest_amount") + value("insurance_amount"), value("total_payment_amount"));
        assert_eq!((value("amortization_amount"), value("remaining_capital")), (truth.period.principal_minor, truth.period.remaining_minor));
        assert_eq!(row["last_update"], "2026-11-25 08:00:00", "refreshed at the first sync");
    }
    for pair in rows.windows(2) {
        let remaining = |row: &Value| scaled(&row["remaining_capital"]["value"], 2);
        assert_eq!(remaining(&pair[0]) - remaining(&pair[1]), scaled(&pair[1]["amortization_amount"]["value"], 2));
    }
    for alias in [format!("{base}/users/me/accounts/{loan_id}/amortizations"), format!("{base}/users/me/connections/101/amortizations")] {
        assert_eq!(get_json(&http, &alias, &token).await, body, "{alias}");
    }
    let pea = account_id(&sandbox, "PEA");
    let other = get_json(&http, &format!("{base}/users/me/accounts/{pea}/amortizations"), &token).await;
    assert_eq!((list(&other, "loanamortizations").len(), &other["total"]), (0, &serde_json::json!(0)));

    // The loan object and the loan account's balance agree with the schedule, before and after a payment.
    let accounts_url = format!("{base}/users/me/accounts");
    let loan_now = |http: reqwest::Client, token: String| {
        let url = accounts_url.clone();
        async move {
            let accounts = get_json(&http, &url, &token).await;
            list(&accounts, "accounts").iter().find(|a| a["id"] == loan_id).cloned().unwrap()
        }
    };
    let account = loan_now(http.clone(), token.clone()).await;
    let (_, state) = sandbox.mortgage_state().unwrap();
    let loan = &account["loan"];
    assert_eq!(scaled(&account["balance"], 2), -state.remaining_minor, "the balance is minus the capital due");
    assert_eq!(sandbox.balance_minor(loan_id), Some(-state.remaining_minor));
    assert_eq!((loan["next_payment_date"].as_str(), scaled(&loan["next_payment_amount"], 2)), (Some("2026-12-05"), 115_000));
    assert_eq!(loan["last_payment_date"], "2026-11-05");
    assert_eq!((&loan["nb_payments_done"], &loan["nb_payments_total"]), (&serde_json::json!(state.payments_done), &serde_json::json!(240)));
    assert_eq!(loan["nb_payments_left"].as_i64(), Some(240 - state.payments_done));
    assert_eq!((&loan["deferred"], &loan["start_repayment_date"]), (&serde_json::json!(false), &serde_json::json!(terms.start_repayment_date)));
    assert_eq!(scaled(&loan["total_amount"], 2), terms.total_amount_minor);
    assert_eq!(scaled(&loan["insurance_amount"], 2), schedule[0].insurance_minor);
    let insurance_rate = loan["insurance_rate"].as_f64().unwrap();
    assert!(insurance_rate > 0.0 && insurance_rate < 0.01, "a ratio: {insurance_rate}");
    let served_period = rows.iter().find(|r| r["payment_date"] == "2026-12-05").unwrap().clone();
    // 2026-12-05 at 06:00 the payment books: the schedule, the account and the ledger move together.
    sandbox.advance(Duration::from_secs(9 * 86_400) + hours(21) + Duration::from_secs(3_599));
    let just_before = loan_now(http.clone(), token.clone()).await;
    assert_eq!(just_before["loan"]["nb_payments_done"], loan["nb_payments_done"]);
    assert_eq!(just_before["balance"], account["balance"]);
    sandbox.advance(Duration::from_secs(1));
    let after = loan_now(http.clone(), token.clone()).await;
    assert_eq!(after["loan"]["nb_payments_done"].as_i64(), Some(state.payments_done + 1));
    assert_eq!(after["loan"]["last_payment_date"], "2026-12-05");
    assert_eq!(after["loan"]["next_payment_date"], "2027-01-05");
    assert_eq!(scaled(&after["balance"], 2) - scaled(&account["balance"], 2), scaled(&served_period["amortization_amount"]["value"], 2), "the principal part");
    assert_eq!(scaled(&after["balance"], 2), -scaled(&served_period["remaining_capital"]["value"], 2));
    let paid: Vec<i64> = sandbox.transactions().iter().filter(|t| t.date.to_string() == "2026-12-05" && t.wording == "Échéance prêt immobilier").map(|t| t.value_minor).collect();
    assert_eq!(paid.iter().copied().collect::<BTreeSet<_>>(), BTreeSet::from([-115_000, scaled(&served_period["amortization_amount"]["value"], 2)]));
    assert_eq!(get_json(&http, &format!("{base}/users/me/amortizations"), &token).await["loanamortizations"][0]["last_update"], "2026-12-01 06:00:00", "refreshed monthly");
}

#[tokio::test]
async fn scoping_filters_and_errors_follow_the_other_routes() {
    let sandbox = sandbox().await;
    let http = reqwest::Client::new();
    let token = permanent_token(&http, &sandbox).await;
    let base = sandbox.base_url();
    let routes = [("investments", "investments"), ("marketorders", "marketorders"), ("amortizations", "loanamortizations")];
    for (route, key) in routes {
        let anonymous = http.get(format!("{base}/users/me/{route}")).send().await.unwrap();
        assert_eq!(anonymous.status(), 401, "{route}");
        assert_eq!(anonymous.json::<Value>().await.unwrap()["code"], "invalidToken");
        let other_user = http.get(format!("{base}/users/999/{route}")).bearer_auth(&token).send().await.unwrap();
        assert_eq!(other_user.status(), 404, "{route}");
        for unknown in [format!("{base}/users/me/accounts/4242/{route}"), format!("{base}/users/me/connections/4242/{route}")] {
            let response = http.get(&unknown).bearer_auth(&token).send().await.unwrap();
            assert_eq!(response.status(), 404, "{unknown}");
            assert_eq!(response.json::<Value>().await.unwrap()["code"], "notFound");
        }
        let disabled = sandbox.household().accounts.iter().find(|a| a.disabled.is_some()).unwrap().id;
        let hidden = http.get(format!("{base}/users/me/accounts/{disabled}/{route}")).bearer_auth(&token).send().await.unwrap();
        assert_eq!(hidden.status(), 404, "a disabled account's list needs ?all, as its transactions do");
        let shown = get_json(&http, &format!("{base}/users/me/accounts/{disabled}/{route}?all"), &token).await;
        assert_eq!(list(&shown, key).len(), 0, "{route}: nothing on a term deposit");
    }
    let me = get_json(&http, &format!("{base}/users/me"), &token).await;
    for (route, _) in routes {
        let by_me = get_json(&http, &format!("{base}/users/me/{route}"), &token).await;
        assert_eq!(get_json(&http, &format!("{base}/users/{}/{route}", me["id"]), &token).await, by_me, "`me` and the user's id");
    }

    // Per connection: Boursorama holds the PEA and the life insurance, Swissquote the US account.
    let all = get_json(&http, &format!("{base}/users/me/investments"), &token).await;
    let accounts_of = |body: &Value| list(body, "investments").iter().map(|i| i["id_account"].as_i64().unwrap()).collect::<BTreeSet<_>>();
    let boursorama = get_json(&http, &format!("{base}/users/me/connections/102/investments"), &token).await;
    assert_eq!(accounts_of(&boursorama), BTreeSet::from([account_id(&sandbox, "PEA"), account_id(&sandbox, "Assurance vie Vitalia")]));
    let swissquote = get_json(&http, &format!("{base}/users/me/connections/103/investments"), &token).await;
    assert_eq!(accounts_of(&swissquote), BTreeSet::from([account_id(&sandbox, "Compte titres USD")]));
    assert_eq!(list(&boursorama, "investments").len() + list(&swissquote, "investments").len(), list(&all, "investments").len());
    assert_eq!(list(&get_json(&http, &format!("{base}/users/me/connections/101/investments"), &token).await, "investments").len(), 0);

    // Filters: the ISIN, keywords of the label (any case), and pages whose totals cover the whole list.
    let by_code = get_json(&http, &format!("{base}/users/me/investments?code=US0378331005"), &token).await;
    assert_eq!(list(&by_code, "investments").iter().map(|i| i["stock_symbol"].clone()).collect::<Vec<_>>(), [serde_json::json!("AAPL")]);
    assert_eq!(by_code["valuation"], list(&by_code, "investments")[0]["valuation"]);
    let by_label = get_json(&http, &format!("{base}/users/me/investments?label=amundi%20PEA"), &token).await;
    assert_eq!(list(&by_label, "investments").len(), 2, "Amundi PEA S&P 500 and Amundi PEA Nasdaq-100");
    let page = get_json(&http, &format!("{base}/users/me/investments?offset=3&limit=2"), &token).await;
    assert_eq!(list(&page, "investments").iter().map(|i| i["id"].clone()).collect::<Vec<_>>(), list(&all, "investments")[3..5].to_vec().iter().map(|i| i["id"].clone()).collect::<Vec<_>>());
    assert_eq!((&page["total"], &page["valuation"]), (&all["total"], &all["valuation"]));

    // One investment, its history, one market order; unknown ids are 404.
    let first = &list(&all, "investments")[1];
    for url in [format!("{base}/users/me/investments/{}", first["id"]), format!("{base}/investments/{}", first["id"])] {
        assert_eq!(&get_json(&http, &url, &token).await, first, "{url}");
    }
    let history = get_json(&http, &format!("{base}/investments/{}/history", first["id"]), &token).await;
    assert_eq!(history, get_json(&http, &format!("{base}/users/me/investments/{}/history", first["id"]), &token).await);
    let values = list(&history, "investmentvalues");
    assert!((21..=23).contains(&values.len()), "a month of business days: {}", values.len());
    assert_eq!((&values[0]["vdate"], &values[0]["unitvalue"], &values[0]["id_investment"]), (&first["vdate"], &first["unitvalue"], &first["id"]));
    let orders = get_json(&http, &format!("{base}/users/me/marketorders"), &token).await;
    let order = &list(&orders, "marketorders")[0];
    assert_eq!(&get_json(&http, &format!("{base}/marketorders/{}", order["id"]), &token).await, order);
    for unknown in ["investments/1", "investments/1/history", "marketorders/1"] {
        let response = http.get(format!("{base}/users/me/{unknown}")).bearer_auth(&token).send().await.unwrap();
        assert_eq!(response.status(), 404, "{unknown}");
    }

    // Quoted amounts, as some live payloads have them, reach these lists too, each with its own decimals.
    sandbox.amounts_as_strings(true);
    let quoted = get_json(&http, &format!("{base}/users/me/investments?code={}", first["code"].as_str().unwrap()), &token).await;
    let line = &list(&quoted, "investments")[0];
    assert_eq!(line["valuation"].as_str().map(|v| v.split('.').nth(1).map(str::len)), Some(Some(2)), "{line}");
    assert_eq!(line["quantity"].as_str().map(|v| v.split('.').nth(1).map(str::len)), Some(Some(6)), "{line}");
    assert_eq!(line["unitvalue"].as_str().map(|v| v.split('.').nth(1).map(str::len)), Some(Some(4)), "{line}");
    let rows = get_json(&http, &format!("{base}/users/me/amortizations?limit=1"), &token).await;
    assert!(rows["loanamortizations"][0]["total_payment_amount"]["value"].is_string());
    assert_eq!(list(&rows, "loanamortizations").len(), 1);
}

#[tokio::test]
async fn faults_fire_on_the_wealth_paths_and_only_there() {
    let sandbox = sandbox().await;
    let http = reqwest::Client::new();
    let token = permanent_token(&http, &sandbox).await;
    let base = sandbox.base_url();
    let get = |url: String| http.get(url).bearer_auth(&token).send();
    sandbox.inject(Fault::always(FaultKind::Status { status: 503 }).on_path("/investments").times(1));
    assert_eq!(get(format!("{base}/users/me/accounts")).await.unwrap().status(), 200, "not the accounts");
    let refused = get(format!("{base}/users/me/investments")).await.unwrap();
    assert_eq!(refused.status(), 503);
    assert_eq!(refused.json::<Value>().await.unwrap()["code"], "websiteUnavailable");
    assert_eq!(get(format!("{base}/users/me/investments")).await.unwrap().status(), 200, "the fault fired once");

    let first_id = get_json(&http, &format!("{base}/users/me/investments"), &token).await["investments"][0]["id"].clone();
    let lists = [
        ("/users/me/investments".to_string(), "investments", "valuation"),
        (format!("/users/me/investments/{first_id}/history"), "investmentvalues", "vdate"),
        ("/users/me/marketorders".to_string(), "marketorders", "order_direction"),
        ("/users/me/amortizations".to_string(), "loanamortizations", "remaining_capital"),
    ];
    for (path, key, removed) in lists {
        let corrupted = |kind: FaultKind| {
            sandbox.inject(Fault::always(kind).on_path(&path).times(1));
            let response = get(format!("{base}{path}"));
            async move { response.await.unwrap().json::<Value>().await.unwrap() }
        };
        let wrong_type = corrupted(FaultKind::WrongType).await;
        let first = &wrong_type[key][0];
        let typed = ["valuation", "unitvalue", "quantity"].iter().any(|f| first[*f].is_string()) || first["remaining_capital"]["value"].is_string();
        assert!(typed, "{path}: a number became a string: {first}");
        let missing_field = corrupted(FaultKind::MissingField).await;
        assert!(missing_field[key][0].get(removed).is_none(), "{path}: {missing_field}");
        let missing_list = corrupted(FaultKind::MissingList).await;
        assert!(missing_list.get(key).is_none(), "{path}: {missing_list}");
    }
}
