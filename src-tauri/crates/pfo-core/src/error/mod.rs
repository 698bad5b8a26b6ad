//! The core's error type, with a stable code and a message that is safe to show and says what to do.
//!
//! Display texts never contain secrets, IBANs, account numbers, labels or amounts: they name the failing thing
//! (a file, a field, a keyring entry, a Powens error code) and the fix. The desktop shell and the CLI turn an
//! [`Error`] into `{code, message}` with [`Error::code`] and [`Error::user_message`]: the Display text of an internal
//! failure (storage, a task) is detail for the log, and the user reads a plain message instead.

mod code;

pub use code::Code;
use std::path::PathBuf;

/// Anything that can go wrong in the core.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The OS keyring could not be used at all (no Secret Service, no session, platform failure).
    #[error(
        "the OS keyring is not available ({detail}); start and unlock a Secret Service keyring \
         (GNOME Keyring, KWallet) in this session, then try again"
    )]
    KeyringUnavailable {
        /// Secret-free description of the failure.
        detail: String,
    },
    /// The keyring exists but is locked and did not let us in.
    #[error("the OS keyring is locked; unlock it (log in to the desktop session or unlock GNOME Keyring), then try again")]
    KeyringLocked,
    /// The app lock is set and the app is locked.
    #[error("Pocket Family Office is locked: unlock it with its passphrase")]
    AppLocked,
    /// Locking or unlocking was asked but no app lock is set.
    #[error("no app lock is set; set one in Settings, App lock, first")]
    LockNotSet,
    /// The passphrase given is not the app lock's (or a try came during the wait after several wrong ones).
    #[error("that is not the app lock's passphrase{}", retry_after_seconds.map(|s| format!("; try again in {s} seconds")).unwrap_or_default())]
    LockPassphraseWrong {
        /// The wait before the next try is accepted, when one applies.
        retry_after_seconds: Option<u32>,
    },
    /// The passphrase chosen for the app lock is too weak.
    #[error(
        "this passphrase is too weak for the app lock: {reason}. Choose at least 12 characters that are hard to guess, \
         for example four or five unrelated words"
    )]
    LockPassphraseWeak {
        /// Why (length, or the strength estimator's warning; never the passphrase).
        reason: String,
    },
    /// The lock's verifier is not in the keyring (or is not one).
    #[error(
        "the app lock's passphrase check is not in the OS keyring (entry `{entry}`), so the lock cannot be opened. The \
         data is not affected: the database has its own key. Remove {} to remove the lock, then set a new one",
        settings.display()
    )]
    LockVerifierMissing {
        /// The keyring entry that should hold it.
        entry: String,
        /// The lock's settings file.
        settings: PathBuf,
    },
    /// The keyring this build got keeps nothing after the app exits, so no database key may be filed there.
    #[error(
        "the OS keyring this build uses does not keep secrets ({reason}), so a database keyed there would be \
         unreadable at the next start; no database was created. Use the build made for this operating system, which \
         files keys in its own keychain (the Secret Service on Linux, the Keychain on macOS, the Credential Manager on \
         Windows)"
    )]
    KeyringNotPersistent {
        /// What the check found.
        reason: String,
    },
    /// The database exists but its key is not in the keyring.
    #[error(
        "the encryption key of {} is not in the OS keyring (entry `{entry}`); restore that keyring entry \
         or the keyring it lived in. The database was left untouched and no new one was created",
        database.display()
    )]
    DatabaseKeyMissing {
        /// The encrypted database file.
        database: PathBuf,
        /// The keyring entry that should hold its key.
        entry: String,
    },
    /// The key in the keyring does not open the database, or the file is damaged.
    #[error(
        "{} could not be decrypted with the key in the OS keyring: the key does not belong to this database or \
         the file is damaged. Nothing was changed; restore the matching keyring entry or a backup of the file",
        database.display()
    )]
    DatabaseKeyWrong {
        /// The encrypted database file.
        database: PathBuf,
    },
    /// The database was written by a newer version of the app.
    #[error("the database is at schema version {found}, newer than this app supports ({supported}); update the app")]
    DatabaseTooNew {
        /// Version found in the file.
        found: i64,
        /// Highest version this build knows.
        supported: i64,
    },
    /// A SQLite/SQLCipher operation failed.
    #[error("database error while {operation}: {source}")]
    Storage {
        /// What we were doing.
        operation: &'static str,
        /// The SQLite error (messages carry no row values).
        #[source]
        source: rusqlite::Error,
    },
    /// The disk holding the database (or its write-ahead log) is full.
    #[error(
        "the disk holding the database is full (while {operation}): free some space, then refresh again. \
         Everything stored before this point is kept; the interrupted step was rolled back"
    )]
    StorageFull {
        /// What we were doing.
        operation: &'static str,
    },
    /// The database or its folder cannot be written.
    #[error(
        "the database's folder is read-only (while {operation}): make the data folder writable (or choose another \
         with PFO_DATA_DIR), then start again. Nothing was changed"
    )]
    StorageReadOnly {
        /// What we were doing.
        operation: &'static str,
    },
    /// A file or directory could not be read or written.
    #[error("cannot {action} {}: {source}", path.display())]
    Io {
        /// What we tried.
        action: &'static str,
        /// Which file.
        path: PathBuf,
        /// The OS error.
        #[source]
        source: std::io::Error,
    },
    /// A profile's metadata is missing or unreadable.
    #[error("the profile in {} is damaged: {reason}; nothing was changed", path.display())]
    ProfileDamaged {
        /// The profile directory.
        path: PathBuf,
        /// What is wrong.
        reason: String,
    },
    /// A configuration file is invalid.
    #[error("{}: {reason}", path.display())]
    Config {
        /// The file.
        path: PathBuf,
        /// What is wrong, with the line and field when known.
        reason: String,
    },
    /// A required secret is not in the keyring.
    #[error("the secret `{field}` is not in the OS keyring; {fix}")]
    SecretMissing {
        /// Which secret (spec field name).
        field: &'static str,
        /// How to provide it.
        fix: &'static str,
    },
    /// Powens refused the client id and secret.
    #[error("Powens refused the client id and secret: copy them again from the Powens console (client application of your domain) and reconnect")]
    CredentialsRefused,
    /// A call to Powens failed. Each of the client's messages names Powens and says what to do.
    #[error("{0}")]
    Powens(#[from] powens_client::Error),
    /// A provider payload decoded but cannot be mapped to a canonical record.
    #[error("the bank data provider sent unusable data: {reason}; nothing of that answer was stored and the sync stopped there; try again later, and report it if it persists")]
    ProviderPayload {
        /// What is missing or wrong (ids and field names only).
        reason: String,
    },
    /// The built-in demo sandbox could not start.
    #[error("the demo Powens sandbox could not start: {0}")]
    DemoSandbox(#[source] std::io::Error),
    /// A contract was called with invalid input.
    #[error("invalid value for `{field}`: {reason}")]
    InvalidInput {
        /// The offending field (JSON name).
        field: String,
        /// Why it was refused.
        reason: String,
    },
    /// The connect webview came back without a connection.
    #[error("{message}")]
    WebviewRefused {
        /// The webview's error code (`access_denied`, `tos_declined`, …) or `state_mismatch`.
        code: String,
        /// What happened, in plain words.
        message: String,
    },
    /// Another process (the desktop app, a `pfo` command) kept the profile's refresh lock for too long.
    #[error(
        "a refresh of this profile is running in another window or `pfo` process and did not finish within {waited_s} s; \
         wait for it to finish (the Activity screen or `pfo runs` shows it), then refresh again"
    )]
    RefreshRunningElsewhere {
        /// How long this process waited.
        waited_s: u64,
    },
    /// Reading one page of the transactions listing failed; the pages before it are stored.
    #[error(
        "{source} (page {page} of this sync{}; every page before it is stored, and the next sync resumes at this page)",
        if *resumed { ", which resumed an earlier one" } else { "" }
    )]
    TransactionPage {
        /// The failing page, counted from where this sync started.
        page: u32,
        /// Whether this sync resumed a listing an earlier one stopped.
        resumed: bool,
        /// What went wrong.
        #[source]
        source: Box<Error>,
    },
    /// A backup passphrase that would not hold against guessing.
    #[error(
        "this passphrase is too weak for a backup: {reason}. Choose at least 12 characters that are hard to guess, \
         for example four or five unrelated words, and keep it somewhere safe: without it the backup cannot be opened"
    )]
    BackupPassphraseWeak {
        /// Why (length, or the strength estimator's warning; never the passphrase).
        reason: String,
    },
    /// The passphrase does not open the backup's database.
    #[error(
        "{} does not open with this passphrase: check it (it is case sensitive) and try again. Nothing was changed",
        file.display()
    )]
    BackupPassphraseWrong {
        /// The backup file.
        file: PathBuf,
    },
    /// The backup file is not a complete, sound backup.
    #[error("{} is not a usable Pocket Family Office backup: {reason}. Nothing was changed; use another copy of the backup", file.display())]
    BackupDamaged {
        /// The backup file.
        file: PathBuf,
        /// What is wrong with it.
        reason: String,
    },
    /// Another process holds the profile a restore would replace.
    #[error(
        "another Pocket Family Office process is using {} (the app or a `pfo` command, a refresh perhaps): \
         let it finish or close it, then restore again. Nothing was changed",
        path.display()
    )]
    ProfileBusy {
        /// The profile directory.
        path: PathBuf,
    },
    /// Another process is restoring a backup into the profile this one wants to open.
    #[error(
        "a backup is being restored into {} by another Pocket Family Office process and did not finish within {waited_s} s; \
         let it finish, then start again. Nothing was changed",
        path.display()
    )]
    ProfileRestoring {
        /// The profile directory.
        path: PathBuf,
        /// How long this process waited.
        waited_s: u64,
    },
    /// A file the household asked for already exists.
    #[error("{} already exists; choose another file name (an existing file is never overwritten)", path.display())]
    FileExists {
        /// The file.
        path: PathBuf,
    },
    /// A stored value this version cannot read; nothing is changed, and the message says what to do.
    #[error("{what} cannot be read by this version of the app; {fix}")]
    Unreadable {
        /// What (a table and column, or a document by its revision; never the value).
        what: String,
        /// What to do about it.
        fix: &'static str,
    },
    /// What was asked for does not exist (an overview revision, a connection id).
    #[error("{what} does not exist; {fix}")]
    NotFound {
        /// What was looked for, by its id (never personal data).
        what: String,
        /// Where to find what exists.
        fix: &'static str,
    },
    /// A failure already recorded and worded elsewhere (a workflow run, a refresh), carried with its code.
    #[error("{message}")]
    Reported {
        /// Its code.
        code: Code,
        /// Its safe message.
        message: String,
    },
    /// A background task died.
    #[error("internal task failure: {0}")]
    Task(String),
}

impl Error {
    /// The stable code the UI and scripts can branch on.
    pub fn code(&self) -> Code {
        match self {
            Error::TransactionPage { source, .. } => source.code(),
            Error::KeyringUnavailable { .. } => Code::KeyringUnavailable,
            Error::KeyringLocked => Code::KeyringLocked,
            Error::KeyringNotPersistent { .. } => Code::KeyringNotPersistent,
            Error::AppLocked => Code::AppLocked,
            Error::LockNotSet => Code::LockNotSet,
            Error::LockPassphraseWrong { .. } => Code::LockPassphraseWrong,
            Error::LockPassphraseWeak { .. } => Code::LockPassphraseWeak,
            Error::LockVerifierMissing { .. } => Code::LockVerifierMissing,
            Error::DatabaseKeyMissing { .. } => Code::StoreKeyMissing,
            Error::DatabaseKeyWrong { .. } => Code::StoreKeyWrong,
            Error::DatabaseTooNew { .. } => Code::StoreTooNew,
            Error::Storage { .. } => Code::StoreFailed,
            Error::StorageFull { .. } => Code::StoreDiskFull,
            Error::StorageReadOnly { .. } => Code::StoreReadOnly,
            Error::Io { .. } => Code::IoFailed,
            Error::ProfileDamaged { .. } => Code::ProfileDamaged,
            Error::Config { .. } => Code::ConfigInvalid,
            Error::SecretMissing { .. } => Code::SecretsMissing,
            Error::CredentialsRefused => Code::PowensCredentialsRefused,
            Error::Powens(e) if e.is_invalid_token() => Code::PowensReauthRequired,
            Error::Powens(powens_client::Error::Transport { .. }) => Code::PowensUnreachable,
            Error::Powens(powens_client::Error::Api { status: 409, .. }) => Code::PowensConflict,
            // An answer too large to read is as unusable as one that does not decode.
            Error::Powens(powens_client::Error::Decode { .. } | powens_client::Error::BodyTooLarge { .. }) => Code::PowensBadPayload,
            Error::Powens(_) => Code::PowensFailed,
            Error::ProviderPayload { .. } => Code::ProviderBadPayload,
            Error::DemoSandbox(_) => Code::DemoSandboxFailed,
            Error::InvalidInput { .. } => Code::InvalidInput,
            Error::WebviewRefused { code, .. } if code == "access_denied" => Code::ConnectCancelled,
            Error::WebviewRefused { .. } => Code::ConnectRefused,
            Error::RefreshRunningElsewhere { .. } => Code::RefreshRunningElsewhere,
            Error::BackupPassphraseWeak { .. } => Code::BackupPassphraseWeak,
            Error::BackupPassphraseWrong { .. } => Code::BackupPassphraseWrong,
            Error::BackupDamaged { .. } => Code::BackupDamaged,
            Error::ProfileBusy { .. } => Code::ProfileBusy,
            Error::ProfileRestoring { .. } => Code::ProfileRestoring,
            Error::FileExists { .. } => Code::IoExists,
            Error::NotFound { .. } => Code::NotFound,
            Error::Unreadable { .. } => Code::StoreUnreadable,
            Error::Reported { code, .. } => *code,
            Error::Task(_) => Code::Internal,
        }
    }

    /// What the user reads: the Display text, except for internal failures (a storage error, a task that died),
    /// whose detail means nothing to a household and goes to the log; they read a plain message with what to do.
    pub fn user_message(&self) -> String {
        match self {
            Error::Storage { operation, .. } => format!(
                "the app's database failed while {operation}; nothing stored was lost. Try again; if it happens again, \
                 restart the app (the log has the detail)"
            ),
            Error::Task(_) => "something inside the app stopped unexpectedly; nothing stored was lost. Try again; if it \
                 happens again, restart the app (the log has the detail)"
                .to_string(),
            Error::Io { action, path, source } => format!("cannot {action} {}: {}", path.display(), io_reason(source)),
            Error::TransactionPage { source, .. } if source.is_internal() => source.user_message(),
            other => other.to_string(),
        }
    }

    /// Whether this is an internal failure, whose detail is for the log only.
    pub fn is_internal(&self) -> bool {
        match self {
            Error::Storage { .. } | Error::Task(_) => true,
            Error::TransactionPage { source, .. } => source.is_internal(),
            _ => false,
        }
    }

    /// Wraps a rusqlite error with what we were doing.
    pub(crate) fn storage(operation: &'static str) -> impl FnOnce(rusqlite::Error) -> Error {
        move |source| match source.sqlite_error_code() {
            Some(rusqlite::ErrorCode::DiskFull) => Error::StorageFull { operation },
            Some(rusqlite::ErrorCode::ReadOnly) => Error::StorageReadOnly { operation },
            _ => Error::Storage { operation, source },
        }
    }
}

/// An OS error in plain words ("permission denied"), without the OS's error number.
fn io_reason(error: &std::io::Error) -> String {
    let text = error.kind().to_string();
    if error.kind() == std::io::ErrorKind::Other || text.is_empty() {
        error.to_string()
    } else {
        text
    }
}

/// Result alias for the core.
pub type Result<T> = std::result::Result<T, Error>;
