//! Tests of `backup`.
use super::*;
use crate::secrets::random_key_hex;
use secrecy::ExposeSecret;
use crate::clock::FixedClock;
use crate::store::Store;
use crate::workflow::{self, progress::NoProgress};
use crate::AppOptions;
use std::sync::Arc;

const PASSPHRASE: &str = "tulip harbour seventeen quietly";

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-25T10:00:00Z").unwrap().with_timezone(&Utc)
}

fn passphrase(text: &str) -> SecretString {
    SecretString::from(text.to_string())
}

async fn synced_app(data_dir: &Path) -> App {
    let app = App::open(AppOptions { clock: Arc::new(FixedClock(now())), ..AppOptions::new(data_dir) }).await.unwrap();
    let outcome = workflow::refresh(&app, Arc::new(NoProgress)).await.unwrap();
    assert_eq!(outcome.status, crate::domain::RunStatus::Succeeded);
    app
}

async fn fingerprint_of(app: &App) -> Fingerprint {
    fingerprint(app).await.unwrap()
}

/// The archive's members, by name.
fn members(file: &Path) -> Vec<(String, Vec<u8>)> {
    let mut archive = tar::Archive::new(File::open(file).unwrap());
    archive
        .entries()
        .unwrap()
        .map(|entry| {
            let mut entry = entry.unwrap();
            let mut bytes = Vec::new();
            entry.read_to_end(&mut bytes).unwrap();
            (entry.path().unwrap().to_string_lossy().into_owned(), bytes)
        })
        .collect()
}

fn profile_of(data_dir: &Path, mode: Mode) -> Profile {
    Profile::open(data_dir, mode).unwrap()
}

fn forget_keys(data_dir: &Path) {
    if let Ok(profile) = Profile::open(data_dir, Mode::Demo) {
        let _ = SecretStore::default().delete(&profile.database_key_entry());
    }
}

/// Every file of a profile directory, byte for byte.
fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file() && !p.to_string_lossy().ends_with(".lock"))
        .map(|p| (p.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read(&p).unwrap()))
        .collect();
    files.sort();
    files
}

#[tokio::test(flavor = "multi_thread")]
async fn backup_then_restore_into_a_fresh_data_dir_gives_back_the_same_rows_under_a_new_key() {
    let (source_dir, target_dir, out) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let app = synced_app(source_dir.path()).await;
    let original = fingerprint_of(&app).await;
    assert!(original.accounts >= 8 && original.transactions > 100 && original.balances > 0, "{original:?}");
    let file = out.path().join(default_file_name(Mode::Demo, now()));
    assert!(file.ends_with("pocket-family-office-demo-2026-11-25.pfobackup"));
    let made = create(&app, &file, passphrase(PASSPHRASE)).await.unwrap();
    assert_eq!(made.fingerprint, original);
    assert_eq!(made.schema_version as i64, SCHEMA_VERSION);

    // What the file holds: the manifest, the two profile files, the database; nothing secret in the clear.
    let parts = members(&file);
    let names: Vec<&str> = parts.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, [MANIFEST, PROFILE_FILE, TENANT_FILE, DATABASE_FILE]);
    let secrets = SecretStore::default();
    let source_profile = profile_of(source_dir.path(), Mode::Demo);
    let source_key = secrets.get(&source_profile.database_key_entry()).unwrap().unwrap();
    let whole = std::fs::read(&file).unwrap();
    assert!(!whole.windows(64).any(|w| w == source_key.expose_secret().as_bytes()), "the store's key is not in the file");
    let household = powens_sandbox::household::generate(powens_sandbox::DEMO_SEED, now().date_naive());
    let identifiers: Vec<String> = household.accounts.iter().flat_map(|a| [Some(a.number.clone()), a.iban.clone()]).flatten().collect();
    assert!(!identifiers.is_empty());
    for (name, bytes) in &parts[..3] {
        let text = String::from_utf8_lossy(bytes);
        for needle in identifiers.iter().map(String::as_str).chain(["secret", "token", "clientId", "client_id", source_key.expose_secret()]) {
            assert!(!text.to_lowercase().contains(&needle.to_lowercase()), "{name} mentions {needle}");
        }
    }
    assert!(!whole.windows(4).any(|w| w == b"FR76"), "no IBAN in the clear anywhere in the file");

    // The database member: not with the store's key, not without a key, only with the passphrase.
    let db = out.path().join("member.db");
    std::fs::write(&db, &parts[3].1).unwrap();
    assert!(copies::open_copy(&db, FileKey::Raw(&source_key)).unwrap_err().is_none());
    assert!(rusqlite::Connection::open(&db).unwrap().query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get::<_, i64>(0)).is_err());
    let opened = copies::open_copy(&db, FileKey::Passphrase(&passphrase(PASSPHRASE))).unwrap();
    assert_eq!(copies::fingerprint(&opened, COPY).unwrap(), original);

    let restored = restore(target_dir.path(), &file, &passphrase(PASSPHRASE), &secrets, now(), &mut |_| Ok(())).unwrap();
    assert_eq!(restored.fingerprint, original);
    assert_eq!(restored.previous_store, None, "a fresh data folder had no store");
    assert_ne!(restored.keyring_entry, source_profile.database_key_entry(), "a keyring entry of its own");
    let target_key = secrets.get(&restored.keyring_entry).unwrap().expect("the new key is in the keyring");
    assert_ne!(target_key.expose_secret(), source_key.expose_secret());
    let reopened = App::open(AppOptions { clock: Arc::new(FixedClock(now())), ..AppOptions::new(target_dir.path()) }).await.unwrap();
    assert_eq!(fingerprint_of(&reopened).await, original, "the same accounts, transactions and balances");
    let found = crate::contracts::transactions::list(&reopened, crate::contracts::transactions::TransactionsListInput { text: Some("salaire".into()), limit: Some(5), ..Default::default() })
        .await
        .unwrap();
    assert!(!found.transactions.is_empty(), "full-text search works on the restored store");
    assert!(std::fs::read_dir(target_dir.path()).unwrap().all(|e| !e.unwrap().file_name().to_string_lossy().starts_with(".pfo-")), "no staging left");
    drop((app, reopened));
    forget_keys(source_dir.path());
    forget_keys(target_dir.path());
}

#[tokio::test(flavor = "multi_thread")]
async fn a_wrong_passphrase_a_damaged_file_or_a_busy_profile_change_nothing_and_a_good_restore_keeps_the_old_store() {
    let (source_dir, target_dir, out) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let app = synced_app(source_dir.path()).await;
    let file = out.path().join("household.pfobackup");
    let made = create(&app, &file, passphrase(PASSPHRASE)).await.unwrap();
    drop(app);
    // The target already has a store of its own, with other (empty) history.
    let current = App::open(AppOptions { clock: Arc::new(FixedClock(now())), ..AppOptions::new(target_dir.path()) }).await.unwrap();
    let current_fingerprint = fingerprint_of(&current).await;
    drop(current);
    let profile_dir = target_dir.path().join("demo");
    let before = snapshot(&profile_dir);
    assert!(before.iter().any(|(n, _)| n == DATABASE_FILE));
    let secrets = SecretStore::default();
    let restore_with = |file: &Path, text: &str| restore(target_dir.path(), file, &passphrase(text), &secrets, now(), &mut |_| Ok(()));

    let wrong = restore_with(&file, "tulip harbour seventeen quietlY").unwrap_err();
    assert_eq!(wrong.code(), "backup.passphrase_wrong", "{wrong}");
    assert!(wrong.to_string().contains("Nothing was changed") && !wrong.to_string().contains("quiet"), "{wrong}");
    assert_eq!(snapshot(&profile_dir), before, "byte for byte unchanged");

    let whole = std::fs::read(&file).unwrap();
    let truncated = out.path().join("truncated.pfobackup");
    std::fs::write(&truncated, &whole[..whole.len() / 2]).unwrap();
    let flipped = out.path().join("flipped.pfobackup");
    let mut bytes = whole.clone();
    let at = bytes.len() - 5000;
    bytes[at] ^= 0x40;
    std::fs::write(&flipped, &bytes).unwrap();
    let garbage = out.path().join("garbage.pfobackup");
    std::fs::write(&garbage, b"not a backup at all").unwrap();
    for bad in [&truncated, &flipped, &garbage] {
        let error = restore_with(bad, PASSPHRASE).unwrap_err();
        assert_eq!(error.code(), "backup.damaged", "{}: {error}", bad.display());
        assert_eq!(snapshot(&profile_dir), before, "{}: nothing replaced", bad.display());
    }

    // Another process refreshing (it holds the refresh lock): refused, nothing changed.
    let held = std::fs::OpenOptions::new().create(true).truncate(false).write(true).open(profile_dir.join("refresh.lock")).unwrap();
    held.lock().unwrap();
    std::thread::scope(|scope| {
        // flock locks belong to open file descriptions: another thread's attempt sees it held.
        let busy = scope.spawn(|| restore_with(&file, PASSPHRASE)).join().unwrap().unwrap_err();
        assert_eq!(busy.code(), "profile.busy", "{busy}");
    });
    held.unlock().unwrap();
    assert_eq!(snapshot(&profile_dir), before);

    // A window that is merely open on the profile (idle: no refresh, no lock but its in-use hold), as when
    // `pfo backup restore` runs beside the desktop app: refused, nothing changed, the window still reads.
    let idle_window = App::open(AppOptions { clock: Arc::new(FixedClock(now())), ..AppOptions::new(target_dir.path()) }).await.unwrap();
    let busy = restore_with(&file, PASSPHRASE).unwrap_err();
    assert_eq!(busy.code(), "profile.busy", "{busy}");
    assert!(busy.to_string().contains("close it, then restore again"), "{busy}");
    assert_eq!(fingerprint_of(&idle_window).await, current_fingerprint, "the open window still reads its own store");
    drop(idle_window);
    assert_eq!(snapshot(&profile_dir), before);
    assert!(std::fs::read_dir(target_dir.path()).unwrap().all(|e| !e.unwrap().file_name().to_string_lossy().starts_with(".pfo-")), "no staging left");

    let old_profile = profile_of(target_dir.path(), Mode::Demo);
    let restored = restore_with(&file, PASSPHRASE).unwrap();
    assert_eq!(restored.fingerprint, made.fingerprint);
    let aside = PathBuf::from(restored.previous_store.as_deref().expect("the replaced store was kept"));
    assert!(aside.ends_with("pfo.db.before-restore-2026-11-25T100000Z"), "{}", aside.display());
    assert!(profile_dir.join("profile.json.before-restore-2026-11-25T100000Z").exists());
    let old_key = secrets.get(&old_profile.database_key_entry()).unwrap().expect("the replaced store's key entry is kept");
    let kept = Store::open(&aside, &old_key).unwrap();
    assert_eq!(kept.call(|c| copies::fingerprint(c, "main")).await.unwrap(), current_fingerprint, "the replaced store still opens whole");
    drop(kept);
    let reopened = App::open(AppOptions { clock: Arc::new(FixedClock(now())), ..AppOptions::new(target_dir.path()) }).await.unwrap();
    assert_eq!(fingerprint_of(&reopened).await, made.fingerprint);
    drop(reopened);
    let _ = secrets.delete(&old_profile.database_key_entry());
    forget_keys(source_dir.path());
    forget_keys(target_dir.path());
}

#[tokio::test(flavor = "multi_thread")]
async fn an_existing_output_file_or_a_weak_passphrase_is_refused_before_anything_is_written() {
    let (data, out) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let app = App::open(AppOptions { clock: Arc::new(FixedClock(now())), ..AppOptions::new(data.path()) }).await.unwrap();
    let existing = out.path().join("taken.pfobackup");
    std::fs::write(&existing, b"someone else's file").unwrap();
    let refused = create(&app, &existing, passphrase(PASSPHRASE)).await.unwrap_err();
    assert_eq!(refused.code(), "io.exists", "{refused}");
    assert_eq!(std::fs::read(&existing).unwrap(), b"someone else's file");
    for weak in ["short1!", "passwordpassword", "aaaaaaaaaaaaaaaa", "123456789012", "pocketfamilyoffice"] {
        let Err(error) = create(&app, &out.path().join("weak.pfobackup"), passphrase(weak)).await else { panic!("{weak} was accepted") };
        assert_eq!(error.code(), "backup.passphrase_weak", "{weak}: {error}");
        assert!(!error.to_string().contains(weak), "the message never quotes the passphrase: {error}");
    }
    assert!(!out.path().join("weak.pfobackup").exists());
    assert!(check_passphrase(&passphrase(PASSPHRASE)).is_ok());
    drop(app);
    forget_keys(data.path());
}

/// A backup written by hand from an empty store: of `mode`, its schema version set to `version`.
async fn handmade_backup(out: &Path, mode: Mode, version: i64) -> PathBuf {
    let store = Store::open(&out.join("source.db"), &random_key_hex().unwrap()).unwrap();
    let staged = out.join("staged.db");
    let (target, inner) = (staged.clone(), passphrase(PASSPHRASE));
    store.call(move |conn| copies::export_to(conn, "main", &target, FileKey::Passphrase(&inner))).await.unwrap();
    {
        let copy = copies::open_copy(&staged, FileKey::Passphrase(&passphrase(PASSPHRASE))).unwrap();
        copy.execute_batch(&format!("PRAGMA {COPY}.user_version = {version};")).unwrap();
    }
    let manifest = Manifest {
        format: FORMAT.into(),
        version: FORMAT_VERSION,
        created_at: crate::domain::time::at("2026-11-25T10:00:00Z"),
        app_version: "9.9.9".into(),
        mode,
        schema_version: version,
        kdf: KDF.into(),
        database: Member { name: DATABASE_FILE.into(), bytes: std::fs::metadata(&staged).unwrap().len(), sha256: sha256_of(&staged).unwrap() },
    };
    let profile = format!(r#"{{"id":"abc","mode":"{}"}}"#, mode.dir_name());
    let small = [(PROFILE_FILE, profile.into_bytes()), (TENANT_FILE, crate::tenant::SAMPLE_TENANT.as_bytes().to_vec())];
    let file = out.join(format!("{}-{version}.pfobackup", mode.dir_name()));
    write_archive(&file, &manifest, &small, &staged, 0).unwrap();
    file
}

#[tokio::test]
async fn a_live_restore_carries_this_machines_powens_entries_to_the_new_profile_id_and_keeps_the_old_ones() {
    let (data, out) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let file = handmade_backup(out.path(), Mode::Live, SCHEMA_VERSION).await;
    let secrets = SecretStore::default();
    let current = Profile::open(data.path(), Mode::Live).unwrap();
    secrets.set(&current.powens_client_id_entry(), &passphrase("client-7")).unwrap();
    secrets.set(&current.powens_token_entry(), &passphrase("token-7")).unwrap();
    let restored = restore(data.path(), &file, &passphrase(PASSPHRASE), &secrets, now(), &mut |_| Ok(())).unwrap();
    let after = Profile::open(data.path(), Mode::Live).unwrap();
    assert_ne!(after.id, current.id, "the restored profile has an id of its own");
    assert_eq!(restored.keyring_entry, after.database_key_entry());
    let read = |entry: String| secrets.get(&entry).unwrap().map(|v| v.expose_secret().to_string());
    assert_eq!(read(after.powens_client_id_entry()).as_deref(), Some("client-7"));
    assert_eq!(read(after.powens_token_entry()).as_deref(), Some("token-7"));
    assert_eq!(read(after.powens_client_secret_entry()), None, "only what existed is carried");
    assert_eq!(read(current.powens_token_entry()).as_deref(), Some("token-7"), "the replaced profile keeps its own");
    for entry in [after.database_key_entry(), after.powens_client_id_entry(), after.powens_token_entry(), current.powens_client_id_entry(), current.powens_token_entry()] {
        secrets.delete(&entry).unwrap();
    }
}

#[tokio::test]
async fn a_backup_from_a_newer_schema_is_refused_before_anything_moves() {
    let (data, out) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let file = handmade_backup(out.path(), Mode::Demo, SCHEMA_VERSION + 1).await;
    let phrase = passphrase(PASSPHRASE);
    let error = restore(data.path(), &file, &phrase, &SecretStore::default(), now(), &mut |_| Ok(())).unwrap_err();
    assert_eq!(error.code(), "store.too_new", "{error}");
    assert!(!data.path().join("demo").exists(), "no profile was created");
}
