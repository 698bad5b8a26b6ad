//! The `share_sets`, `shares` and `ownership_proposals` tables: who owns each account and entity from which day,
//! and what the bank says about it (the rules: [`crate::domain::check_shares`], [`crate::household`]).

use crate::domain::{AccountId, OwnerId, Right, Share, Timestamp};
use crate::error::{Error, Result};
use crate::household::lookthrough::Holding;
use crate::household::{Party, ProposalStatus, ShareSet};
use chrono::NaiveDate;
use rusqlite::{named_params, Connection, OptionalExtension};
use rust_decimal::Decimal;
use std::str::FromStr;

fn holding_columns(holding: &Holding) -> (&'static str, String) {
    match holding {
        Holding::Account(account) => ("account", account.to_string()),
        Holding::Entity(owner) => ("entity", owner.to_string()),
    }
}

fn holding_from(kind: &str, id: &str) -> Result<Holding> {
    let unreadable = || Error::Unreadable { what: "a stored share set".into(), fix: "record the ownership of that account again (`pfo ownership set`)" };
    match kind {
        "account" => AccountId::parse("holding", id).map(Holding::Account).map_err(|_| unreadable()),
        "entity" => OwnerId::parse("holding", id).map(Holding::Entity).map_err(|_| unreadable()),
        _ => Err(unreadable()),
    }
}

/// Records the whole ownership of `holding` from `from` on (`None`: from the start), replacing a set recorded for
/// the same holding and day. Returns the stored set. Several statements: run it inside the caller's transaction
/// (`store::with_tx`), so that a set is never half written.
pub fn record(tx: &Connection, holding: &Holding, from: Option<NaiveDate>, shares: &[Share], now: Timestamp) -> Result<ShareSet> {
    let (kind, id) = holding_columns(holding);
    {
        tx.execute(
            "DELETE FROM share_sets WHERE holding_kind = :kind AND holding_id = :id AND coalesce(effective_from, '') = coalesce(:from, '')",
            named_params! { ":kind": kind, ":id": id, ":from": from },
        )
        .map_err(Error::storage("replacing a share set"))?;
        tx.execute(
            "INSERT INTO share_sets (holding_kind, holding_id, effective_from, recorded_at) VALUES (:kind, :id, :from, :now)",
            named_params! { ":kind": kind, ":id": id, ":from": from, ":now": now },
        )
        .map_err(Error::storage("recording a share set"))?;
        let set_id = tx.last_insert_rowid();
        let mut insert = tx
            .prepare_cached("INSERT INTO shares (share_set_id, owner_id, ownership_right, percent) VALUES (:set, :owner, :right, :percent)")
            .map_err(Error::storage("preparing a share insert"))?;
        for share in shares {
            insert
                .execute(named_params! { ":set": set_id, ":owner": share.owner, ":right": share.right, ":percent": share.percent.normalize().to_string() })
                .map_err(Error::storage("recording a share"))?;
        }
    }
    Ok(ShareSet { holding: holding.clone(), effective_from: from, recorded_at: now, shares: shares.to_vec() })
}

/// Every share set ever recorded, per holding oldest first (`None`, from the start, before any day).
pub fn all_sets(connection: &Connection) -> Result<Vec<ShareSet>> {
    let mut statement = connection
        .prepare_cached(
            "SELECT s.id, s.holding_kind, s.holding_id, s.effective_from, s.recorded_at, sh.owner_id, sh.ownership_right, sh.percent
             FROM share_sets s JOIN shares sh ON sh.share_set_id = s.id
             ORDER BY s.holding_kind, s.holding_id, coalesce(s.effective_from, ''), s.id, sh.owner_id, sh.ownership_right",
        )
        .map_err(Error::storage("preparing the share-set list"))?;
    type SetRow = (i64, String, String, Option<NaiveDate>, Timestamp, OwnerId, Right, String);
    let rows = statement
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?)))
        .map_err(Error::storage("listing share sets"))?
        .collect::<rusqlite::Result<Vec<SetRow>>>()
        .map_err(Error::storage("reading share sets"))?;
    let mut sets: Vec<(i64, ShareSet)> = Vec::new();
    for (set_id, kind, id, from, recorded_at, owner, right, percent) in rows {
        let percent = Decimal::from_str(&percent)
            .map_err(|_| Error::Unreadable { what: "a stored ownership percentage".into(), fix: "record the ownership of that account again (`pfo ownership set`)" })?;
        let share = Share { owner, right, percent };
        match sets.last_mut() {
            Some((last, set)) if *last == set_id => set.shares.push(share),
            _ => sets.push((set_id, ShareSet { holding: holding_from(&kind, &id)?, effective_from: from, recorded_at, shares: vec![share] })),
        }
    }
    Ok(sets.into_iter().map(|(_, set)| set).collect())
}

/// Removes every share set of `holding` (an account forgotten, an entity removed).
pub fn forget(connection: &Connection, holding: &Holding) -> Result<usize> {
    let (kind, id) = holding_columns(holding);
    connection
        .execute("DELETE FROM share_sets WHERE holding_kind = :kind AND holding_id = :id", named_params! { ":kind": kind, ":id": id })
        .map_err(Error::storage("removing share sets"))
}

/// One account's ownership as the bank reports it.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredProposal {
    /// The account.
    pub account: AccountId,
    /// `PRIV` / `ORGA`.
    pub usage: Option<String>,
    /// The parties.
    pub parties: Vec<Party>,
    /// Pending, accepted or dismissed.
    pub status: ProposalStatus,
    /// When the bank last reported it.
    pub received_at: Timestamp,
}

/// Stores what the bank reports for an account. A proposal whose parties did not change keeps its status (a
/// dismissed one stays dismissed); new or changed parties make it pending again. Returns whether it is pending now.
pub fn receive(connection: &Connection, account: &AccountId, usage: Option<&str>, parties: &[Party], now: Timestamp) -> Result<bool> {
    let json = serde_json::to_string(parties).map_err(|e| Error::Task(format!("encoding ownership parties: {e}")))?;
    let stored: Option<(String, ProposalStatus)> = connection
        .query_row(
            "SELECT parties_json, status FROM ownership_proposals WHERE account_id = :account",
            named_params! { ":account": account.as_str() },
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()
        .map_err(Error::storage("reading an ownership proposal"))?;
    let status = match stored {
        Some((same, status)) if same == json => status,
        _ => ProposalStatus::Pending,
    };
    connection
        .execute(
            "INSERT INTO ownership_proposals (account_id, usage, parties_json, status, received_at) VALUES (:account, :usage, :json, :status, :now)
             ON CONFLICT (account_id) DO UPDATE SET usage = excluded.usage, parties_json = excluded.parties_json,
                 status = excluded.status, received_at = excluded.received_at",
            named_params! { ":account": account.as_str(), ":usage": usage, ":json": json, ":status": status, ":now": now },
        )
        .map_err(Error::storage("storing an ownership proposal"))?;
    Ok(status == ProposalStatus::Pending)
}

/// Every stored proposal, by account.
pub fn proposals(connection: &Connection) -> Result<Vec<StoredProposal>> {
    let mut statement = connection
        .prepare_cached("SELECT account_id, usage, parties_json, status, received_at FROM ownership_proposals ORDER BY account_id")
        .map_err(Error::storage("preparing the ownership proposals"))?;
    let rows = statement
        .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get(1)?, r.get::<_, String>(2)?, r.get(3)?, r.get(4)?)))
        .map_err(Error::storage("listing ownership proposals"))?
        .collect::<rusqlite::Result<Vec<(String, Option<String>, String, ProposalStatus, Timestamp)>>>()
        .map_err(Error::storage("reading ownership proposals"))?;
    rows.into_iter()
        .map(|(account, usage, json, status, received_at)| {
            let unreadable = || Error::Unreadable { what: "a stored ownership proposal".into(), fix: "sync the accounts again; the bank's report replaces it" };
            Ok(StoredProposal {
                account: AccountId::parse("account", &account).map_err(|_| unreadable())?,
                usage,
                parties: serde_json::from_str(&json).map_err(|_| unreadable())?,
                status,
                received_at,
            })
        })
        .collect()
}

/// Marks a proposal accepted or dismissed; `NotFound` when the account has none.
pub fn settle(connection: &Connection, account: &AccountId, status: ProposalStatus) -> Result<()> {
    let changed = connection
        .execute("UPDATE ownership_proposals SET status = :status WHERE account_id = :account", named_params! { ":status": status, ":account": account.as_str() })
        .map_err(Error::storage("settling an ownership proposal"))?;
    if changed == 0 {
        return Err(Error::NotFound { what: format!("an ownership proposal for {account}"), fix: "the bank has reported no holder for that account; set its owners by hand" });
    }
    Ok(())
}
