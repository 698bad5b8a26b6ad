// The alert centre at the top of the Connections screen: the core's alerts (a consent ending, a login needing
// someone, a troubled connection, stale bank data, and the money's: a large movement, a current account below its
// threshold, a balance its transactions do not explain), those that need someone first, each named by its kind and
// told in the core's own words. An alert about an account offers the way to that account's page.
import { useId } from "react";
import type { Alert } from "../../bindings/Alert";
import { useT } from "../../preferences/hooks";
import { alertKindLabel } from "./alert-labels";

export function AlertCentre({ alerts, onOpenAccount }: { alerts: Alert[]; onOpenAccount?: (accountId: string) => void }) {
  const t = useT();
  // The core sends them in this order already; a stable partition keeps it so whatever the transport.
  const ordered = [...alerts.filter((alert) => alert.needsAction), ...alerts.filter((alert) => !alert.needsAction)];
  return (
    <article className="card" id="alert-centre" aria-labelledby="alert-centre-title">
      <h2 id="alert-centre-title">{t("Alerts")}</h2>
      {ordered.length === 0 ? (
        <p className="muted" id="no-alert">{t("No alert: every connection is healthy and up to date.")}</p>
      ) : (
        <ul className="plain alerts">
          {ordered.map((alert) => (
            <AlertItem key={alert.key} alert={alert} onOpenAccount={onOpenAccount} />
          ))}
        </ul>
      )}
    </article>
  );
}

function AlertItem({ alert, onOpenAccount }: { alert: Alert; onOpenAccount?: (accountId: string) => void }) {
  const t = useT();
  const messageId = useId();
  const accountId = alert.accountId;
  return (
    <li
      className={alert.needsAction ? "alert needs-action" : "alert"}
      data-alert-key={alert.key}
      data-alert-kind={alert.kind}
      data-alert-connection={alert.connectionId ?? undefined}
      data-alert-account={accountId ?? undefined}
      data-needs-action={alert.needsAction}
    >
      <span className="alert-text">
        <span className="alert-kind">{alertKindLabel(alert.kind, t)}</span>
        <span className="alert-message" id={messageId}>{alert.message}</span>
        {accountId !== null && onOpenAccount && (
          <button className="link open-account" aria-describedby={messageId} onClick={() => onOpenAccount(accountId)}>
            {t("Open the account")}
          </button>
        )}
      </span>
      <span className={alert.needsAction ? "badge needs-action" : "badge"}>{alert.needsAction ? t("Action needed") : t("For information")}</span>
    </li>
  );
}
