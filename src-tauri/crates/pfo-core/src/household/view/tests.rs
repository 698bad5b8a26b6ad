//! Views of a family of five owners, checked against figures worked out by hand.

use super::*;
use crate::domain::{AccountStatus, OwnerKind, OwnerRole, Right, Timestamp};
use crate::fx::validated;
use crate::household::testing::{owner, set, share};
use crate::household::testing::account as acc;

fn at(text: &str) -> Timestamp {
    crate::domain::time::at(text)
}

fn account(id: &str, currency: &str) -> BankAccountRecord {
    BankAccountRecord {
        id: AccountId::new("powens", id),
        provider: "powens".into(),
        connection_id: crate::domain::ConnectionId::new("1"),
        institution: "Bank".into(),
        name: format!("Account {id}"),
        account_type: AccountType::from_code("checking"),
        usage: None,
        iban: None,
        bic: None,
        number: None,
        currency: Currency::parse("c", currency).unwrap(),
        balance: None,
        coming_balance: None,
        status: AccountStatus::Active,
        provider_updated_at: None,
        last_synced_at: at("2026-12-01T00:00:00Z"),
    }
}

fn dec(text: &str) -> Decimal {
    text.parse().unwrap()
}


/// o1 Claire (principal), o2 Marc (spouse), o3 Léa (child), o4 a holding (o1 60 %, o2 40 %), o5 an SCI (o4 50 %,
/// o1 25 %, o2 25 %). Accounts: 1 joint (o1/o2 50/50, 1,000.10 EUR), 2 the SCI's (30,000 EUR, minus a 100,000
/// loan on 3), 4 Léa's livret (o3, 2,500), 5 a USD account of o1 (1,000 USD at 0.92), 6 unassigned (10 EUR).
/// From 2026-07-01 the joint account is o1 70 / o2 30.
struct Family {
    owners: Vec<Owner>,
    sets: Vec<ShareSet>,
    accounts: Vec<BankAccountRecord>,
    balances: BTreeMap<AccountId, Decimal>,
    rates: RateTable,
}

fn family() -> Family {
    let owners = vec![
        owner(1, OwnerRole::Principal),
        owner(2, OwnerRole::Spouse),
        owner(3, OwnerRole::Child),
        owner(4, OwnerRole::Holding),
        owner(5, OwnerRole::Sci),
    ];
    let sets = vec![
        set(acc("1"), None, vec![share(1, Right::Full, "50"), share(2, Right::Full, "50")]),
        set(acc("1"), Some("2026-07-01"), vec![share(1, Right::Full, "70"), share(2, Right::Full, "30")]),
        set(acc("2"), None, vec![share(5, Right::Full, "100")]),
        set(acc("3"), None, vec![share(5, Right::Full, "100")]),
        set(acc("4"), None, vec![share(1, Right::Usufruct, "100"), share(3, Right::BareOwnership, "100")]),
        set(acc("5"), None, vec![share(1, Right::Full, "100")]),
        set(Holding::Entity(OwnerId::from_row(4)), None, vec![share(1, Right::Full, "60"), share(2, Right::Full, "40")]),
        set(Holding::Entity(OwnerId::from_row(5)), None, vec![share(4, Right::Full, "50"), share(1, Right::Full, "25"), share(2, Right::Full, "25")]),
    ];
    let accounts = vec![account("1", "EUR"), account("2", "EUR"), account("3", "EUR"), account("4", "EUR"), account("5", "USD"), account("6", "EUR")];
    let balances = [("1", "1000.10"), ("2", "30000"), ("3", "-100000"), ("4", "2500"), ("5", "1000"), ("6", "10")]
        .into_iter()
        .map(|(id, b)| (AccountId::new("powens", id), dec(b)))
        .collect();
    let rates = RateTable::new("EUR", &[validated("USD", "EUR", "0.92", crate::domain::time::on("2026-01-01")).unwrap()]);
    Family { owners, sets, accounts, balances, rates }
}

fn view(family: &Family, viewer: Option<i64>, day: &str, basis: Basis) -> HouseholdView {
    let inputs = ViewInputs {
        owners: &family.owners,
        sets: &family.sets,
        accounts: &family.accounts,
        balances: &family.balances,
        rates: &family.rates,
        base_currency: Currency::parse("c", "EUR").unwrap(),
    };
    compute(&inputs, viewer.map(OwnerId::from_row).as_ref(), crate::domain::time::on(day), basis)
}

#[test]
fn each_owners_view_is_the_product_of_the_shares_along_each_chain() {
    let family = family();
    let day = "2026-03-01";
    let usufruct = Basis::Usufruct;
    // SCI net: 30,000 − 100,000 = −70,000. Through the holding the SCI is o1's at 60 % × 50 % + 25 % = 55 %,
    // o2's at 40 % × 50 % + 25 % = 45 %.
    // o1: joint 50 % of 1,000.10 = 500.05; SCI 55 % of −70,000 = −38,500; Léa's livret in usufruct 2,500;
    // USD 1,000 × 0.92 = 920; the unassigned 10 (primary owner). Total −34,569.95.
    let claire = view(&family, Some(1), day, usufruct);
    assert_eq!(claire.net_worth, Some(dec("-34569.95")));
    let joint = claire.accounts.iter().find(|a| a.account_id == "powens:1").unwrap();
    assert_eq!((joint.fraction, joint.share_balance), (dec("0.5"), Some(dec("500.050"))));
    assert_eq!(claire.accounts.iter().find(|a| a.account_id == "powens:2").unwrap().fraction, dec("0.55"));
    // o2: 500.05 + 45 % of −70,000 = −31,500 → −30,999.95.
    assert_eq!(view(&family, Some(2), day, usufruct).net_worth, Some(dec("-30999.95")));
    // o3 holds the bare ownership of the livret only: nothing in usufruct, 2,500 in bare ownership.
    assert_eq!(view(&family, Some(3), day, usufruct).net_worth, None);
    assert_eq!(view(&family, Some(3), day, Basis::BareOwnership).net_worth, Some(dec("2500")));
    // The holding: 50 % of the SCI = −35,000. The SCI: −70,000.
    assert_eq!(view(&family, Some(4), day, usufruct).net_worth, Some(dec("-35000")));
    assert_eq!(view(&family, Some(5), day, usufruct).net_worth, Some(dec("-70000")));
    // The household: every account whole. 1,000.10 − 70,000 + 2,500 + 920 + 10 = −65,569.90, which is what the
    // people hold between them: −34,569.95 − 30,999.95 + 0.
    let household = view(&family, None, day, usufruct);
    assert_eq!(household.net_worth, Some(dec("-65569.90")));
    assert_eq!(household.accounts.len(), 6);
    assert_eq!(household.to_assign, 1);
    let people: Decimal = household.by_owner.iter().filter(|o| family.owners[o.owner.row() as usize - 1].kind == OwnerKind::Person).filter_map(|o| o.net_worth).sum();
    assert_eq!(people, dec("-65569.90"));
}

#[test]
fn a_view_uses_the_shares_in_force_on_its_day() {
    let family = family();
    let before = view(&family, Some(1), "2026-06-30", Basis::Usufruct);
    let after = view(&family, Some(1), "2026-07-01", Basis::Usufruct);
    let joint = |v: &HouseholdView| v.accounts.iter().find(|a| a.account_id == "powens:1").unwrap().fraction;
    assert_eq!((joint(&before), joint(&after)), (dec("0.5"), dec("0.7")));
    // 0.7 × 1,000.10 = 700.07 instead of 500.05: the net worth moves by 200.02.
    assert_eq!(after.net_worth.unwrap() - before.net_worth.unwrap(), dec("200.02"));
}

#[test]
fn a_currency_without_a_rate_is_named_and_left_out_not_guessed() {
    let mut family = family();
    family.rates = RateTable::new("EUR", &[]);
    let claire = view(&family, Some(1), "2026-03-01", Basis::Usufruct);
    assert_eq!(claire.unconverted, [Currency::parse("c", "USD").unwrap()]);
    assert_eq!(claire.net_worth, Some(dec("-35489.95")), "−34,569.95 without the 920 of the USD account");
    let usd = claire.totals.iter().find(|t| t.currency == "USD").unwrap();
    assert_eq!(usd.amount, dec("1000"), "the per-currency total still shows it");
}
