//! `pfo.wealth.get`: the balance sheet of the household or one owner today (see [`crate::wealth`]).

use crate::app::App;
use crate::domain::{Basis, Currency};
use crate::error::Result;
use crate::store::investments::{self, PositionFilter};
use crate::store::rates;
use crate::wealth::{self, Wealth, WealthInput, WealthInputs};

/// The balance sheet of the view, from the store; never touches the network.
pub async fn get(app: &App, input: WealthInput) -> Result<Wealth> {
    let today = app.clock().now().date_naive();
    app.store()
        .call(move |conn| {
            let basis = input.basis.unwrap_or(Basis::Usufruct);
            let view = crate::ops::household::view_on(conn, input.view.as_ref(), today, today, basis)?;
            let positions = investments::list(conn, &PositionFilter::default())?;
            let base = rates::base_currency(conn)?;
            let table = crate::fx::RateTable::new(&base, &rates::list_rates(conn)?);
            let inputs = WealthInputs { accounts: &view.accounts, positions: &positions, rates: &table, base_currency: Currency::parse("baseCurrency", &base)? };
            Ok(wealth::compute(&inputs, input.view, basis, today))
        })
        .await
}
