//! [`Code`]: every error code the UI or a script may branch on. Run records store the same codes, and the IPC error
//! and the CLI's `error [code]` line carry them. Codes are stable: a new failure gets a new code, an old one is never
//! renamed (stored runs keep theirs).

stored_enum! {
    /// A stable, dotted error code.
    pub enum Code {
        /// The OS keyring cannot be used (no Secret Service, no session).
        KeyringUnavailable = "keyring.unavailable",
        /// The OS keyring is locked.
        KeyringLocked = "keyring.locked",
        /// The keyring of this build keeps nothing after exit (no keychain for this OS).
        KeyringNotPersistent = "keyring.not_persistent",
        /// The app lock is set and the app is locked.
        AppLocked = "app.locked",
        /// The passphrase is not the app lock's.
        LockPassphraseWrong = "lock.passphrase_wrong",
        /// The passphrase chosen for the app lock is too weak.
        LockPassphraseWeak = "lock.passphrase_weak",
        /// No app lock is set.
        LockNotSet = "lock.not_set",
        /// The app lock's verifier is missing from the keyring.
        LockVerifierMissing = "lock.verifier_missing",
        /// The database's key is not in the keyring.
        StoreKeyMissing = "store.key_missing",
        /// The key in the keyring does not open the database, or the file is damaged.
        StoreKeyWrong = "store.key_wrong",
        /// The database was written by a newer version.
        StoreTooNew = "store.too_new",
        /// A stored value this version cannot read (a document, a rate, a time).
        StoreUnreadable = "store.unreadable",
        /// A storage operation failed (the detail is in the log).
        StoreFailed = "store.failed",
        /// The disk holding the database is full.
        StoreDiskFull = "store.disk_full",
        /// The database's folder is read-only.
        StoreReadOnly = "store.read_only",
        /// A file could not be read or written.
        IoFailed = "io.failed",
        /// A file asked for already exists.
        IoExists = "io.exists",
        /// A profile's metadata is damaged.
        ProfileDamaged = "profile.damaged",
        /// Another process holds the profile a restore would replace.
        ProfileBusy = "profile.busy",
        /// Another process is restoring the profile.
        ProfileRestoring = "profile.restoring",
        /// A configuration file is invalid.
        ConfigInvalid = "config.invalid",
        /// A required secret is not in the keyring.
        SecretsMissing = "secrets.missing",
        /// Powens refused the client id and secret.
        PowensCredentialsRefused = "powens.credentials_refused",
        /// Powens refused the user's token: reconnect.
        PowensReauthRequired = "powens.reauth_required",
        /// Powens could not be reached.
        PowensUnreachable = "powens.unreachable",
        /// Powens answered 409 (a conflicting state).
        PowensConflict = "powens.conflict",
        /// Powens sent data this app cannot read.
        PowensBadPayload = "powens.bad_payload",
        /// Another Powens failure.
        PowensFailed = "powens.failed",
        /// The provider's data decoded but cannot be mapped.
        ProviderBadPayload = "provider.bad_payload",
        /// The demo sandbox could not start.
        DemoSandboxFailed = "demo.sandbox_failed",
        /// An input was refused (the message names the field).
        InvalidInput = "contract.invalid_input",
        /// What was asked for does not exist.
        NotFound = "contract.not_found",
        /// The user closed or declined the connect webview.
        ConnectCancelled = "connect.cancelled",
        /// The connect webview came back with an error.
        ConnectRefused = "connect.refused",
        /// Another process kept the refresh lock too long.
        RefreshRunningElsewhere = "refresh.running_elsewhere",
        /// A backup passphrase too weak.
        BackupPassphraseWeak = "backup.passphrase_weak",
        /// The passphrase does not open the backup.
        BackupPassphraseWrong = "backup.passphrase_wrong",
        /// The backup file is not usable.
        BackupDamaged = "backup.damaged",
        /// The open-banking slot is not bound.
        GuardrailSlotUnbound = "guardrail.slot_unbound",
        /// The bound connection is not defined.
        GuardrailConnectionMissing = "guardrail.connection_missing",
        /// The bound connection has no provider configured.
        GuardrailDisconnected = "guardrail.disconnected",
        /// The bound connection is in error.
        GuardrailConnectionError = "guardrail.connection_error",
        /// A capability the workflow needs is disabled.
        GuardrailCapabilityDisabled = "guardrail.capability_disabled",
        /// A run was left open by a process that died.
        RunInterrupted = "run.interrupted",
        /// Something failed inside the app (the detail is in the log).
        Internal = "internal",
    }
}
