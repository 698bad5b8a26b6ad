//! `pfo owners`, `pfo ownership` and `pfo net-worth`: the household's structure from the command line, through the
//! same operations as the window (`pfo_core::ops::household`). Amounts are exact in the core and rounded to the
//! cent here, once, for people; `--json` keeps them exact.

use clap::Subcommand;
use pfo_core::domain::{AccountId, Basis, OwnerId, OwnerRole, Right, Share};
use pfo_core::household::lookthrough::Holding;
use pfo_core::household::view::HouseholdView;
use pfo_core::ops::household::{self as ops, HouseholdViewInput, OwnerAddInput, OwnerEditInput, OwnerRemoveInput, OwnershipSetInput, ProposalInput};
use pfo_core::ops::NoInput;
use pfo_core::App;
use chrono::NaiveDate;
use rust_decimal::Decimal;

#[derive(Debug, Subcommand)]
pub enum OwnersCommand {
    /// List the owners with their ids (`o1`, `o2`…), the primary one first.
    List {
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Add a person or an entity.
    Add {
        /// A first name, or the entity's name.
        name: String,
        /// principal, spouse, partner, child, parent, other_person, holding, sci, trust, foundation, company,
        /// indivision or other_entity.
        #[arg(long, value_parser = role_argument)]
        role: OwnerRole,
        /// Reporting currency (the base currency by default).
        #[arg(long)]
        currency: Option<String>,
        /// `#rrggbb`.
        #[arg(long)]
        colour: Option<String>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Change an owner's name, role, currency or colour, or make it the primary owner.
    Edit {
        /// The owner's id.
        #[arg(value_parser = owner_argument)]
        id: OwnerId,
        #[arg(long)]
        name: Option<String>,
        #[arg(long, value_parser = role_argument)]
        role: Option<OwnerRole>,
        #[arg(long)]
        currency: Option<String>,
        #[arg(long)]
        colour: Option<String>,
        /// Make this owner the primary one (the default owner of unassigned accounts).
        #[arg(long)]
        primary: bool,
    },
    /// Remove an owner that appears in no ownership history.
    Remove {
        #[arg(value_parser = owner_argument)]
        id: OwnerId,
    },
}

#[derive(Debug, Subcommand)]
pub enum OwnershipCommand {
    /// Record who owns an account (`powens:1001`) or an entity (`o4`): `o1=50 o2=50`, or with a right,
    /// `o1=100:usufruct o3=100:bare` (rights: full, usufruct, bare). Earlier records stay as history.
    Set {
        /// The account id, or the entity's owner id.
        holding: String,
        /// `OWNER=PERCENT[:RIGHT]`, adding up to 100 in each view.
        #[arg(required = true, value_parser = share_argument)]
        shares: Vec<Share>,
        /// First day in force (YYYY-MM-DD); from the start by default.
        #[arg(long, value_parser = pfo_core::domain::read_day)]
        from: Option<NaiveDate>,
    },
    /// Every recorded share set (the history) and the banks' proposals.
    Show {
        #[arg(long)]
        json: bool,
    },
    /// Apply the bank's holders of an account as its owners.
    Accept {
        account: String,
    },
    /// Set aside the bank's holders of an account.
    Dismiss {
        account: String,
    },
}

/// Options of `pfo net-worth`.
#[derive(Debug, clap::Args)]
pub struct NetWorthArgs {
    #[command(flatten)]
    pub view: ViewArgs,
    /// The day whose shares and balances are used (YYYY-MM-DD; today by default).
    #[arg(long, value_parser = pfo_core::domain::read_day)]
    pub as_of: Option<NaiveDate>,
    /// Print JSON (exact amounts) instead of a table.
    #[arg(long)]
    pub json: bool,
}

/// Whose figures a command shows: the household's (every account whole) by default, or one owner's share.
#[derive(Debug, Default, clap::Args)]
pub struct ViewArgs {
    /// Only what this owner holds, directly or through entities (an owner id from `pfo owners list`).
    #[arg(long, value_parser = owner_argument)]
    pub view: Option<OwnerId>,
    /// Which rights the view counts besides full ownership: usufruct (default) or bare.
    #[arg(long, value_parser = basis_argument, requires = "view")]
    pub basis: Option<Basis>,
}

fn role_argument(text: &str) -> Result<OwnerRole, String> {
    OwnerRole::parse(text.trim()).ok_or_else(|| {
        let roles: Vec<&str> = OwnerRole::ALL.iter().map(|r| r.as_str()).collect();
        format!("`{text}` is not a role; use one of {}", roles.join(", "))
    })
}

fn owner_argument(text: &str) -> Result<OwnerId, String> {
    OwnerId::parse("owner", text).map_err(|e| e.to_string())
}

fn basis_argument(text: &str) -> Result<Basis, String> {
    match text.trim() {
        "usufruct" => Ok(Basis::Usufruct),
        "bare" | "bare_ownership" => Ok(Basis::BareOwnership),
        other => Err(format!("`{other}` is not a basis; use usufruct or bare")),
    }
}

/// Reads `o1=50`, `o1=100:usufruct`, `o3=100:bare`.
fn share_argument(text: &str) -> Result<Share, String> {
    let (owner, rest) = text.split_once('=').ok_or_else(|| format!("`{text}` is not OWNER=PERCENT, e.g. o1=50"))?;
    let (percent, right) = match rest.split_once(':') {
        Some((percent, right)) => (percent, right),
        None => (rest, "full"),
    };
    let right = match right.trim() {
        "full" => Right::Full,
        "usufruct" => Right::Usufruct,
        "bare" | "bare_ownership" => Right::BareOwnership,
        other => return Err(format!("`{other}` is not a right; use full, usufruct or bare")),
    };
    let percent: Decimal = percent.trim().parse().map_err(|_| format!("`{percent}` is not a percentage, e.g. 33.34"))?;
    Ok(Share { owner: OwnerId::parse("owner", owner).map_err(|e| e.to_string())?, right, percent })
}

/// A holding given on the command line: an owner id for an entity, else an account id.
fn holding_argument(text: &str) -> pfo_core::Result<Holding> {
    match OwnerId::parse("holding", text) {
        Ok(entity) => Ok(Holding::Entity(entity)),
        Err(_) => AccountId::parse("holding", text.trim()).map(Holding::Account),
    }
}

/// Rounds an exact amount to the cent for a person to read.
pub(crate) fn cents(amount: Decimal) -> String {
    format!("{:.2}", amount.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointNearestEven))
}

pub(crate) fn percent(fraction: Decimal) -> String {
    format!("{}%", (fraction * Decimal::ONE_HUNDRED).round_dp(2).normalize())
}

pub async fn owners(app: &App, command: OwnersCommand) -> pfo_core::Result<()> {
    match command {
        OwnersCommand::List { json } => {
            let owners = ops::list_owners(app, NoInput {}).await?;
            if json {
                crate::output::json(&owners);
            } else if owners.is_empty() {
                outln!("No owner yet. Add the principal first: `pfo owners add NAME --role principal`.");
            } else {
                for owner in owners {
                    outln!("{:<5} {:<12} {:<24} {} {}", owner.id, owner.role, owner.name, owner.base_currency, if owner.primary { "(primary)" } else { "" });
                }
            }
        }
        OwnersCommand::Add { name, role, currency, colour, json } => {
            let owner = ops::add_owner(app, OwnerAddInput { name, role: Some(role), base_currency: currency, colour }).await?;
            if json {
                crate::output::json(&owner);
            } else {
                outln!("{} added ({}{})", owner.id, owner.role, if owner.primary { ", primary" } else { "" });
            }
        }
        OwnersCommand::Edit { id, name, role, currency, colour, primary } => {
            let owner = ops::edit_owner(app, OwnerEditInput { id: Some(id), name, role, base_currency: currency, colour, primary }).await?;
            outln!("{} saved ({}{})", owner.id, owner.role, if owner.primary { ", primary" } else { "" });
        }
        OwnersCommand::Remove { id } => {
            ops::remove_owner(app, OwnerRemoveInput { id: Some(id.clone()) }).await?;
            outln!("{id} removed");
        }
    }
    Ok(())
}

pub async fn ownership(app: &App, command: OwnershipCommand) -> pfo_core::Result<()> {
    match command {
        OwnershipCommand::Set { holding, shares, from } => {
            let set = ops::set_ownership(app, OwnershipSetInput { holding: Some(holding_argument(&holding)?), shares, from }).await?;
            let since = set.effective_from.map_or("the start".to_string(), |d| d.to_string());
            outln!("{} recorded from {since}: {}", holding.trim(), shares_text(&set.shares));
        }
        OwnershipCommand::Show { json } => {
            let overview = ops::ownership_overview(app, NoInput {}).await?;
            if json {
                crate::output::json(&overview);
                return Ok(());
            }
            for set in &overview.sets {
                let what = match &set.holding {
                    Holding::Account(a) => a.to_string(),
                    Holding::Entity(e) => e.to_string(),
                };
                let since = set.effective_from.map_or("start".to_string(), |d| d.to_string());
                outln!("{what:<16} from {since:<10}  {}", shares_text(&set.shares));
            }
            for proposal in overview.proposals.iter().filter(|p| p.status == pfo_core::household::ProposalStatus::Pending) {
                let shares: Vec<String> = proposal.shares.iter().map(|s| format!("{}={}", s.owner.as_ref().map_or("?".to_string(), |o| o.to_string()), s.percent.normalize())).collect();
                outln!("proposed by the bank for {}: {}{}", proposal.account_id, shares.join(" "), if proposal.complete { "" } else { " (a holder matches no owner yet)" });
            }
        }
        OwnershipCommand::Accept { account } => {
            let set = ops::accept_proposal(app, ProposalInput { account_id: Some(AccountId::parse("account", account.trim())?) }).await?;
            outln!("{} recorded: {}", account.trim(), shares_text(&set.shares));
        }
        OwnershipCommand::Dismiss { account } => {
            ops::dismiss_proposal(app, ProposalInput { account_id: Some(AccountId::parse("account", account.trim())?) }).await?;
            outln!("the bank's proposal for {} is set aside", account.trim());
        }
    }
    Ok(())
}

fn shares_text(shares: &[Share]) -> String {
    shares
        .iter()
        .map(|s| match s.right {
            Right::Full => format!("{}={}", s.owner, s.percent.normalize()),
            right => format!("{}={}:{}", s.owner, s.percent.normalize(), right),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

pub async fn net_worth(app: &App, args: NetWorthArgs) -> pfo_core::Result<()> {
    let view = ops::household_view(app, HouseholdViewInput { view: args.view.view, as_of: args.as_of, basis: args.view.basis }).await?;
    if args.json {
        crate::output::json(&view);
    } else {
        print_view(&view);
    }
    Ok(())
}

fn print_view(view: &HouseholdView) {
    for account in &view.accounts {
        let part = account.share_balance.map_or("-".to_string(), cents);
        let flag = if account.assigned { "" } else { "  (to assign)" };
        outln!("{:<16} {:<28} {:>8} {:>16} {}{flag}", account.account_id, account.name, percent(account.fraction), part, account.currency);
    }
    match view.net_worth {
        Some(total) => outln!("Net worth {}: {} {}", view.as_of, cents(total), view.base_currency),
        None => outln!("Net worth {}: nothing to count", view.as_of),
    }
    if !view.unconverted.is_empty() {
        let codes: Vec<&str> = view.unconverted.iter().map(|c| c.as_str()).collect();
        outln!("Left out (no rate to {}): {}; record one with `pfo rates set`.", view.base_currency, codes.join(", "));
    }
    if view.to_assign > 0 {
        outln!("{} account(s) to assign, held by the primary owner meanwhile: `pfo ownership set ACCOUNT o1=100`.", view.to_assign);
    }
}
