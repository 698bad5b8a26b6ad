//! The balance sheet against figures worked out by hand: a current account, a PEA whose positions leave cash
//! beside them, a USD securities account holding the PEA's ETF too and valued above its balance, a mortgage, and a
//! CHF account without a rate.

use super::*;
use crate::domain::{AccountType, CodeScheme, SecurityCode, Timestamp};
use std::str::FromStr;

fn d(text: &str) -> Decimal {
    Decimal::from_str(text).unwrap()
}

fn currency(code: &str) -> Currency {
    Currency::parse("c", code).unwrap()
}

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 4).unwrap()
}

fn account(id: &str, kind: AccountType, code: &str, balance: &str, fraction: &str) -> AccountShare {
    let (balance, fraction) = (d(balance), d(fraction));
    AccountShare {
        account_id: AccountId::new("powens", id),
        name: format!("Account {id}"),
        institution: "Bank".into(),
        account_type: kind,
        currency: currency(code),
        balance: Some(balance),
        fraction,
        share_balance: Some(balance * fraction),
        shares: vec![],
        assigned: true,
    }
}

/// A position of one unit; its figures are in its account's currency (USD for account 3, EUR otherwise).
fn position(id: &str, account: &str, code: &str, label: &str, (valuation, gain): (&str, &str), value_date: &str) -> InvestmentPositionRecord {
    let currency_code = if account == "3" { "USD" } else { "EUR" };
    InvestmentPositionRecord {
        id: PositionId::new("powens", id),
        account_id: AccountId::new("powens", account),
        label: label.into(),
        code: Some(SecurityCode { scheme: CodeScheme::Isin, code: code.into() }),
        stock_symbol: None,
        currency: currency(currency_code),
        quantity: Some(Decimal::ONE),
        unit_price: None,
        unit_value: None,
        valuation: Some(d(valuation)),
        gain: Some(d(gain)),
        gain_ratio: None,
        portfolio_share: None,
        value_date: Some(NaiveDate::from_str(value_date).unwrap()),
        foreign: None,
        details: None,
        calculated: vec![],
        ended_on: None,
        synced_at: Timestamp::parse("2026-12-04T08:00:00Z").unwrap(),
    }
}

fn household(pea_fraction: &str) -> (Vec<AccountShare>, Vec<InvestmentPositionRecord>, RateTable) {
    let accounts = vec![
        account("1", AccountType::Checking, "EUR", "1000", "1"),
        account("2", AccountType::Pea, "EUR", "10000", pea_fraction),
        account("3", AccountType::Market, "USD", "5000", "1"),
        account("4", AccountType::Loan, "EUR", "-100000", "1"),
        account("5", AccountType::Checking, "CHF", "500", "1"),
    ];
    let positions = vec![
        position("21", "2", "IE00B4L5Y983", "iShares Core MSCI World UCITS ETF", ("6000", "600"), "2026-12-03"),
        position("22", "2", "FR0000120271", "TotalEnergies", ("3000", "-100"), "2026-11-20"),
        position("31", "3", "IE00B4L5Y983", "iShares MSCI World (USD)", ("2000", "200"), "2026-12-03"),
        position("32", "3", "US0378331005", "Apple", ("3500", "500"), "2026-12-03"),
    ];
    let rates = RateTable::new("EUR", &[crate::fx::validated("USD", "EUR", "0.9", day()).unwrap()]);
    (accounts, positions, rates)
}

fn sheet(pea_fraction: &str) -> Wealth {
    let (accounts, positions, rates) = household(pea_fraction);
    compute(&WealthInputs { accounts: &accounts, positions: &positions, rates: &rates, base_currency: currency("EUR") }, None, Basis::Usufruct, day())
}

fn class(wealth: &Wealth, class: AssetClass) -> Option<Decimal> {
    wealth.by_class.iter().find(|c| c.class == class).map(|c| c.amount)
}

#[test]
fn the_classes_add_up_to_the_net_worth_worked_out_by_hand() {
    let wealth = sheet("1");
    // Cash: the current account 1,000 and the PEA's 1,000 beside its positions.
    assert_eq!(class(&wealth, AssetClass::Cash), Some(d("2000")));
    // Funds: the ETF, 6,000 in the PEA and 2,000 USD × 0.9 in the securities account.
    assert_eq!(class(&wealth, AssetClass::Funds), Some(d("7800")));
    // Equities: 3,000 of TotalEnergies and 3,500 USD × 0.9 of Apple.
    assert_eq!(class(&wealth, AssetClass::Equities), Some(d("6150")));
    // The USD account's positions (5,500) stand 500 above its balance: a gap of −500 × 0.9, stated.
    assert_eq!(class(&wealth, AssetClass::Other), Some(d("-450")));
    assert_eq!(class(&wealth, AssetClass::Liabilities), Some(d("-100000")));
    assert_eq!((wealth.assets, wealth.liabilities, wealth.net_worth), (d("15500"), d("100000"), Some(d("-84500"))));
    assert_eq!(wealth.by_class.iter().map(|c| c.amount).sum::<Decimal>(), d("-84500"));
    assert_eq!(wealth.by_class.last().map(|c| c.class), Some(AssetClass::Liabilities));
    assert_eq!(wealth.unconverted, vec![currency("CHF")]);
    // Exposure: USD 4,500 (the whole USD account, in euros); EUR the rest.
    let exposure: Vec<(String, Decimal)> = wealth.by_currency.iter().map(|e| (e.currency.to_string(), e.amount)).collect();
    assert_eq!(exposure, [("USD".to_string(), d("4500")), ("EUR".to_string(), d("-89000"))]);
    assert_eq!(wealth.stale_positions, 1, "TotalEnergies' value is 14 days old");
}

#[test]
fn the_same_isin_in_two_accounts_is_one_holding_with_two_parts() {
    let wealth = sheet("1");
    let world = wealth.holdings.iter().find(|h| h.code.as_deref() == Some("IE00B4L5Y983")).unwrap();
    assert_eq!(world.parts.len(), 2);
    assert_eq!(world.value_in_base, Some(d("7800")));
    assert_eq!(world.gain_in_base, Some(d("780")), "600 + 200 USD × 0.9");
    assert_eq!(world.label, "iShares Core MSCI World UCITS ETF", "named after its largest part");
    assert_eq!(world.class, AssetClass::Funds);
    assert_eq!(wealth.holdings.first().map(|h| h.code.as_deref()), Some(Some("IE00B4L5Y983")), "largest first");
    assert_eq!(wealth.holdings.len(), 3);
}

#[test]
fn every_account_composition_adds_up_to_its_value_and_a_view_counts_its_part() {
    let whole = sheet("1");
    for account in &whole.accounts {
        assert_eq!(Some(account.composition.iter().map(|l| l.amount).sum::<Decimal>()), account.value, "{}", account.account_id);
    }
    // An owner holding 40 % of the PEA: every PEA figure at 40 %, exactly.
    let part = sheet("0.4");
    assert_eq!(class(&part, AssetClass::Funds), Some(d("2400") + d("1800")));
    assert_eq!(class(&part, AssetClass::Cash), Some(d("1000") + d("400")));
    let pea = part.accounts.iter().find(|a| a.account_id == "powens:2").unwrap();
    assert_eq!(pea.value, Some(d("4000")));
    assert_eq!(part.net_worth.unwrap(), whole.net_worth.unwrap() - d("6000"));
}
