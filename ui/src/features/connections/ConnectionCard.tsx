// One bank connection on the Connections screen: the bank, its state in the core's words, the bank's last successful
// sync and Powens' next try, the consent's end, and the one button the core's `action` names (none for waiting or
// contacting the bank: a sentence says so), with Sync now beside it. Each press runs `carryOut` and, whatever the
// outcome, makes every screen read the accounts, connections and alerts again.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { asIpcError } from "../../api/commands";
import { refreshedKeys } from "../../api/query-keys";
import type { BankConnection } from "../../bindings/BankConnection";
import type { Translate } from "../../i18n/translate";
import { ErrorBanner } from "../../components/ErrorBanner";
import { useFormat, usePreferences } from "../../preferences/hooks";
import { carryOut, stepOf, type Step } from "./carry-out";

/** The connection's state in the core's words (its health), for a person. */
export function stateLabel(connection: BankConnection, t: Translate): string {
  const health = connection.health;
  switch (health.kind) {
    case "ok":
      return t("OK");
    case "needsUser":
      return health.action;
    case "transient":
      return health.reason;
    case "unknown":
      return t("Unexpected state: {state}", { state: health.state });
  }
}

/** The label of a step's button. */
function stepLabel(step: Step, t: Translate): string {
  switch (step) {
    case "reconnect":
      return t("Reconnect");
    case "renew":
      return t("Renew consent");
    case "resume":
      return t("Resume");
    case "sync":
      return t("Sync now");
  }
}

export interface Batch {
  /** Sync all is running: the buttons wait for it. */
  running: boolean;
  /** Sync all is at this connection now. */
  current: boolean;
  /** What Sync all's request for this connection failed with, if it did. */
  error: unknown;
}

export function ConnectionCard({ connection, batch }: { connection: BankConnection; batch: Batch }) {
  const { t, reportLocale } = usePreferences();
  const format = useFormat();
  const queryClient = useQueryClient();
  const run = useMutation({
    mutationFn: (step: Step) => carryOut(connection.id, step, reportLocale),
    onSettled: () => {
      for (const key of refreshedKeys) queryClient.invalidateQueries({ queryKey: key });
    },
  });
  const busy = run.isPending || batch.current;
  // A renewal or a sync the bank answered with a wait for its app's approval: Resume is the next step.
  const approving = connection.action === "resume" || (run.data === "approve" && !run.isPending);
  const primary = approving ? "resume" : connection.action ? stepOf(connection.action) : null;
  const error = run.error ?? batch.error;
  const days = connection.consentEndsInDays;
  const nameId = `connection-${connection.id}-name`;

  const button = (step: Step, className: string, dataAction: string) => {
    const pressed = (run.isPending && run.variables === step) || (batch.current && step === "sync");
    const text = pressed ? (step === "reconnect" ? t("Connecting…") : t("Syncing…")) : stepLabel(step, t);
    return (
      <button
        className={className}
        data-action={dataAction}
        aria-label={t("{action}: {institution}", { action: text, institution: connection.institution })}
        aria-busy={pressed}
        disabled={busy || batch.running}
        onClick={() => run.mutate(step)}
      >
        {text}
      </button>
    );
  };

  return (
    <article className="card connection" data-connection-id={connection.id} data-connection-state={connection.state ?? "ok"} aria-labelledby={nameId}>
      <header className="connection-head">
        <h2 id={nameId}>{connection.institution}</h2>
        <span className={`connection-state ${connection.health.kind}`}>{stateLabel(connection, t)}</span>
      </header>
      <dl className="connection-facts">
        <dt>{t("Last bank sync")}</dt>
        <dd className="last-sync">{connection.providerUpdatedAt ? format.naiveTime(connection.providerUpdatedAt) : t("Never")}</dd>
        {connection.nextTry && (
          <>
            <dt>{t("Next automatic sync")}</dt>
            <dd className="next-try">{format.naiveTime(connection.nextTry)}</dd>
          </>
        )}
        <dt>{t("Consent ends")}</dt>
        <dd className="consent-end">
          {connection.consentExpiresAt ? format.date(connection.consentExpiresAt) : t("Unknown")}
          {days != null && (
            <span className="consent-days" data-consent-days={days}>
              {" · "}
              {days >= 0 ? t("ends in {count} days", { count: days }) : t("already ended")}
            </span>
          )}
        </dd>
      </dl>
      {approving && <p className="connection-health needsUser approve">{t("Approve the access in your banking app, then press Resume.")}</p>}
      {connection.action === "wait" && <p className="muted explain">{t("Nothing to do now: Powens tries again by itself.")}</p>}
      {connection.action === "contact_bank" && <p className="muted explain">{t("Only your bank can fix this: contact it, then press Sync now.")}</p>}
      {error != null && !busy && asIpcError(error).code !== "connect.cancelled" && <ErrorBanner error={asIpcError(error)} action={t("Try again in a moment.")} />}
      {run.isSuccess && !busy && (run.data === "synced" || run.data === "reconnected") && (
        <p className="muted small" role="status">{t("Synced: the bank's latest data is in.")}</p>
      )}
      <div className="actions">
        {primary && button(primary, "primary", primary === "sync" ? "sync_now" : primary)}
        {primary !== "sync" && button("sync", "secondary", "sync")}
      </div>
    </article>
  );
}
