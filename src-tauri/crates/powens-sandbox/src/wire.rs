//! Renders the household as Powens JSON: field names, nesting and value shapes of the live API.
//!
//! Kept apart from the data model so that the shapes Powens uses (amounts as JSON numbers, `type` as a string
//! code, the currency object, naive `YYYY-MM-DD HH:MM:SS` timestamps) are decided in one place.

use crate::household::{Account, Connection, Currency, HoldersReport, Loan, CHF, EUR, GBP, USD};
use crate::ledger::{Instant, Txn, FOREIGN_CURRENCIES, LABELS};
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

/// One connection object, with the related resources `expand` asks for.
pub fn connection(world: &World, connection: &Connection, user_id: i64, last_update: &str, expand: Expand) -> Value {
    let (state, error_message) = world.connection_state(connection);
    let state_for_source = state.clone();
    let mut value = json!({
        "id": connection.id,
        "id_user": user_id,
        "id_connector": connection.connector.id,
        "connector_uuid": connection.connector.uuid,
        "id_bank": connection.connector.id,
        "id_provider": connection.connector.id,
        "state": state,
        "error": state,
        "error_message": error_message,
        "fields": null,
        "last_update": last_update,
        "created": "2024-01-15 09:30:00",
        "active": connection.active,
        "last_push": null,
        "expire": connection.expire,
        "next_try": null,
    });
    if expand.sources {
        // One source per connection here (Powens may have several: openapi, directaccess, fallback); its
        // `access_expire` is when the PSD2 consent ends.
        value["sources"] = json!([{
            "id": connection.id * 10,
            "id_connection": connection.id,
            "id_connector_source": connection.connector.id * 10,
            "name": "openapi",
            "state": state_for_source,
            "last_update": last_update,
            "disabled": null,
            "created": "2024-01-15 09:30:00",
            "access_expire": connection.expire,
            "expire": connection.expire,
            "next_try": null,
        }]);
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

fn loan(world: &World, loan: &Loan, precision: u32) -> Value {
    json!({
        "total_amount": money(world, loan.total_amount_minor, precision),
        "rate": loan.rate_bp as f64 / 100.0,
        "nb_payments_total": loan.nb_payments_total,
        "nb_payments_done": loan.nb_payments_done,
        "nb_payments_left": loan.nb_payments_total - loan.nb_payments_done,
        "next_payment_amount": money(world, loan.next_payment_minor, precision),
        "type": loan.loan_type,
        "subscription_date": loan.subscription_date,
        "maturity_date": loan.maturity_date,
    })
}

/// One bank account object with its balance and pending amount at the current clock reading.
pub fn account(world: &World, account: &Account, user_id: i64, last_update: &str, balance_minor: i64, coming_minor: i64) -> Value {
    let precision = account.currency.precision;
    let disabled = world.account_disabled(account);
    json!({
        "id": account.id,
        "id_connection": account.id_connection,
        "id_user": user_id,
        "id_source": account.id_connection * 10,
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
        "disabled": if disabled { Some(account.disabled.clone().unwrap_or_else(|| last_update.to_string())) } else { None },
        "deleted": world.account_deleted(account),
        "last_update": if disabled { None } else { Some(last_update) },
        "error": null,
        "ownership": account.held_by.deprecated_ownership(),
        "company_name": null,
        "opening_date": account.opening_date,
        "loan": account.loan.as_ref().map(|l| loan(world, l, precision)),
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

/// One transaction object as it looks at `now`.
pub fn transaction<'a>(world: &'a World, txn: &Txn, user_id: i64, now: Instant) -> WireTransaction<'a> {
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
        last_update: format_instant(txn.last_update(now)),
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
