//! Tests of `compute`.
use super::fixtures::*;
use super::*;
use crate::fx::RateTable;
use proptest::prelude::*;

#[test]
fn net_worth_separates_assets_and_liabilities_and_converts_with_the_latest_rate_before_the_end() {
    let document = compute(&household());
    let per_currency: Vec<_> = document.net_worth.per_currency.iter().map(|p| (p.currency.as_str(), p.assets.as_str(), p.liabilities.as_str(), p.net.as_str())).collect();
    assert_eq!(per_currency, [("CHF", "1000.00", "0.00", "1000.00"), ("EUR", "5000.00", "-100000.00", "-95000.00"), ("USD", "2000.00", "0.00", "2000.00")]);
    // 5000 EUR + 2000 USD × 0.5 (the 0.8 rate comes after the period); CHF has no rate.
    assert_eq!((document.net_worth.base.assets.as_str(), document.net_worth.base.liabilities.as_str()), ("6000.00", "-100000.00"));
    assert_eq!(document.rates_used, [RateUsed { currency: "USD".into(), rate: "0.5".into(), as_of: "2026-01-01".into() }]);
    assert_eq!(document.excluded_accounts.len(), 1);
    assert_eq!((document.excluded_accounts[0].account.name.as_str(), document.excluded_accounts[0].reason.as_str()), ("Compte CHF", "no-rate"));
}

#[test]
fn cashflow_counts_transfers_and_loan_principal_apart_and_gives_a_savings_rate() {
    let document = compute(&household());
    let months: Vec<_> = document.cashflow.months.iter().map(|m| (m.month.as_str(), m.income.as_str(), m.expenses.as_str(), m.transfers.as_str(), m.net.as_str(), m.savings_rate)).collect();
    assert_eq!(
        months,
        [
            ("2026-01", "3000.00", "1400.00", "1000.00", "2600.00", Some(53.3)),
            ("2026-02", "3000.00", "600.00", "0.00", "2400.00", Some(80.0)),
            ("2026-03", "0.00", "500.00", "0.00", "-500.00", None),
            ("2026-04", "0.00", "0.00", "0.00", "0.00", None),
        ]
    );
    assert_eq!(document.cashflow.total.net, "4500.00");
    let chf = document.cashflow.per_currency.iter().find(|c| c.currency == "CHF").unwrap();
    assert_eq!(chf.expenses, "100.00", "unconvertible currencies keep their native figures");
    let usd = document.cashflow.per_currency.iter().find(|c| c.currency == "USD").unwrap();
    assert_eq!(usd.transfers, "1000.00");
}

#[test]
fn categories_compare_with_the_previous_period() {
    let document = compute(&household());
    let food = &document.categories.spending[0];
    assert_eq!(food.category, "food");
    assert_eq!((food.months.iter().map(Money::as_str).collect::<Vec<_>>(), food.total.as_str(), food.previous_total.as_str(), food.change.as_str()), (vec!["400.00", "600.00", "500.00", "0.00"], "1500.00", "800.00", "700.00"));
    assert_eq!(food.change_percent, Some(87.5));
    let housing = &document.categories.spending[1];
    assert_eq!((housing.category.as_str(), housing.previous_total.as_str(), housing.change_percent), ("housing", "0.00", None));
    assert_eq!(document.categories.income.iter().map(|l| l.category.as_str()).collect::<Vec<_>>(), ["income"], "loan principal is not income");
    assert!((food.share_percent - 60.0).abs() < 1e-9);
}

#[test]
fn trends_walk_back_from_the_end_balance_and_mark_reconstructed_points() {
    let mut inputs = household();
    inputs.accounts[0].first_snapshot = Some(day("2026-02-15"));
    let document = compute(&inputs);
    assert_eq!(document.trends.dates, ["2026-01-31", "2026-02-28", "2026-03-31", "2026-04-30"]);
    let current = document.trends.accounts.iter().find(|a| a.account.name == "Compte courant").unwrap();
    assert_eq!(current.values, ["3600.00", "5500.00", "5000.00", "5000.00"]);
    assert_eq!(current.opening, "2000.00");
    assert_eq!(current.reconstructed, [true, false, false, false]);
    let eur = document.trends.per_currency.iter().find(|c| c.currency == "EUR").unwrap();
    assert_eq!(eur.values, ["-96400.00", "-94500.00", "-95000.00", "-95000.00"]);
}

#[test]
fn notable_items_name_categories_never_labels_and_warn_about_consents() {
    let mut inputs = household();
    inputs.movements = vec![
        MovementInput { account: 1, day: day("2026-02-10"), parent: "food".into(), amount_e4: -600 * 10_000 },
        MovementInput { account: 1, day: day("2026-01-27"), parent: "income".into(), amount_e4: 3_000 * 10_000 },
        MovementInput { account: 2, day: day("2026-02-02"), parent: "transfers".into(), amount_e4: 9_000 * 10_000 },
        MovementInput { account: 1, day: day("2025-12-02"), parent: "food".into(), amount_e4: -9_000 * 10_000 },
    ];
    inputs.consents = vec![
        ConsentInput { institution: "Later".into(), expires_on: day("2026-06-01") },
        ConsentInput { institution: "Soon".into(), expires_on: day("2026-04-20") },
    ];
    inputs.pending = vec![PendingInput { account: 1, count: 2, sum_e4: -55_000 }, PendingInput { account: 2, count: 1, sum_e4: 10_000 }];
    inputs.mismatches = vec![
        MismatchInput { account: 1, from: crate::domain::time::at("2026-03-01T00:00:00Z"), to: crate::domain::time::at("2026-03-31T00:00:00Z"), balance_change_e4: 100, transactions_e4: 100 },
        MismatchInput { account: 2, from: crate::domain::time::at("2026-03-01T00:00:00Z"), to: crate::domain::time::at("2026-03-31T00:00:00Z"), balance_change_e4: 500_000, transactions_e4: 400_000 },
    ];
    let notable = compute(&inputs).notable;
    let movements: Vec<_> = notable.largest_movements.iter().map(|m| (m.category.as_str(), m.amount.as_str())).collect();
    assert_eq!(movements, [("food", "-600.00"), ("income", "3000.00")], "spending first; transfers and other periods are left out");
    assert_eq!(notable.expiring_consents.len(), 1);
    assert_eq!((notable.expiring_consents[0].institution.as_str(), notable.expiring_consents[0].days_left), ("Soon", 19));
    assert_eq!(notable.pending.iter().map(|p| (p.currency.as_str(), p.count, p.amount.as_str())).collect::<Vec<_>>(), [("EUR", 2, "-5.50"), ("USD", 1, "1.00")]);
    assert_eq!(notable.balance_mismatches.len(), 1);
    assert_eq!(notable.balance_mismatches[0].difference, "10.00");
}

#[test]
fn excluded_accounts_are_left_out_of_every_figure() {
    let mut inputs = household();
    inputs.accounts[1].excluded = Some(ExclusionReason::Disabled);
    inputs.accounts[2].end_balance_e4 = None;
    let document = compute(&inputs);
    let reasons: Vec<_> = document.excluded_accounts.iter().map(|e| e.reason.as_str()).collect();
    assert_eq!(reasons, ["disabled", "no-balance", "no-rate"]);
    assert_eq!(document.net_worth.base.net, "5000.00");
    assert_eq!(document.cashflow.months[0].transfers, "0.00", "the loan's flows went with it");
}

/// (account, month, parent, amount) of one generated flow.
type RawFlow = (usize, usize, u8, i64);

/// Balances and amounts in whole cents (100 units of 1/10,000), as banks report them.
fn arbitrary_household() -> impl Strategy<Value = (Vec<i64>, Vec<RawFlow>)> {
    let balances = proptest::collection::vec((-100_000i64..100_000).prop_map(|c| c * 100), 1..5);
    let flows = proptest::collection::vec((0usize..5, 0usize..3, 0u8..4, (-50_000i64..50_000).prop_map(|c| c * 100)), 0..60);
    (balances, flows)
}

proptest! {
    #[test]
    fn account_trends_sum_to_the_consolidated_trend_and_cashflow_net_equals_the_balance_change((balances, raw) in arbitrary_household()) {
        let parents = ["food", "income", "transfers", "savings"];
        let months = ["2026-01", "2026-02", "2026-03"];
        let accounts: Vec<AccountInput> = balances.iter().enumerate().map(|(i, b)| account(i as i64, &format!("A{i}"), "EUR", i == 3, *b)).collect();
        let flows: Vec<Flow> = raw.iter().map(|(a, m, p, amount)| Flow {
            account: (*a % balances.len()) as i64,
            in_period: true,
            bucket: months[*m].into(),
            parent: parents[*p as usize].into(),
            inflow_e4: (*amount).max(0),
            outflow_e4: (*amount).min(0),
        }).collect();
        let document = compute(&inputs(accounts, flows, RateTable::new("EUR", &[])));
        let cents = |m: &Money| -> i64 { (m.decimal() * rust_decimal::Decimal::from(100)).trunc().try_into().unwrap() };
        let trends = &document.trends;
        for point in 0..trends.dates.len() {
            let sum: i64 = trends.accounts.iter().map(|a| cents(&a.values[point])).sum();
            prop_assert_eq!(sum, cents(&trends.base.values[point]));
            prop_assert_eq!(sum, cents(&trends.per_currency[0].values[point]));
        }
        // Every account is included and in the base currency: cashflow net is the change of net worth.
        let change = cents(trends.base.values.last().unwrap()) - cents(&trends.base.opening);
        prop_assert_eq!(cents(&document.cashflow.total.net), change);
        let by_month: i64 = document.cashflow.months.iter().map(|m| cents(&m.net)).sum();
        prop_assert_eq!(by_month, change);
    }
}

#[test]
fn an_owners_view_weighs_every_figure_by_its_look_through_share_exactly() {
    let document = compute(&family(Some(2)));
    // Half the current account (2500 EUR) and 40 % × 50 % = 20 % of the SCI's 2000 USD (400 USD, 200 EUR); the
    // loan and the CHF account are not the spouse's and are left out without being named.
    assert_eq!(document.net_worth.base.net, "2700.00");
    let named: Vec<&str> = document.net_worth.accounts.iter().map(|a| a.account.name.as_str()).collect();
    assert_eq!(named, ["Compte courant", "Savings"]);
    assert!(document.excluded_accounts.is_empty(), "{:?}", document.excluded_accounts);
    let shares: Vec<(&str, &str)> = document.view.shares.iter().map(|s| (s.account.as_str(), s.percent.as_str())).collect();
    assert_eq!(shares, [("powens:1", "50"), ("powens:2", "20")]);
    assert_eq!(document.view.owner, Some(OwnerId::from_row(2)));
    // January: half of 3000 in, half of 1400 out; February: the SCI's 1000 USD transfer in, 20 % at 0.5.
    let january = &document.cashflow.months[0];
    assert_eq!((january.income.as_str(), january.expenses.as_str(), january.transfers.as_str()), ("1500.00", "700.00", "0.00"));
    assert_eq!(document.cashflow.months[1].transfers, "-150.00", "half of the 500 moved out, plus 100 EUR of the SCI's");
    // Only the spouse's own row, and its parts add up: 2500 direct plus 40 % of the holding's 500.
    assert_eq!(document.by_owner.len(), 1);
    let spouse = &document.by_owner[0];
    assert_eq!((spouse.net_worth.as_str(), spouse.direct.as_str()), ("2700.00", "2500.00"));
    assert_eq!(spouse.through.iter().map(|t| (t.entity.as_str(), t.percent.as_str(), t.amount.as_str())).collect::<Vec<_>>(), [("o3", "40", "200.00")]);
}

#[test]
fn the_households_owner_table_adds_up_to_its_net_worth_through_the_structure() {
    let document = compute(&family(None));
    assert_eq!(document.net_worth.base.net, "-94000.00", "the household counts every account whole");
    let rows: Vec<(&str, &str, &str)> = document.by_owner.iter().map(|o| (o.owner.as_str(), o.net_worth.as_str(), o.direct.as_str())).collect();
    // o1: 2500 + 80 % of 1000 − 100000 (the CHF account has no rate); the holding holds half the SCI.
    assert_eq!(rows, [("o1", "-96700.00", "-97500.00"), ("o2", "2700.00", "2500.00"), ("o3", "500.00", "0.00"), ("o4", "1000.00", "1000.00")]);
    let people: Decimal = document.by_owner[..2].iter().map(|o| o.net_worth.decimal()).sum();
    assert_eq!(people, document.net_worth.base.net.decimal(), "the people hold everything, through the entities");
    let principal = &document.by_owner[0];
    let through: Vec<(&str, &str, &str)> = principal.through.iter().map(|t| (t.entity.as_str(), t.percent.as_str(), t.amount.as_str())).collect();
    assert_eq!(through, [("o3", "60", "300.00"), ("o4", "50", "500.00")]);
}

#[test]
fn a_share_change_inside_the_period_applies_from_its_day() {
    use crate::domain::Right;
    use crate::household::testing::{account, set, share};
    let mut inputs = family(Some(2));
    // From 1 March the spouse holds the whole current account.
    inputs.ownership.sets.push(set(account("1"), Some("2026-03-01"), vec![share(2, Right::Full, "100")]));
    let document = compute(&inputs);
    let expenses: Vec<&str> = document.cashflow.months.iter().map(|m| m.expenses.as_str()).collect();
    assert_eq!(expenses, ["700.00", "300.00", "500.00", "0.00"], "half before March, all from March");
    assert_eq!(document.view.share_changes, ["2026-03-01"]);
    let current = document.trends.accounts.iter().find(|a| a.account.name == "Compte courant").unwrap();
    assert_eq!(current.values.last().unwrap(), &"5000.00", "the whole balance at the end");
}
