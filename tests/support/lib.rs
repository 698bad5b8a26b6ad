//! Shared helpers of the cross-crate suites: temporary data directories, a live-mode profile pointed at a sandbox,
//! the sandbox's truth, and a scan of every file a profile wrote.

use pfo_core::profile::{Mode, Profile};
use pfo_core::secrets::{SecretStore, SecretString};
use powens_sandbox::RunningSandbox;
use std::path::{Path, PathBuf};

pub mod desktop;

/// The workspace's root folder (where `target/` and `.ci/` are).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("workspace root").to_path_buf()
}

/// A second handle on `app`'s encrypted store, as another process would open it, for what a test must see of the
/// store itself (row counts, integrity, a run left behind by a dead process). The shells never do this: they reach
/// data through `pfo_core::ops` only.
pub fn store_of(app: &pfo_core::App) -> pfo_core::store::Store {
    app.profile().open_store(&SecretStore::default()).expect("a second handle on the store opens")
}

/// A fresh, empty data directory, deleted when dropped.
pub fn data_dir() -> tempfile::TempDir {
    tempfile::Builder::new().prefix("pfo-test-").tempdir().expect("temp dir")
}

/// Configures `data_dir` for live mode against `sandbox`: `config.toml` plus BYOK credentials in the keyring.
pub fn configure_live(data_dir: &Path, sandbox: &RunningSandbox) -> Profile {
    configure_live_at(data_dir, sandbox.base_url(), sandbox.client_id(), sandbox.client_secret())
}

/// Configures `data_dir` for live mode against a Powens API at `base_url` with these client credentials.
pub fn configure_live_at(data_dir: &Path, base_url: &str, client_id: &str, client_secret: &str) -> Profile {
    std::fs::write(
        data_dir.join(pfo_core::config::CONFIG_FILE),
        format!("[powens]\nenvironment = \"sandbox\"\nbaseUrl = \"{base_url}\"\n"),
    )
    .expect("write config.toml");
    let profile = Profile::open(data_dir, Mode::Live).expect("live profile");
    let secrets = SecretStore::default();
    secrets.set(&profile.powens_client_id_entry(), &SecretString::from(client_id)).expect("store client id");
    secrets.set(&profile.powens_client_secret_entry(), &SecretString::from(client_secret)).expect("store client secret");
    profile
}

/// A binary of the workspace, built by `cargo build --workspace` (scripts/test does it first).
pub fn workspace_binary(name: &str) -> PathBuf {
    let path = workspace_root().join("target/debug").join(name);
    assert!(path.exists(), "{} is missing: build with `cargo build --workspace` first", path.display());
    path
}

/// Every file under `dir`, recursively.
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(next) = pending.pop() {
        for entry in std::fs::read_dir(&next).expect("read dir").flatten() {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else {
                files.push(path);
            }
        }
    }
    files
}

/// The needles of `needles` that occur in any file under `dir` (as UTF-8 bytes), with the file they were found in.
pub fn plaintext_hits(dir: &Path, needles: &[String]) -> Vec<(String, PathBuf)> {
    let mut hits = Vec::new();
    for file in files_under(dir) {
        let bytes = std::fs::read(&file).expect("read file");
        for needle in needles {
            if bytes.windows(needle.len()).any(|w| w == needle.as_bytes()) {
                hits.push((needle.clone(), file.clone()));
            }
        }
    }
    hits
}

/// The personal strings of the sandbox's household: account names, numbers and IBANs.
///
/// Needles shorter than six bytes (an account named "PEA") are left out: any random ciphertext contains a given
/// three-byte string with a probability near 1% per 100 kB, which would make the check flaky, not stricter.
pub fn household_secrets(household: &powens_sandbox::Household) -> Vec<String> {
    household
        .accounts
        .iter()
        .flat_map(|a| [Some(a.name.clone()), Some(a.number.clone()), a.iban.clone()])
        .flatten()
        .filter(|needle| needle.len() >= 6)
        .collect()
}

/// Every value the sandbox seeded that must never reach a message, a log or an unencrypted file: the household's
/// account names, numbers and IBANs, the client id and secret, the user token (when `profile` has one) and every
/// counterparty and raw bank wording of its transactions. Whole values, not prefixes; values under six bytes are
/// left out for the reason given at [`household_secrets`].
pub fn seeded_values(sandbox: &RunningSandbox, profile: Option<&Profile>) -> Vec<String> {
    use secrecy::ExposeSecret;
    let mut values = household_secrets(sandbox.household());
    values.extend([sandbox.client_id().to_string(), sandbox.client_secret().to_string()]);
    if let Some(profile) = profile {
        if let Some(token) = SecretStore::default().get(&profile.powens_token_entry()).expect("read the user token") {
            values.push(token.expose_secret().to_string());
        }
    }
    for transaction in sandbox.transactions() {
        values.push(transaction.counterparty.to_string());
        values.push(transaction.original_wording.to_string());
    }
    values.retain(|value| value.len() >= 6);
    values.sort();
    values.dedup();
    values
}

/// A clock the test moves by hand, shared by the app.
#[derive(Debug)]
pub struct HandClock(std::sync::Mutex<chrono::DateTime<chrono::Utc>>);

impl pfo_core::clock::Clock for HandClock {
    fn now(&self) -> chrono::DateTime<chrono::Utc> {
        *self.0.lock().expect("clock lock")
    }
}

impl HandClock {
    /// A clock reading `now` until moved.
    pub fn at(now: chrono::DateTime<chrono::Utc>) -> Self {
        Self(std::sync::Mutex::new(now))
    }

    /// Moves the clock forward.
    pub fn advance(&self, by: chrono::Duration) {
        *self.0.lock().expect("clock lock") += by;
    }
}

/// A loopback callback for a webview walked by [`walk_webview`], which never follows the redirect: any will do.
pub const WEBVIEW_CALLBACK: &str = "http://127.0.0.1:9/powens/callback";

/// What the user does on the sandbox's webview page at `url` (connect or reconnect): pick the connector 40, share
/// the checking account, press `decision` (`accept`, `cancel`, …). Returns where Powens redirects: the callback.
pub async fn walk_webview(url: &str, decision: &str) -> String {
    let browser = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().expect("a client");
    let page = browser.get(url).send().await.expect("the webview page answers");
    assert_eq!(page.status(), 200, "the webview page opens");
    let confirm = url.replacen("/connect?", "/connect/confirm?", 1).replacen("/reconnect?", "/reconnect/confirm?", 1)
        + &format!("&connector=40&account=checking&decision={decision}");
    let answer = browser.get(confirm).send().await.expect("the webview confirms");
    assert_eq!(answer.status(), 303);
    answer.headers()["location"].to_str().expect("a location").to_string()
}
