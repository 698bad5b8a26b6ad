//! The per-owner views' rows of `pfo bench`. A family of eight owners over three levels of entities (five people; a
//! holding held by the spouses; an SCI held by the holding and the spouses; a trust held by the SCI and the
//! children) is recorded on the synced benchmark household through the operations the window uses, one account's
//! shares changing mid-history and one split into usufruct and bare ownership. Then the Dashboard of every view is
//! timed against the household's own Dashboard in the same run, and the `all` overview of the owner reached through
//! the deepest chain against the household's.

use super::figures::Figure;
use super::{median_of, OVERVIEW_RUNS};
use crate::domain::{AccountId, Basis, OwnerId, OwnerRole, Right, Share};
use crate::household::lookthrough::Holding;
use crate::ops::household::{add_owner, set_ownership, OwnerAddInput, OwnershipSetInput};
use crate::ops::overview::{dashboard, DashboardInput};
use crate::store::overview::Scope;
use crate::App;
use rust_decimal::Decimal;
use std::time::Duration;

/// The family: name (never printed), role.
const FAMILY: [(&str, OwnerRole); 8] = [
    ("Bench Principal", OwnerRole::Principal),
    ("Bench Spouse", OwnerRole::Spouse),
    ("Bench Child A", OwnerRole::Child),
    ("Bench Child B", OwnerRole::Child),
    ("Bench Parent", OwnerRole::Parent),
    ("Bench Holding", OwnerRole::Holding),
    ("Bench SCI", OwnerRole::Sci),
    ("Bench Trust", OwnerRole::Trust),
];

fn share(owner: &OwnerId, percent: i64, right: Right) -> Share {
    Share { owner: owner.clone(), right, percent: Decimal::from(percent) }
}

async fn own(app: &App, holding: Holding, shares: Vec<Share>, from: Option<chrono::NaiveDate>) -> crate::Result<()> {
    set_ownership(app, OwnershipSetInput { holding: Some(holding), shares, from }).await.map(drop)
}

/// Records the family on `app`'s accounts and answers the owners, in [`FAMILY`]'s order.
async fn record_family(app: &App, accounts: &[AccountId]) -> crate::Result<Vec<OwnerId>> {
    let mut ids = Vec::with_capacity(FAMILY.len());
    for (name, role) in FAMILY {
        ids.push(add_owner(app, OwnerAddInput { name: name.into(), role: Some(role), ..Default::default() }).await?.id);
    }
    let [principal, spouse, child_a, child_b, parent, holding, sci, trust] = <[OwnerId; 8]>::try_from(ids.clone()).expect("eight owners");
    use Right::{BareOwnership, Full, Usufruct};
    own(app, Holding::Entity(holding.clone()), vec![share(&principal, 60, Full), share(&spouse, 40, Full)], None).await?;
    own(app, Holding::Entity(sci.clone()), vec![share(&holding, 50, Full), share(&principal, 25, Full), share(&spouse, 25, Full)], None).await?;
    own(app, Holding::Entity(trust.clone()), vec![share(&sci, 40, Full), share(&child_a, 30, Full), share(&child_b, 30, Full)], None).await?;
    for (index, account) in accounts.iter().enumerate() {
        let account = Holding::Account(account.clone());
        let shares = match index % 6 {
            0 => vec![share(&parent, 100, Usufruct), share(&child_a, 50, BareOwnership), share(&child_b, 50, BareOwnership)],
            1 => vec![share(&principal, 50, Full), share(&spouse, 50, Full)],
            2 => vec![share(&holding, 100, Full)],
            3 => vec![share(&sci, 100, Full)],
            4 => vec![share(&trust, 60, Full), share(&child_a, 40, Full)],
            _ => vec![share(&principal, 100, Full)],
        };
        own(app, account.clone(), shares, None).await?;
        if index == 1 {
            // A share change in the middle of the history: views weight each day by the shares then in force.
            let day = chrono::NaiveDate::from_ymd_opt(2025, 6, 1).expect("a day");
            own(app, account, vec![share(&principal, 70, Full), share(&spouse, 30, Full)], Some(day)).await?;
        }
    }
    Ok(ids)
}

async fn dashboard_median(app: &App, view: Option<OwnerId>) -> crate::Result<Duration> {
    median_of(OVERVIEW_RUNS, || {
        let view = view.clone();
        async move { dashboard(app, DashboardInput { view, basis: Some(Basis::Usufruct), ..Default::default() }).await.map(drop) }
    })
    .await
}

async fn all_median(app: &App, view: Option<OwnerId>) -> crate::Result<Duration> {
    median_of(OVERVIEW_RUNS, || {
        let view = view.clone();
        async move { crate::overview::compute_for(app, Some("all"), view, None, Scope::Document).await.map(drop) }
    })
    .await
}

/// Records the family on the synced household and times every view.
pub(super) async fn measure(app: &App) -> crate::Result<Vec<Figure>> {
    let accounts: Vec<AccountId> = app.store().call(|conn| crate::store::accounts::list(conn, false)).await?.into_iter().map(|a| a.id).collect();
    let owners = record_family(app, &accounts).await?;
    let household = dashboard_median(app, None).await?;
    let mut figures = vec![Figure::ms(
        format!("Dashboard, household view (8 owners over 3 levels of entities, {} accounts; median of {OVERVIEW_RUNS})", accounts.len()),
        household,
        "< 50 ms",
    )];
    for (owner, (_, role)) in owners.iter().zip(FAMILY) {
        let time = dashboard_median(app, Some(owner.clone())).await?;
        figures.push(Figure::ms_against(format!("Dashboard, view of {owner} ({})", role.as_str()), time, "household view", household, "< 50 ms"));
    }
    // The principal holds through the holding, the SCI it owns and the trust the SCI owns: the deepest chain.
    let deepest = &owners[0];
    let household_all = all_median(app, None).await?;
    let deepest_all = all_median(app, Some(deepest.clone())).await?;
    figures.push(Figure::ms_against(
        format!("overview `all`, view of {deepest} (through holding → SCI → trust; median of {OVERVIEW_RUNS})"),
        deepest_all,
        "household's `all`",
        household_all,
        "< 300 ms",
    ));
    Ok(figures)
}
