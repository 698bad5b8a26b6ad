//! The life of each connection: its state and the moment its data stopped, its PSD2 consent (`access_expire`),
//! what the bank asks for at the next forced sync (an SCA or a decoupled approval), the decoupled validation in
//! progress, and the sync attempts its log lists.
//!
//! The rule every route follows (Powens' Connection object: `state` is "the state code if the last update failed,
//! null for a successful sync", `last_update` the "last successful update"): while a connection's state is not null,
//! or while it is not `active`, its accounts show what the bank had at its last successful sync and nothing newer.
//! The sandbox clock goes on; when the connection is resolved its data follows the clock again, so everything that
//! happened in between appears at once, under the ids it always had (nothing lost, nothing twice).
//!
//! A healthy active connection syncs as the clock moves (the sandbox has always served data "as of now"); the log
//! lists the daily background syncs Powens schedules (`next_try`; every 24 h by default, fact sheet §7) next to the
//! attempts the API and the control API caused.

use crate::ledger::Instant;
use serde::Deserialize;

/// How long a consent given with a strong customer authentication lasts: PSD2's 180 days (fact sheet §5.4, §7).
pub const CONSENT_SECONDS: Instant = 180 * 86_400;

/// Powens' default background sync period (fact sheet §7: "every 24 h by default").
pub const BACKGROUND_SYNC_SECONDS: Instant = 86_400;

/// What the bank asks for at a connection's next forced sync, `refresh_auth` or account enabling (armed by a test).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BankStep {
    /// A strong customer authentication the user must give in the webview: the connection goes `SCARequired`.
    Sca,
    /// An approval in the bank's app: the connection goes `decoupled` until the control API approves or refuses it
    /// and the client sends `{"resume": true}`.
    Decoupled,
}

/// A decoupled validation the bank is waiting for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Validation {
    /// The user has not answered in the bank's app yet.
    Pending,
    /// The user approved; the connection resumes at the next `resume`.
    Approved,
}

/// One sync attempt, for the connection's log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attempt {
    /// When it ended (sandbox clock).
    pub at: Instant,
    /// The state it left (`None`: it succeeded).
    pub state: Option<String>,
    /// The bank's message with that state.
    pub error_message: Option<String>,
}

/// A state change, kept so the daily background syncs of the log show the state of their day.
#[derive(Debug, Clone)]
struct Change {
    at: Instant,
    state: Option<String>,
    error_message: Option<String>,
    active: bool,
}

/// What the bank says when a consent runs out (Powens forwards the bank's text untranslated; this one is the
/// sandbox's).
pub const CONSENT_EXPIRED: &str = "Consent expired: the account holder must renew it with a strong authentication";
/// The message of an `SCARequired` met at a sync.
pub const SCA_REQUIRED: &str = "Strong customer authentication required: confirm with your bank";
/// The message of a `decoupled` connection.
pub const VALIDATE_IN_APP: &str = "Validate the access in your bank's app";
/// The message after the user refused the approval in the bank's app.
pub const VALIDATION_REFUSED: &str = "The access was refused in the bank's app";

/// When a change the bank made at `at` reached Powens, given a connection's stand-stills (`gaps`, as (from, until)):
/// at once while the data flowed, at the end of the stand-still it fell in otherwise.
pub fn reached_powens_at(gaps: &[(Instant, Instant)], at: Instant) -> Instant {
    gaps.iter().find(|(from, until)| at > *from && at <= *until).map_or(at, |(_, until)| *until)
}

/// One connection's life.
#[derive(Debug, Clone)]
pub struct Life {
    state: Option<String>,
    error_message: Option<String>,
    /// Whether Powens syncs it automatically (`active`).
    active: bool,
    /// The last successful sync, while the data does not follow the clock (broken or inactive).
    synced_at: Instant,
    /// When the consent of its `openapi` source ends.
    access_expire: Option<Instant>,
    /// What the bank asks for at the next forced sync.
    next_step: Option<BankStep>,
    validation: Option<Validation>,
    /// The clock at the previous look: a consent found lapsed later never takes back data served by then.
    observed: Instant,
    /// When the last plain forced sync ran (Powens answers 409 `tooManySync` to one right after).
    pub last_forced_sync: Option<Instant>,
    /// The attempts caused through the API, the control API and the webview, oldest first.
    attempts: Vec<Attempt>,
    changes: Vec<Change>,
    /// The sandbox's start, from which the daily background syncs are counted.
    anchor: Instant,
    /// Since when the data has stood still, while it does (broken or inactive).
    frozen_since: Option<Instant>,
    /// Each period the data stood still, as (from, until): what happened at the bank in between reached Powens only
    /// `until`, so that is its `last_update` (a client reading changes since a later mark must still get it).
    gaps: Vec<(Instant, Instant)>,
}

/// The connection as the API shows it now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    /// `state` (and `error`).
    pub state: Option<String>,
    /// `error_message`.
    pub error_message: Option<String>,
    /// `last_update`: the last successful sync.
    pub last_update: Instant,
    /// `next_try`: the next scheduled background sync (none while inactive).
    pub next_try: Option<Instant>,
    /// The `openapi` source's `access_expire` (and the connection's `expire`).
    pub access_expire: Option<Instant>,
    /// `active`.
    pub active: bool,
}

impl Life {
    /// A healthy connection created at `at`, with its consent ending at `access_expire`.
    pub fn new(at: Instant, anchor: Instant, state: Option<String>, error_message: Option<String>, access_expire: Option<Instant>) -> Self {
        let change = Change { at, state: state.clone(), error_message: error_message.clone(), active: true };
        Self {
            state,
            error_message,
            active: true,
            synced_at: at,
            access_expire,
            next_step: None,
            validation: None,
            observed: at,
            last_forced_sync: None,
            attempts: Vec::new(),
            changes: vec![change],
            anchor,
            frozen_since: None,
            gaps: Vec::new(),
        }
    }

    /// Notes the data stopping or starting to follow the clock at `at` (`was_flowing`: before the change).
    fn track_flow(&mut self, was_flowing: bool, at: Instant) {
        match (was_flowing, self.flowing()) {
            (true, false) => self.frozen_since = Some(self.synced_at.min(at)),
            (false, true) => {
                if let Some(from) = self.frozen_since.take().filter(|from| *from < at) {
                    self.gaps.push((from, at));
                }
            }
            _ => {}
        }
    }

    /// The stand-stills so far, as (from, until).
    pub fn gaps(&self) -> &[(Instant, Instant)] {
        &self.gaps
    }

    /// Whether the data follows the clock.
    fn flowing(&self) -> bool {
        self.state.is_none() && self.active
    }

    /// The clock reading its accounts' data is shown at.
    pub fn data_clock(&self, now: Instant) -> Instant {
        if self.flowing() {
            now
        } else {
            self.synced_at.min(now)
        }
    }

    /// Applies what happened by itself since the previous look: a consent that ran out turns the connection
    /// `SCARequired` from the moment it did (or from the previous look, if the end was moved into the past since).
    /// True when something changed.
    pub fn settle(&mut self, now: Instant) -> bool {
        let mut changed = false;
        if self.state.is_none() {
            if let Some(end) = self.access_expire.filter(|end| *end <= now) {
                let at = end.max(self.observed.min(now));
                if self.active {
                    self.synced_at = at;
                }
                self.set(at, Some("SCARequired".into()), Some(CONSENT_EXPIRED.into()));
                self.attempts.push(Attempt { at, state: self.state.clone(), error_message: self.error_message.clone() });
                changed = true;
            }
        }
        self.observed = now;
        changed
    }

    fn set(&mut self, at: Instant, state: Option<String>, error_message: Option<String>) {
        let was_flowing = self.flowing();
        self.state = state;
        self.error_message = error_message;
        self.changes.push(Change { at, state: self.state.clone(), error_message: self.error_message.clone(), active: self.active });
        self.track_flow(was_flowing, at);
    }

    fn log(&mut self, at: Instant) {
        self.attempts.push(Attempt { at, state: self.state.clone(), error_message: self.error_message.clone() });
    }

    /// The sync at `now` fails with `state`: the data stays as of the last success.
    fn fail(&mut self, now: Instant, state: &str, message: &str) {
        if self.flowing() {
            self.synced_at = now;
        }
        self.set(now, Some(state.into()), Some(message.into()));
        self.log(now);
    }

    /// The sync at `now` succeeds: the data catches up to the clock.
    fn succeed(&mut self, now: Instant) {
        self.synced_at = now;
        self.validation = None;
        if self.state.is_some() {
            self.set(now, None, None);
        }
        self.log(now);
    }

    /// A strong authentication (webview reconnection, approved decoupled validation) succeeded at `now`: the
    /// consent starts again for [`CONSENT_SECONDS`], and the sync goes through.
    fn authenticated(&mut self, now: Instant) {
        self.access_expire = Some(now + CONSENT_SECONDS);
        self.succeed(now);
    }

    /// The bank asks for `step` at the sync at `now` (`psu_present`: the user asked for it, so can give it).
    fn meet(&mut self, now: Instant, step: BankStep, psu_present: bool) {
        match (step, psu_present) {
            (BankStep::Decoupled, true) => {
                self.fail(now, "decoupled", VALIDATE_IN_APP);
                self.validation = Some(Validation::Pending);
            }
            // Without the user (`psu_requested=false`) nobody can approve: the bank's demand stays unmet.
            _ => self.fail(now, "SCARequired", SCA_REQUIRED),
        }
    }

    /// The control API (standing in for the bank or Powens) sets the state at `now`; `None` is a background sync
    /// that went through again (unless the consent has run out meanwhile).
    pub fn set_state(&mut self, now: Instant, state: Option<String>, error_message: Option<String>) {
        match state {
            None if self.access_expire.is_some_and(|end| end <= now) => self.fail(now, "SCARequired", CONSENT_EXPIRED),
            None => self.succeed(now),
            Some(state) => {
                self.validation = (state == "decoupled").then_some(Validation::Pending);
                if self.flowing() {
                    self.synced_at = now;
                }
                self.set(now, Some(state), error_message);
                self.log(now);
            }
        }
    }

    /// A forced sync at `now` (`PUT`, or `POST` with an empty body). A healthy connection syncs (or meets the step
    /// the bank asks for); a broken one stays as it is, its attempt logged: what it waits for (the user in the
    /// webview or the bank's app, the bank, Powens) comes through the webview, `resume` or the control API.
    pub fn forced_sync(&mut self, now: Instant, psu_present: bool) {
        if let Some(step) = self.next_step.take() {
            return self.meet(now, step, psu_present);
        }
        match self.state {
            None => self.succeed(now),
            Some(_) => self.log(now),
        }
    }

    /// `POST {"refresh_auth": true}`: renews the consent before it ends, which "will trigger an SCA" (Powens'
    /// ConnectionUpdateRequest): `SCARequired` until the webview's reconnection, or `decoupled` if the bank was
    /// armed so.
    pub fn refresh_auth(&mut self, now: Instant) {
        match self.next_step.take() {
            Some(BankStep::Decoupled) => self.meet(now, BankStep::Decoupled, true),
            _ => self.fail(now, "SCARequired", SCA_REQUIRED),
        }
    }

    /// `POST {"resume": true}`: continues a `decoupled` connection. Approved: it syncs and the consent is renewed;
    /// still pending: it turns `validating` until the approval comes. On a connection that is not waiting for an
    /// approval, a plain sync.
    pub fn resume(&mut self, now: Instant) {
        match (self.state.as_deref(), self.validation) {
            (Some("decoupled" | "validating"), Some(Validation::Approved)) => self.authenticated(now),
            (Some("decoupled"), Some(Validation::Pending)) => {
                self.set(now, Some("validating".into()), Some(VALIDATE_IN_APP.into()));
                self.log(now);
            }
            (Some("validating"), Some(Validation::Pending)) => self.log(now),
            _ => self.forced_sync(now, true),
        }
    }

    /// The user answers the bank app's request at `now`. An approval after `resume` (state `validating`) completes
    /// the sync at once; before it, the connection stays `decoupled` until the client resumes it. A refusal turns it
    /// `actionNeeded`. False when no validation was waiting.
    pub fn answer_validation(&mut self, now: Instant, approved: bool) -> bool {
        if self.validation != Some(Validation::Pending) {
            return false;
        }
        match (approved, self.state.as_deref()) {
            (true, Some("validating")) => self.authenticated(now),
            (true, _) => self.validation = Some(Validation::Approved),
            (false, _) => {
                self.validation = None;
                self.set(now, Some("actionNeeded".into()), Some(VALIDATION_REFUSED.into()));
                self.log(now);
            }
        }
        true
    }

    /// The reconnect webview completed at `now`: the user authenticated, the consent is renewed and the data
    /// catches up.
    pub fn reconnected(&mut self, now: Instant) {
        self.authenticated(now);
    }

    /// An account of this connection was enabled at `now` (the PSU's consent, Powens' bank-accounts page): it meets
    /// the step the bank was armed with, if any.
    pub fn account_enabled(&mut self, now: Instant) {
        if let Some(step) = self.next_step.take() {
            self.meet(now, step, true);
        }
    }

    /// Arms (or disarms) what the bank asks for at the next forced sync.
    pub fn require_on_next_sync(&mut self, step: Option<BankStep>) {
        self.next_step = step;
    }

    /// Moves the consent end (a test's shortcut to a lapse, or to a consent the bank reports differently).
    pub fn set_access_expire(&mut self, at: Option<Instant>) {
        self.access_expire = at;
    }

    /// `POST {"active": …}` at `now`: an inactive connection is not synced in the background, so its data stays
    /// as of the last sync until it is forced or the connection is activated again.
    pub fn set_active(&mut self, now: Instant, active: bool) {
        if active == self.active {
            return;
        }
        if !active && self.flowing() {
            self.synced_at = now;
        }
        if active && self.state.is_none() {
            self.synced_at = now;
        }
        let was_flowing = self.flowing();
        self.active = active;
        self.track_flow(was_flowing, now);
        self.changes.push(Change { at: now, state: self.state.clone(), error_message: self.error_message.clone(), active });
    }

    /// The connection as the API shows it at `now`.
    pub fn status(&self, now: Instant) -> Status {
        Status {
            state: self.state.clone(),
            error_message: self.error_message.clone(),
            last_update: self.data_clock(now),
            next_try: self.active.then(|| self.next_background_sync(now)),
            access_expire: self.access_expire,
            active: self.active,
        }
    }

    /// The first background sync after `now`.
    fn next_background_sync(&self, now: Instant) -> Instant {
        let elapsed = (now - self.anchor).max(0);
        self.anchor + (elapsed / BACKGROUND_SYNC_SECONDS + 1) * BACKGROUND_SYNC_SECONDS
    }

    /// Every sync attempt up to `now`, newest first: the daily background syncs of an active connection (with the
    /// state of their moment) and the attempts the API, the control API and the webview caused.
    pub fn attempts(&self, now: Instant) -> Vec<Attempt> {
        // (when, order among attempts of one second, the attempt): a caused attempt comes after the background
        // sync of its second, and after the caused ones before it.
        let mut all: Vec<(Instant, usize, Attempt)> = self.attempts.iter().enumerate().map(|(i, a)| (a.at, i + 1, a.clone())).collect();
        let first = self.changes.first().map_or(self.anchor, |c| c.at);
        let mut at = self.anchor + BACKGROUND_SYNC_SECONDS;
        while at <= now {
            if at > first {
                // A change at the very second of a background sync comes after it.
                let change = self.changes.iter().rev().find(|c| c.at < at);
                if let Some(change) = change.filter(|c| c.active) {
                    all.push((at, 0, Attempt { at, state: change.state.clone(), error_message: change.error_message.clone() }));
                }
            }
            at += BACKGROUND_SYNC_SECONDS;
        }
        all.sort_by_key(|(at, order, _)| std::cmp::Reverse((*at, *order)));
        all.into_iter().map(|(_, _, attempt)| attempt).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: Instant = 86_400;

    #[test]
    fn what_the_bank_did_during_a_stand_still_reached_powens_when_it_ended() {
        let (start, broke, fixed) = (1_000, 2_000, 5_000);
        let mut life = Life::new(start, start, None, None, None);
        life.set_state(broke, Some("SCARequired".into()), None);
        assert!(life.gaps().is_empty(), "still standing still");
        life.set_state(fixed, None, None);
        assert_eq!(life.gaps(), &[(broke, fixed)]);
        assert_eq!(reached_powens_at(life.gaps(), broke), broke, "seen before the break");
        assert_eq!(reached_powens_at(life.gaps(), 3_000), fixed, "made during it: reached Powens at the end");
        assert_eq!(reached_powens_at(life.gaps(), 6_000), 6_000);
        life.set_active(7_000, false);
        life.set_active(9_000, true);
        assert_eq!(reached_powens_at(life.gaps(), 8_000), 9_000, "an inactive spell is a stand-still too");
    }

    #[test]
    fn a_broken_connection_keeps_its_data_at_the_break_and_catches_up_when_resolved() {
        let mut life = Life::new(0, 0, None, None, Some(100 * DAY));
        assert_eq!(life.data_clock(5 * DAY), 5 * DAY);
        life.set_state(5 * DAY, Some("wrongpass".into()), None);
        assert_eq!(life.data_clock(9 * DAY), 5 * DAY);
        life.forced_sync(9 * DAY, true);
        assert_eq!(life.status(9 * DAY).state.as_deref(), Some("wrongpass"), "a forced sync does not fix a wrong password");
        life.set_state(10 * DAY, None, None);
        assert_eq!(life.data_clock(10 * DAY), 10 * DAY);
        assert_eq!(life.status(10 * DAY).last_update, 10 * DAY);
    }

    #[test]
    fn a_lapsed_consent_stops_the_data_where_it_ended_and_a_reconnection_renews_it() {
        let mut life = Life::new(0, 0, None, None, Some(30 * DAY));
        assert!(life.settle(40 * DAY));
        assert_eq!(life.status(40 * DAY).state.as_deref(), Some("SCARequired"));
        assert_eq!(life.data_clock(40 * DAY), 30 * DAY);
        life.set_state(41 * DAY, None, None);
        assert_eq!(life.status(41 * DAY).state.as_deref(), Some("SCARequired"), "the bank cannot sync without a consent");
        life.reconnected(42 * DAY);
        assert_eq!(life.status(42 * DAY).access_expire, Some(42 * DAY + CONSENT_SECONDS));
        assert_eq!(life.data_clock(42 * DAY), 42 * DAY);
        assert!(!life.settle(43 * DAY));
    }

    #[test]
    fn a_consent_moved_into_the_past_never_takes_back_data_already_seen() {
        let mut life = Life::new(0, 0, None, None, None);
        life.settle(20 * DAY);
        life.set_access_expire(Some(5 * DAY));
        life.settle(21 * DAY);
        assert_eq!(life.data_clock(21 * DAY), 20 * DAY);
    }

    #[test]
    fn a_decoupled_approval_needs_the_resume_and_a_refusal_needs_the_user() {
        let mut life = Life::new(0, 0, None, None, Some(100 * DAY));
        life.require_on_next_sync(Some(BankStep::Decoupled));
        life.forced_sync(DAY, true);
        assert_eq!(life.status(DAY).state.as_deref(), Some("decoupled"));
        assert!(life.answer_validation(2 * DAY, true));
        assert_eq!(life.status(2 * DAY).state.as_deref(), Some("decoupled"), "approved, but not resumed yet");
        life.resume(3 * DAY);
        assert_eq!(life.status(3 * DAY).state, None);
        assert_eq!(life.status(3 * DAY).access_expire, Some(3 * DAY + CONSENT_SECONDS));

        life.require_on_next_sync(Some(BankStep::Decoupled));
        life.forced_sync(4 * DAY, true);
        life.resume(4 * DAY);
        assert_eq!(life.status(4 * DAY).state.as_deref(), Some("validating"));
        assert!(life.answer_validation(5 * DAY, false));
        assert_eq!(life.status(5 * DAY).state.as_deref(), Some("actionNeeded"));
        assert!(!life.answer_validation(5 * DAY, true), "nothing waits any more");
        assert_eq!(life.data_clock(6 * DAY), 4 * DAY);
    }

    #[test]
    fn without_the_user_a_demanded_approval_becomes_an_sca_required() {
        let mut life = Life::new(0, 0, None, None, None);
        life.require_on_next_sync(Some(BankStep::Decoupled));
        life.forced_sync(DAY, false);
        assert_eq!(life.status(DAY).state.as_deref(), Some("SCARequired"));
    }

    #[test]
    fn the_log_lists_daily_background_syncs_with_their_state_and_the_caused_attempts() {
        let mut life = Life::new(0, 0, None, None, None);
        life.set_state(DAY + 10, Some("websiteUnavailable".into()), None);
        life.set_state(2 * DAY + 10, None, None);
        let attempts = life.attempts(3 * DAY);
        let states: Vec<(Instant, Option<&str>)> = attempts.iter().map(|a| (a.at, a.state.as_deref())).collect();
        assert_eq!(
            states,
            [(3 * DAY, None), (2 * DAY + 10, None), (2 * DAY, Some("websiteUnavailable")), (DAY + 10, Some("websiteUnavailable")), (DAY, None)]
        );
        assert_eq!(life.status(3 * DAY).next_try, Some(4 * DAY));
        life.set_active(3 * DAY, false);
        assert_eq!(life.status(3 * DAY).next_try, None);
        assert_eq!(life.data_clock(5 * DAY), 3 * DAY, "an inactive connection is not synced in the background");
        assert_eq!(life.attempts(5 * DAY).len(), 5, "and has no background syncs");
    }
}
