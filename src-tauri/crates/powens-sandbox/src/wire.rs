//! Renders the household as Powens JSON: field names, nesting and value shapes of the live API.
//!
//! Kept apart from the data model so that the shapes Powens uses (amounts as JSON numbers, `type` as a string
//! code, the currency object, naive `YYYY-MM-DD HH:MM:SS` timestamps) are decided in one place.

use crate::household::{Account, Connection, Currency, HoldersReport, Loan, CHF, EUR, GBP, USD};
use crate::ledger::{Instant, Txn, FOREIGN_CURRENCIES, LABELS};
use crate::loan::AmortizationTruth;
use crate::portfolio::{MarketOrderTruth, PositionTruth, PRICE_SCALE, QUANTITY_SCALE, RATIO_SCALE};
use crate::state::{format_instant, World};
use serde_json::{json, Value};

/// Minor units to the JSON number Powens sends (`1452.56`). Exact for the shortest decimal representation.
pub fn amount(minor: i64, precision: u32) -> Value {
    let value = minor as f64 / 10f64.powi(precision as i32);
    json!(value)
}

/// An amount as this world sends it: a JSON number, or a string when the sandbox imitates the live payloads that
/// quote amounts.
pub fn money(world: &World, minor: i64, precision: u32) -> Value {
    let number = amount(minor, precision);
    if world.amounts_as_strings.load(std::sync::atomic::Ordering::Relaxed) {
        Value::String(format!("{:.*}", precision as usize, number.as_f64().unwrap_or_default()))
    } else {
        number
    }
}

fn currency(currency: &Currency) -> Value {
    json!({
        "id": currency.code,
        "name": currency.name,
        "symbol": currency.symbol,
        "precision": currency.precision,
        "prefix": currency.code == "USD",
        "crypto": false,
    })
}

/// Which related resources `?expand=` inlines in a connection.
#[derive(Debug, Clone, Copy, Default)]
pub struct Expand {
    /// `expand=connector`.
    pub connector: bool,
    /// `expand=sources`.
    pub sources: bool,
}

impl Expand {
    /// Parses `expand=connector,sources` (nested brackets are ignored).
    pub fn parse(value: Option<&String>) -> Self {
        let parts: Vec<&str> = value.map(|v| v.split(',').map(|p| p.split('[').next().unwrap_or(p)).collect()).unwrap_or_default();
        Self { connector: parts.contains(&"connector"), sources: parts.contains(&"sources") }
    }
}

/// One connection object, with the related resources `expand` asks for. `last_update` is the last successful
/// sync (the clock while the connection is healthy and active), `next_try` the next daily background sync, and
/// `expire` the consent end of its one source (the app reads it as the consent's end; see `fields::DIVERGENCES`).
pub fn connection(world: &World, connection: &Connection, user_id: i64, expand: Expand) -> Value {
    let status = world.connection_status(connection);
    let mut value = json!({
        "id": connection.id,
        "id_user": user_id,
        "id_connector": connection.connector.id,
        "connector_uuid": connection.connector.uuid,
        "id_bank": connection.connector.id,
        "id_provider": connection.connector.id,
        "state": status.state,
        "error": status.state,
        "error_message": status.error_message,
        "fields": null,
        "last_update": format_instant(status.last_update),
        "created": "2024-01-15 09:30:00",
        "active": status.active,
        "last_push": null,
        "expire": status.access_expire.map(format_instant),
        "next_try": status.next_try.map(format_instant),
    });
    if expand.sources {
        value["sources"] = json!([source(connection, &status)]);
    }
    if expand.connector {
        value["connector"] = json!({
            "id": connection.connector.id,
            "uuid": connection.connector.uuid,
            "name": connection.connector.name,
            "hidden": false,
            "charged": true,
            "beta": false,
            "restricted": false,
            "country": connection.connector.country,
            "auth_mechanism": "webauth",
            "capabilities": ["bank", "bankwealth"],
        });
    }
    value
}

/// The one source of a connection (Powens may have several: `openapi`, `directaccess`, `fallback`): its state and
/// last successful sync are the connection's, its `access_expire` is when the PSD2 consent ends, and its `expire`
/// (a purge date for a connection whose creation was never finished, Powens' ConnectionSource) is null.
pub fn source(connection: &Connection, status: &crate::consent::Status) -> Value {
    json!({
        "id": source_id(connection.id),
        "id_connection": connection.id,
        "id_connector_source": connection.connector.id * 10,
        "name": "openapi",
        "state": status.state,
        "last_update": format_instant(status.last_update),
        "disabled": null,
        "created": "2024-01-15 09:30:00",
        "access_expire": status.access_expire.map(format_instant),
        "expire": null,
        "next_try": status.next_try.map(format_instant),
    })
}

/// The id of a connection's one source (accounts carry it as `id_source`).
pub fn source_id(connection: i64) -> i64 {
    connection * 10
}

/// The `loan` object of a loan account, read from its amortization schedule at the sandbox clock. `rate` is in
/// percent, as the sandbox has always sent it; `insurance_rate` is a ratio ("between 0 and 1", the docs' Loan
/// object); `insurance_amount` is the monthly premium (the amortizations' `insurance_amount` of every period).
fn loan(world: &World, account: &Account, loan: &Loan, precision: u32) -> Value {
    let schedule = match &world.mortgage {
        Some((index, schedule)) if world.household.accounts[*index].id == account.id => schedule.clone(),
        _ => crate::loan::schedule(loan),
    };
    let state = crate::loan::state_at(loan, &schedule, world.account_clock(account.id));
    let main = world.household.accounts.iter().find(|a| a.account_type == "checking" && a.currency.code == "EUR" && a.held_by.by_the_user());
    json!({
        "total_amount": money(world, loan.total_amount_minor, precision),
        "available_amount": null,
        "used_amount": null,
        "subscription_date": loan.subscription_date,
        "maturity_date": loan.maturity_date,
        "start_repayment_date": loan.start_repayment_date,
        "deferred": state.payments_done == 0,
        "next_payment_amount": state.next.map(|p| money(world, p.total_minor, precision)),
        "next_payment_date": state.next.map(|p| p.payment_date.to_string()),
        "rate": loan.rate_bp as f64 / 100.0,
        "nb_payments_left": loan.nb_payments_total - state.payments_done,
        "nb_payments_done": state.payments_done,
        "nb_payments_total": loan.nb_payments_total,
        "last_payment_amount": state.last.map(|p| money(world, p.total_minor, precision)),
        "last_payment_date": state.last.map(|p| p.payment_date.to_string()),
        "account_label": main.map(|a| a.name.clone()),
        "insurance_label": "Assurance emprunteur",
        "insurance_amount": money(world, loan.insurance_minor, precision),
        "insurance_rate": loan.insurance_rate_bp as f64 / 10_000.0,
        "duration": loan.nb_payments_total,
        "type": loan.loan_type,
    })
}

/// One bank account object with its balance and pending amount at the current clock reading. Accounts of an
/// investing type also carry the Wealth & Loans attributes (`valuation`, `diff`, `diff_percent`, `prev_diff`,
/// `prev_diff_percent`) of their investments now; their `balance` stays the ledger's, as Powens reports the bank's
/// balance, which for a securities account may differ from its positions' valuation.
pub fn account(world: &World, account: &Account, user_id: i64, last_update: &str, balance_minor: i64, coming_minor: i64) -> Value {
    let mut value = bank_account(world, account, user_id, last_update, balance_minor, coming_minor);
    if crate::reference::is_invest(account.account_type) {
        let wealth = crate::portfolio::account_wealth(&world.served_account_positions(account.id));
        let precision = account.currency.precision;
        if let Some(object) = value.as_object_mut() {
            object.insert("valuation".into(), money(world, wealth.valuation_minor, precision));
            object.insert("diff".into(), money(world, wealth.diff_minor, precision));
            object.insert("diff_percent".into(), money(world, wealth.diff_percent_e6, RATIO_SCALE));
            object.insert("prev_diff".into(), money(world, wealth.prev_diff_minor, precision));
            object.insert("prev_diff_percent".into(), money(world, wealth.prev_diff_percent_e6, RATIO_SCALE));
        }
    }
    value
}

fn bank_account(world: &World, account: &Account, user_id: i64, last_update: &str, balance_minor: i64, coming_minor: i64) -> Value {
    let precision = account.currency.precision;
    let disabled = world.account_disabled_at(account);
    json!({
        "id": account.id,
        "id_connection": account.id_connection,
        "id_user": user_id,
        "id_source": source_id(account.id_connection),
        "id_parent": null,
        "number": account.number,
        "webid": account.number,
        "iban": account.iban,
        "bic": account.bic,
        "original_name": account.original_name,
        "name": account.name,
        "balance": money(world, balance_minor, precision),
        "coming": if coming_minor == 0 { Value::Null } else { money(world, coming_minor, precision) },
        "currency": currency(&account.currency),
        "type": account.account_type,
        "id_type": account.id_type,
        "usage": account.usage,
        "display": true,
        "bookmarked": 0,
        "deleted": world.account_deleted(account),
        "last_update": if disabled.is_some() { None } else { Some(last_update) },
        "disabled": disabled,
        "error": null,
        "ownership": account.held_by.deprecated_ownership(),
        "company_name": null,
        "opening_date": account.opening_date,
        "loan": account.loan.as_ref().map(|l| loan(world, account, l, precision)),
    })
}

/// One account ownership object: who holds `account` (of `connection`) and in which role, and how the account is
/// identified. Shaped after Powens' account-ownerships page, since the OpenAPI does not describe it.
pub fn account_ownership(account: &Account, connection: &Connection, user_id: i64) -> Value {
    let (multiple_holders, calculated) = match connection.connector.holders {
        HoldersReport::Stated => (Some(account.held_by.multiple_holders()), vec![]),
        HoldersReport::Calculated => (Some(account.held_by.multiple_holders()), vec!["multiple_holders"]),
        HoldersReport::Unknown => (None, vec![]),
    };
    let parties: Vec<Value> = account
        .held_by
        .parties()
        .iter()
        .map(|party| json!({ "role": party.role.code(), "identity": { "is_user": party.is_user, "full_name": party.full_name } }))
        .collect();
    let identifications: Vec<Value> =
        account.iban.iter().map(|iban| json!({ "scheme_name": "iban", "identification": iban })).collect();
    json!({
        "id_account": account.id,
        "id_connection": account.id_connection,
        "id_user": user_id,
        // The connection's one source (see `connection`'s `sources`).
        "id_connector_source": connection.connector.id * 10,
        "name": account.name,
        "bank_name": connection.connector.name,
        "multiple_holders": multiple_holders,
        "calculated": calculated,
        "usage": account.usage,
        "parties": parties,
        "identifications": identifications,
    })
}

/// `YYYY-MM-DD HH:MM:SS`.
fn datetime_text(at: chrono::NaiveDateTime) -> String {
    at.format("%Y-%m-%d %H:%M:%S").to_string()
}

/// One investment object (Powens' Investment), shaped after the investments page field for field ([`crate::fields`]
/// lists them with their sources). The euro fund has no code, quantity, unit price or unit value: Powens gives such a
/// line a valuation only. No line is in another currency than its account, so the `original_*` fields are null.
pub fn investment(world: &World, p: &PositionTruth) -> Value {
    let cents = currency_by_code(p.currency).precision;
    let details = p.performances_e6.zip(p.security.details).map(|(performances, details)| {
        json!({
            "performance_1_year": money(world, performances[0], RATIO_SCALE),
            "performance_3_years": money(world, performances[1], RATIO_SCALE),
            "performance_5_years": money(world, performances[2], RATIO_SCALE),
            "srri": details.srri,
            "asset_category": details.asset_category,
            "recommended_period": details.recommended_period,
            "last_update": datetime_text(p.last_update),
        })
    });
    json!({
        "id": p.id,
        "id_account": p.account_id,
        "label": p.security.label,
        "code": p.security.isin,
        "code_type": p.security.isin.map(|_| "ISIN"),
        "stock_symbol": p.security.stock_symbol,
        "source": if p.security.isin.is_some() { "website" } else { "notFound" },
        "description": (p.security.kind == crate::portfolio::Kind::EuroFund).then_some("Fonds en euros à capital garanti"),
        "quantity": p.quantity_e6.map(|q| money(world, q, QUANTITY_SCALE)),
        "unitprice": p.unitprice_e4.map(|v| money(world, v, PRICE_SCALE)),
        "unitvalue": p.unitvalue_e4.map(|v| money(world, v, PRICE_SCALE)),
        "valuation": money(world, p.valuation_minor, cents),
        "diff": money(world, p.diff_minor, cents),
        "diff_percent": money(world, p.diff_percent_e6, RATIO_SCALE),
        "prev_diff": money(world, p.prev_diff_minor, cents),
        "prev_diff_percent": money(world, p.prev_diff_percent_e6, RATIO_SCALE),
        "vdate": p.vdate.to_string(),
        "prev_vdate": p.prev_vdate.to_string(),
        "portfolio_share": money(world, p.portfolio_share_e6, RATIO_SCALE),
        "calculated": ["portfolio_share"],
        "deleted": p.deleted.map(|d| d.to_string()),
        "last_update": datetime_text(p.last_update),
        "original_currency": null,
        "original_valuation": null,
        "original_unitvalue": null,
        "original_unitprice": null,
        "original_diff": null,
        "details": details,
        "id_security": p.id_security,
        "stock_market": p.security.stock_market,
    })
}

/// One unit value of an investment's history (Powens' InvestmentHistoryValue); ids are stable per line and day.
pub fn investment_value(world: &World, investment: i64, vdate: chrono::NaiveDate, unitvalue: i64) -> Value {
    let day = (vdate - chrono::NaiveDate::from_ymd_opt(2000, 1, 1).expect("a valid date")).num_days();
    json!({
        "id": investment * 100_000 + day,
        "id_investment": investment,
        "vdate": vdate.to_string(),
        "unitvalue": money(world, unitvalue, PRICE_SCALE),
        "original_currency": null,
        "original_unitvalue": null,
    })
}

/// One market order object (Powens' MarketOrder), with the `created` and `webid` the wealth guide's examples also
/// carry. Before it executes an order has no execution date, amount, unit price or unit value (as the guide's
/// pending example shows).
pub fn market_order(world: &World, o: &MarketOrderTruth) -> Value {
    let cents = currency_by_code(o.currency).precision;
    let (direction_id, direction) = o.direction.wire();
    let (type_id, kind) = o.order_type.wire();
    json!({
        "id": o.id,
        "id_account": o.account_id,
        "number": o.number,
        "label": o.security.label,
        "code": o.security.isin,
        "stock_symbol": o.security.stock_symbol,
        "order_direction": { "id": direction_id, "name": direction },
        "order_type": { "id": type_id, "name": kind },
        "stock_market": o.security.stock_market,
        "state": o.state,
        "payment_method": o.payment_method,
        "date": datetime_text(o.date),
        "execution_date": o.execution_date.map(datetime_text),
        "validity_date": datetime_text(o.validity_date),
        "quantity": money(world, o.quantity_e6, QUANTITY_SCALE),
        "amount": o.amount_minor.map(|a| money(world, a, cents)),
        "ordervalue": o.ordervalue_e4.map(|v| money(world, v, PRICE_SCALE)),
        "unitprice": o.unitprice_e4.map(|v| money(world, v, PRICE_SCALE)),
        "unitvalue": o.unitvalue_e4.map(|v| money(world, v, PRICE_SCALE)),
        "deleted": null,
        "last_update": datetime_text(o.last_update),
        "created": datetime_text(o.date),
        "webid": o.number,
    })
}

/// One loan amortization object (Powens' LoanAmortization): each amount a `{currency, value}` MonetaryAmount
/// ("EUR only"), `period` as `YYYY-MM` as the wealth guide's example writes it (its table says `YYYY_MM`), and
/// `total_payment_amount` marked calculated as in that example.
pub fn amortization(world: &World, a: &AmortizationTruth) -> Value {
    let amount = |minor: i64| json!({ "currency": "EUR", "value": money(world, minor, 2) });
    json!({
        "id_account": a.account_id,
        "payment_date": a.period.payment_date.to_string(),
        "amortization_amount": amount(a.period.principal_minor),
        "interest_amount": amount(a.period.interest_minor),
        "insurance_amount": amount(a.period.insurance_minor),
        "total_payment_amount": amount(a.period.total_minor),
        "remaining_capital": amount(a.period.remaining_minor),
        "period": a.period.payment_date.format("%Y-%m").to_string(),
        "calculated": ["total_payment_amount"],
        "deleted": null,
        "last_update": datetime_text(a.last_update),
    })
}

fn currency_by_code(code: &str) -> Currency {
    match code {
        "USD" => USD,
        "CHF" => CHF,
        "GBP" => GBP,
        _ => EUR,
    }
}

/// An amount on the wire: a JSON number, or a string when the world imitates payloads that quote amounts.
#[derive(Debug, Clone, Copy)]
pub struct Amount {
    minor: i64,
    precision: u32,
    quoted: bool,
}

impl Amount {
    fn of(world: &World, minor: i64, precision: u32) -> Self {
        Self { minor, precision, quoted: world.amounts_as_strings.load(std::sync::atomic::Ordering::Relaxed) }
    }
}

impl serde::Serialize for Amount {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let value = self.minor as f64 / 10f64.powi(self.precision as i32);
        if self.quoted {
            serializer.serialize_str(&format!("{value:.*}", self.precision as usize))
        } else {
            serializer.serialize_f64(value)
        }
    }
}

#[derive(serde::Serialize)]
struct CategoryRef<'a> {
    code: &'a str,
    parent_code: &'a str,
}

#[derive(serde::Serialize)]
struct CounterpartyRef<'a> {
    label: &'a str,
    account_scheme_name: Option<&'static str>,
    account_identification: Option<&'a str>,
    #[serde(rename = "type")]
    kind: &'static str,
}

#[derive(serde::Serialize)]
struct CurrencyRef {
    id: &'static str,
    name: &'static str,
    symbol: &'static str,
    precision: u32,
    prefix: bool,
    crypto: bool,
}

/// A transaction as Powens shapes it. Serialized straight from borrowed data: paging a million transactions through
/// `serde_json::Value` trees spent most of its time allocating maps.
#[derive(serde::Serialize)]
pub struct WireTransaction<'a> {
    id: i64,
    id_account: i64,
    id_user: i64,
    date: String,
    datetime: Option<String>,
    rdate: String,
    rdatetime: Option<String>,
    vdate: Option<String>,
    vdatetime: Option<String>,
    bdate: Option<String>,
    bdatetime: Option<String>,
    application_date: String,
    value: Amount,
    gross_value: Amount,
    original_value: Option<Amount>,
    original_gross_value: Option<Amount>,
    original_currency: Option<CurrencyRef>,
    commission: Option<Amount>,
    commission_currency: Option<CurrencyRef>,
    #[serde(rename = "type")]
    kind: &'static str,
    original_wording: &'static str,
    simplified_wording: &'static str,
    stemmed_wording: String,
    wording: &'static str,
    categories: [CategoryRef<'a>; 1],
    id_category: Option<i64>,
    date_scraped: String,
    coming: bool,
    active: bool,
    id_cluster: Option<i64>,
    comment: Option<String>,
    last_update: String,
    deleted: Option<String>,
    card: Option<String>,
    counterparty: CounterpartyRef<'a>,
    country: Option<String>,
    state: &'static str,
}

/// One transaction object as it looks at `now`; `gaps` are its connection's stand-stills, which set when a change
/// made during one reached Powens (its `last_update`).
pub fn transaction<'a>(world: &'a World, txn: &Txn, user_id: i64, now: Instant, gaps: &[(Instant, Instant)]) -> WireTransaction<'a> {
    let household = &world.household;
    let account = &household.accounts[txn.account as usize];
    let precision = account.currency.precision;
    let label = &LABELS[txn.label as usize];
    let (code, parent_code) = label.category;
    let kind = if txn.value_minor < 0 { "creditor" } else { "debtor" };
    let counterparty = match txn.other_account {
        Some(other) => {
            let other = &household.accounts[other as usize];
            CounterpartyRef {
                label: &other.name,
                account_scheme_name: Some(if other.iban.is_some() { "iban" } else { "bban" }),
                account_identification: Some(other.iban.as_deref().unwrap_or(&other.number)),
                kind,
            }
        }
        None => CounterpartyRef { label: label.counterparty, account_scheme_name: None, account_identification: None, kind },
    };
    let original_currency = txn.original.map(|(_, c)| {
        let currency = currency_by_code(FOREIGN_CURRENCIES[c as usize]);
        CurrencyRef { id: currency.code, name: currency.name, symbol: currency.symbol, precision: currency.precision, prefix: currency.code == "USD", crypto: false }
    });
    let date = txn.date.to_string();
    WireTransaction {
        id: txn.id,
        id_account: account.id,
        id_user: user_id,
        rdate: crate::transactions::rdate(txn).to_string(),
        vdate: (!txn.coming(now)).then(|| date.clone()),
        application_date: crate::transactions::application_date(txn).to_string(),
        date,
        datetime: None,
        rdatetime: None,
        vdatetime: None,
        bdate: None,
        bdatetime: None,
        value: Amount::of(world, txn.value_minor, precision),
        gross_value: Amount::of(world, txn.value_minor, precision),
        original_value: txn.original.map(|(v, _)| Amount::of(world, v, 2)),
        original_gross_value: txn.original.map(|(v, _)| Amount::of(world, v, 2)),
        original_currency,
        commission: None,
        commission_currency: None,
        kind: label.kind,
        original_wording: label.original,
        simplified_wording: label.simplified,
        stemmed_wording: label.simplified.to_lowercase(),
        wording: label.simplified,
        categories: [CategoryRef { code, parent_code }],
        id_category: None,
        date_scraped: format_instant(txn.appears_at),
        coming: txn.coming(now),
        active: true,
        id_cluster: None,
        comment: None,
        last_update: format_instant(crate::consent::reached_powens_at(gaps, txn.last_update(now))),
        deleted: txn.deleted(now).then(|| format_instant(txn.deleted_at)),
        card: (label.kind == "card").then(|| format!("XXXX{}", &account.number[account.number.len() - 4..])),
        counterparty,
        country: None,
        state: "parsed",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_are_plain_json_numbers() {
        assert_eq!(amount(145_256, 2).to_string(), "1452.56");
        assert_eq!(amount(-12_000_050, 2).to_string(), "-120000.5");
        assert_eq!(amount(0, 2).to_string(), "0.0");
    }
}
