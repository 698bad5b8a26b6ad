//! The accounts slice end to end: pfo-core's App syncing from the sandbox over loopback HTTP into a real
//! SQLCipher file, with keys in the real OS keyring.

use pfo_core::contracts::accounts::{self, AccountsListInput, AccountsSyncInput};
use pfo_core::domain::AccountStatus;
use pfo_core::secrets::SecretStore;
use pfo_core::{App, AppOptions, Mode};
use pfo_tests::{configure_live, data_dir, household_secrets, plaintext_hits};
use powens_sandbox::{start, SandboxConfig};
use std::collections::BTreeMap;

fn all() -> AccountsListInput {
    AccountsListInput { include_inactive: true, ..Default::default() }
}

#[tokio::test]
async fn a_sync_stores_exactly_the_sandbox_accounts_and_a_second_sync_changes_nothing() {
    let sandbox = start(SandboxConfig { seed: 7, ..SandboxConfig::default() }).await.unwrap();
    let dir = data_dir();
    configure_live(dir.path(), &sandbox);
    let app = App::open(AppOptions::new(dir.path())).await.unwrap();
    assert_eq!(app.mode(), Mode::Live);

    let first = accounts::sync(&app, AccountsSyncInput::default()).await.unwrap();
    let truth = &sandbox.household().accounts;
    assert_eq!(first.accounts.inserted as usize, truth.len());
    assert_eq!(first.connections as usize, sandbox.household().connections.len());

    let stored = accounts::list(&app, all()).await.unwrap().accounts;
    let stored_by_id: BTreeMap<_, _> = stored.iter().map(|a| (a.id.to_string(), a)).collect();
    assert_eq!(stored_by_id.len(), truth.len(), "one stored row per sandbox account");
    for want in truth {
        let got = stored_by_id[&format!("powens:{}", want.id)];
        assert_eq!(got.name, want.name);
        assert_eq!(got.currency, want.currency.code);
        assert_eq!(got.account_type.code(), want.account_type);
        assert_eq!(got.balance.unwrap() * rust_decimal_hundred(), sandbox.balance_minor(want.id).unwrap().into());
        let connection = sandbox.household().connections.iter().find(|c| c.id == want.id_connection).unwrap();
        assert_eq!(got.institution, connection.connector.name);
        let expected_status = if want.disabled.is_some() { AccountStatus::Disabled } else { AccountStatus::Active };
        assert_eq!(got.status, expected_status, "{}", want.name);
    }
    let active = accounts::list(&app, AccountsListInput::default()).await.unwrap().accounts;
    assert_eq!(active.len(), truth.iter().filter(|a| a.disabled.is_none()).count());

    let requests_before = sandbox.request_count();
    let second = accounts::sync(&app, AccountsSyncInput::default()).await.unwrap();
    assert_eq!((second.accounts.inserted, second.accounts.updated, second.accounts.removed), (0, 0, 0));
    assert_eq!(second.accounts.unchanged as usize, truth.len());
    assert_eq!(sandbox.request_count() - requests_before, 3, "the second sync reuses the user: connections, accounts, account ownerships");
    let again = accounts::list(&app, all()).await.unwrap().accounts;
    assert_eq!(again.len(), stored.len(), "nothing duplicated");
    for (before, after) in stored.iter().zip(&again) {
        assert!(before.same_content(after), "{} changed on a no-change sync", before.name);
    }
}

fn rust_decimal_hundred() -> rust_decimal::Decimal {
    rust_decimal::Decimal::from(100)
}

#[tokio::test]
async fn the_household_powens_user_is_created_once_and_its_token_reused_across_restarts() {
    let sandbox = start(SandboxConfig { seed: 8, ..SandboxConfig::default() }).await.unwrap();
    let dir = data_dir();
    let profile = configure_live(dir.path(), &sandbox);
    {
        let app = App::open(AppOptions::new(dir.path())).await.unwrap();
        accounts::sync(&app, AccountsSyncInput::default()).await.unwrap();
    }
    let token = SecretStore::default().get(&profile.powens_token_entry()).unwrap();
    assert!(token.is_some(), "the permanent token is kept in the keyring");
    let before = sandbox.request_count();
    let app = App::open(AppOptions::new(dir.path())).await.unwrap();
    accounts::sync(&app, AccountsSyncInput::default()).await.unwrap();
    assert_eq!(sandbox.request_count() - before, 3, "no second /auth/init after a restart: connections, accounts, account ownerships");
}

#[tokio::test]
async fn no_account_name_number_or_iban_is_stored_in_plaintext() {
    let sandbox = start(SandboxConfig { seed: 9, ..SandboxConfig::default() }).await.unwrap();
    let dir = data_dir();
    configure_live(dir.path(), &sandbox);
    let app = App::open(AppOptions::new(dir.path())).await.unwrap();
    accounts::sync(&app, AccountsSyncInput::default()).await.unwrap();
    let needles = household_secrets(sandbox.household());
    assert!(needles.len() >= 20);
    // While open (database and WAL on disk) and after closing (checkpointed into the database).
    assert_eq!(plaintext_hits(dir.path(), &needles), vec![]);
    drop(app);
    assert_eq!(plaintext_hits(dir.path(), &needles), vec![]);
    assert!(pfo_tests::files_under(dir.path()).iter().any(|f| f.ends_with("pfo.db")));
}

#[tokio::test]
async fn a_wrong_or_missing_key_fails_clearly_and_leaves_the_file_byte_for_byte_unchanged() {
    let dir = data_dir();
    let database = {
        let app = App::open(AppOptions::new(dir.path())).await.unwrap();
        accounts::sync(&app, AccountsSyncInput::default()).await.unwrap();
        app.profile().database_path().to_path_buf()
    };
    let profile = pfo_core::profile::Profile::open(dir.path(), Mode::Demo).unwrap();
    let secrets = SecretStore::default();
    let right_key = secrets.get(&profile.database_key_entry()).unwrap().unwrap();
    let before = std::fs::read(&database).unwrap();

    secrets.set(&profile.database_key_entry(), &pfo_core::secrets::random_key_hex().unwrap()).unwrap();
    let wrong = App::open(AppOptions::new(dir.path())).await.unwrap_err();
    assert_eq!(wrong.code(), "store.key_wrong");
    assert!(wrong.to_string().contains("could not be decrypted") && wrong.to_string().contains("Nothing was changed"));
    assert_eq!(std::fs::read(&database).unwrap(), before);

    secrets.delete(&profile.database_key_entry()).unwrap();
    let missing = App::open(AppOptions::new(dir.path())).await.unwrap_err();
    assert_eq!(missing.code(), "store.key_missing");
    assert!(missing.to_string().contains("keyring"));
    assert_eq!(std::fs::read(&database).unwrap(), before);
    assert!(secrets.get(&profile.database_key_entry()).unwrap().is_none(), "no replacement key was created");

    secrets.set(&profile.database_key_entry(), &right_key).unwrap();
    let app = App::open(AppOptions::new(dir.path())).await.unwrap();
    assert!(accounts::list(&app, all()).await.unwrap().accounts.len() >= 8, "the data is intact with the right key");
}

#[tokio::test]
async fn demo_mode_syncs_the_seeded_household_into_its_own_profile() {
    let dir = data_dir();
    let app = App::open(AppOptions::new(dir.path())).await.unwrap();
    assert_eq!(app.mode(), Mode::Demo);
    let result = accounts::sync(&app, AccountsSyncInput::default()).await.unwrap();
    assert_eq!(result.mode, Mode::Demo);
    let truth = powens_sandbox::household::generate(powens_sandbox::DEMO_SEED, chrono_today());
    let mut stored: Vec<String> = accounts::list(&app, all()).await.unwrap().accounts.into_iter().map(|a| a.name).collect();
    let mut expected: Vec<String> = truth.accounts.iter().map(|a| a.name.clone()).collect();
    stored.sort();
    expected.sort();
    assert_eq!(stored, expected);
    assert!(app.profile().database_path().starts_with(dir.path().join("demo")), "demo data lives in the demo profile");
    assert!(!dir.path().join("live").exists(), "no live profile is created in demo mode");
}

fn chrono_today() -> chrono::NaiveDate {
    chrono::Utc::now().date_naive()
}

#[tokio::test]
async fn accounts_that_vanish_or_are_recreated_disabled_are_shown_as_such_and_left_out_of_the_active_list() {
    let sandbox = start(SandboxConfig { seed: 12, ..SandboxConfig::default() }).await.unwrap();
    let dir = data_dir();
    configure_live(dir.path(), &sandbox);
    let app = App::open(AppOptions::new(dir.path())).await.unwrap();
    accounts::sync(&app, AccountsSyncInput::default()).await.unwrap();
    let active: Vec<i64> = sandbox.household().accounts.iter().filter(|a| a.disabled.is_none()).map(|a| a.id).collect();
    sandbox.delete_account(active[0]);
    sandbox.recreate_disabled(active[1]);
    let second = accounts::sync(&app, AccountsSyncInput::default()).await.unwrap();
    assert_eq!(second.accounts.updated, 2, "two accounts changed status");
    let all = accounts::list(&app, all()).await.unwrap().accounts;
    let status = |id: i64| all.iter().find(|a| a.id == format!("powens:{id}")).unwrap().status;
    assert_eq!(status(active[0]), AccountStatus::Deleted);
    assert_eq!(status(active[1]), AccountStatus::Disabled);
    let listed = accounts::list(&app, AccountsListInput::default()).await.unwrap().accounts;
    assert_eq!(listed.len(), active.len() - 2, "only active accounts in the default list");
}

#[tokio::test]
async fn an_accounts_answer_without_its_list_fails_the_sync_and_marks_nothing_deleted() {
    let sandbox = start(SandboxConfig { seed: 13, ..SandboxConfig::default() }).await.unwrap();
    let dir = data_dir();
    configure_live(dir.path(), &sandbox);
    let app = App::open(AppOptions::new(dir.path())).await.unwrap();
    accounts::sync(&app, AccountsSyncInput::default()).await.unwrap();
    let before = accounts::list(&app, all()).await.unwrap().accounts;

    // `{}` where the accounts listing should be: read as an empty list, every stored account would be deleted.
    sandbox.inject(powens_sandbox::faults::Fault::always(powens_sandbox::faults::FaultKind::MissingList).on_path("/users/me/accounts"));
    let error = accounts::sync(&app, AccountsSyncInput::default()).await.unwrap_err();
    assert_eq!(error.code(), "powens.bad_payload", "{error}");
    let message = error.to_string();
    assert!(message.contains("GET /users/me/accounts") && message.contains("missing field `accounts`"), "{message}");

    let after = accounts::list(&app, all()).await.unwrap().accounts;
    assert_eq!(after.len(), before.len());
    for (was, is) in before.iter().zip(&after) {
        assert!(was.same_content(is), "{} changed although the sync was refused", was.name);
    }
    assert!(after.iter().all(|a| a.status != AccountStatus::Deleted), "no account was marked deleted");
}

#[tokio::test]
async fn a_truncated_database_is_reported_and_left_as_it_is() {
    let dir = data_dir();
    let database = {
        let app = App::open(AppOptions::new(dir.path())).await.unwrap();
        accounts::sync(&app, AccountsSyncInput::default()).await.unwrap();
        app.profile().database_path().to_path_buf()
    };
    let whole = std::fs::read(&database).unwrap();
    std::fs::write(&database, &whole[..whole.len() / 3]).unwrap();
    let damaged = std::fs::read(&database).unwrap();
    let error = App::open(AppOptions::new(dir.path())).await.unwrap_err();
    assert!(matches!(error.code().as_str(), "store.key_wrong" | "store.failed"), "{}: {error}", error.code());
    assert!(error.to_string().contains("damaged") || error.to_string().contains("database"), "{error}");
    assert_eq!(std::fs::read(&database).unwrap(), damaged, "the damaged file is left for recovery, not replaced");
}
