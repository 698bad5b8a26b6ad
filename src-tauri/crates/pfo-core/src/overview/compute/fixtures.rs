//! A small household for the overview's tests.
use super::*;
use crate::fx::{validated, RateTable};
use crate::domain::Basis;
use crate::overview::period::Period;

pub fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

pub fn account(row_id: i64, name: &str, currency: &str, liability: bool, end_balance_e4: i64) -> AccountInput {
    AccountInput {
        row_id,
        reference: AccountRef {
            id: crate::domain::AccountId::new("powens", &row_id.to_string()),
            name: name.into(),
            institution: "Banque".into(),
            masked_number: Some("•••• 0001".into()),
            account_type: if liability { "loan".into() } else { "checking".into() },
            currency: currency.into(),
            liability,
        },
        excluded: None,
        end_balance_e4: Some(end_balance_e4),
        first_snapshot: Some(day("2026-03-01")),
    }
}

pub fn flow(account: i64, in_period: bool, bucket: &str, parent: &str, inflow: i64, outflow: i64) -> Flow {
    Flow { account, in_period, bucket: bucket.into(), parent: parent.into(), inflow_e4: inflow * 10_000, outflow_e4: outflow * 10_000 }
}

pub fn inputs(accounts: Vec<AccountInput>, flows: Vec<Flow>, rates: RateTable) -> OverviewInputs {
    OverviewInputs {
        generated_at: crate::domain::time::at("2026-04-01T00:00:00Z"),
        today: day("2026-04-01"),
        period: Period { start: day("2026-01-01"), end: day("2026-04-30") },
        rates,
        accounts,
        flows,
        charges: vec![],
        movements: vec![],
        pending: vec![],
        mismatches: vec![],
        consents: vec![],
        ownership: OwnershipInput::household(),
    }
}

pub fn eur_usd() -> RateTable {
    RateTable::new("EUR", &[validated("USD", "EUR", "0.5", crate::domain::time::on("2026-01-01")).unwrap(), validated("USD", "EUR", "0.8", crate::domain::time::on("2026-05-15")).unwrap()])
}

/// A household with a EUR current account, a USD savings account, a EUR loan and a CHF account with no rate.
pub fn household() -> OverviewInputs {
    let accounts = vec![
        account(1, "Compte courant", "EUR", false, 5_000 * 10_000),
        account(2, "Savings", "USD", false, 2_000 * 10_000),
        account(3, "Prêt immo", "EUR", true, -100_000 * 10_000),
        account(4, "Compte CHF", "CHF", false, 1_000 * 10_000),
    ];
    let flows = vec![
        flow(1, true, "2026-01", "income", 3_000, 0),
        flow(1, true, "2026-01", "food", 0, -400),
        flow(1, true, "2026-01", "housing", 0, -1_000),
        flow(3, true, "2026-01", "housing", 1_000, 0),
        flow(1, true, "2026-02", "income", 3_000, 0),
        flow(1, true, "2026-02", "food", 0, -600),
        flow(1, true, "2026-02", "transfers", 0, -500),
        flow(2, true, "2026-02", "transfers", 1_000, 0),
        flow(1, true, "2026-03", "food", 0, -500),
        flow(4, true, "2026-03", "food", 0, -100),
        flow(1, false, "2025-12", "food", 0, -800),
    ];
    inputs(accounts, flows, eur_usd())
}

/// The fixture household owned by a family: o1 (principal) and o2 (spouse) hold the current account 50/50, the
/// USD savings belong to an SCI (o4) owned half by a holding (o3: o1 60 %, o2 40 %) and half by o1, the loan is
/// o1's, and the CHF account is nobody's yet (so the primary owner's).
pub fn family(view: Option<i64>) -> OverviewInputs {
    use crate::domain::{OwnerRole, Right};
    use crate::household::testing::{account, entity, owner, set, share};
    let full = |o, p| share(o, Right::Full, p);
    let mut inputs = household();
    inputs.ownership = OwnershipInput {
        owners: vec![owner(1, OwnerRole::Principal), owner(2, OwnerRole::Spouse), owner(3, OwnerRole::Holding), owner(4, OwnerRole::Sci)],
        sets: vec![
            set(account("1"), None, vec![full(1, "50"), full(2, "50")]),
            set(account("2"), None, vec![full(4, "100")]),
            set(account("3"), None, vec![full(1, "100")]),
            set(entity(3), None, vec![full(1, "60"), full(2, "40")]),
            set(entity(4), None, vec![full(3, "50"), full(1, "50")]),
        ],
        view: view.map(OwnerId::from_row),
        basis: Basis::Usufruct,
    };
    inputs
}
