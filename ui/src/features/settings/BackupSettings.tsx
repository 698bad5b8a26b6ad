// "Back up…" and "Restore…": the household's history in one passphrase-protected file, and back. The passphrase is
// sent once to the core and cleared from the form whatever the answer; it is never shown, stored or logged.
import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { asIpcError, createBackup, restoreBackup } from "../../api/commands";
import type { Fingerprint } from "../../bindings/Fingerprint";
import { ErrorBanner } from "../../components/ErrorBanner";
import type { Translate } from "../../i18n/translate";
import { useT } from "../../preferences/hooks";

/** The fewest characters the core accepts for a backup or the app lock (it also refuses guessable passphrases). */
export const MIN_PASSPHRASE = 12;

/** What a backup holds, e.g. "10 accounts, 5234 transactions, 40 balance snapshots". */
function contents(fingerprint: Fingerprint, t: Translate): string {
  return t("{accounts}, {transactions}, {balances}", {
    accounts: t("{count} accounts", { count: fingerprint.accounts }),
    transactions: t("{count} transactions", { count: fingerprint.transactions }),
    balances: t("{count} balance snapshots", { count: fingerprint.balances }),
  });
}

export function BackupSettings() {
  const t = useT();
  return (
    <article className="card" id="backup-settings">
      <h2>{t("Backup and restore")}</h2>
      <p className="muted">
        {t("The database key lives only in this computer's keyring. A backup keeps your history safe from a wiped keyring, a reinstall or a new computer: one file, encrypted with a passphrase you choose. It holds no bank credential.")}
      </p>
      <BackupForm />
      <RestoreForm />
    </article>
  );
}

function BackupForm() {
  const t = useT();
  const [passphrase, setPassphrase] = useState("");
  const [again, setAgain] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const backup = useMutation({
    mutationFn: () => createBackup(passphrase),
    onSettled: () => {
      setPassphrase("");
      setAgain("");
    },
  });
  return (
    <form
      id="backup-create"
      onSubmit={(event) => {
        event.preventDefault();
        if (passphrase.length < MIN_PASSPHRASE) return setProblem(t("The passphrase needs at least {count} characters.", { count: MIN_PASSPHRASE }));
        if (passphrase !== again) return setProblem(t("The two passphrases differ."));
        setProblem(null);
        backup.mutate();
      }}
    >
      <h3>{t("Back up")}</h3>
      {problem && <p className="error" role="alert">{problem}</p>}
      {backup.isError && <ErrorBanner error={asIpcError(backup.error)} action={t("Nothing was written. Choose another passphrase, then try again.")} />}
      {backup.data && (
        <p className="notice" role="status" id="backup-written">
          {t("Backup written to {path}: {contents}.", { path: backup.data.path, contents: contents(backup.data.fingerprint, t) })}{" "}
          {t("Keep the passphrase safe and apart from the file: without it the backup cannot be opened.")}
        </p>
      )}
      <div className="filters wrap">
        <input aria-label={t("Backup passphrase")} type="password" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} autoComplete="new-password" required />
        <input aria-label={t("The same passphrase again")} type="password" value={again} onChange={(e) => setAgain(e.target.value)} autoComplete="new-password" required />
        <button className="primary" type="submit" disabled={backup.isPending}>{backup.isPending ? t("Backing up…") : t("Back up…")}</button>
      </div>
    </form>
  );
}

/** Also shown on the start-up error when the keyring lost the database key. */
export function RestoreForm() {
  const t = useT();
  const [path, setPath] = useState("");
  const [passphrase, setPassphrase] = useState("");
  const [confirming, setConfirming] = useState(false);
  const queries = useQueryClient();
  const restore = useMutation({
    mutationFn: () => restoreBackup(path, passphrase),
    // The core now reads the restored store: every screen (and the start-up status) reads again.
    onSuccess: () => queries.invalidateQueries(),
    onSettled: () => {
      setPassphrase("");
      setConfirming(false);
    },
  });
  const summary = restore.data;
  return (
    <form
      id="backup-restore"
      onSubmit={(event) => {
        event.preventDefault();
        if (confirming) restore.mutate();
        else setConfirming(true);
      }}
    >
      <h3>{t("Restore")}</h3>
      {restore.isError && <ErrorBanner error={asIpcError(restore.error)} action={t("Your current data was not changed.")} />}
      {summary ? (
        <div className="notice" role="status" id="backup-restored">
          <p>
            {t("Restored: {contents}, under a new key in the keyring.", { contents: contents(summary.fingerprint, t) })}{" "}
            {summary.previousStore ? t("The data it replaced is kept as {path}.", { path: summary.previousStore }) : ""}
          </p>
        </div>
      ) : (
        <>
          <div className="filters wrap">
            <input aria-label={t("Backup file")} placeholder="/home/…/pocket-family-office-live-2026-12-03.pfobackup" value={path} onChange={(e) => setPath(e.target.value)} required />
            <input aria-label={t("Passphrase of the backup")} type="password" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} autoComplete="off" required />
            {!confirming && <button type="submit">{t("Restore…")}</button>}
          </div>
          {confirming && (
            <p className="notice" id="restore-confirm">
              {t("The backup replaces the data shown now; that data is kept aside, not deleted.")}{" "}
              <button className="primary" type="submit" disabled={restore.isPending}>{restore.isPending ? t("Restoring…") : t("Replace with the backup")}</button>{" "}
              <button type="button" onClick={() => setConfirming(false)}>{t("Cancel")}</button>
            </p>
          )}
        </>
      )}
    </form>
  );
}
