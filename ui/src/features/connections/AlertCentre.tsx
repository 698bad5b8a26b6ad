// The alert centre at the top of the Connections screen: the core's alerts (a consent ending, a login needing
// someone, a troubled connection, stale bank data), those that need someone first, each in the core's own words.
import type { Alert } from "../../bindings/Alert";
import { useT } from "../../preferences/hooks";

export function AlertCentre({ alerts }: { alerts: Alert[] }) {
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
            <li
              key={`${alert.connectionId}:${alert.kind}`}
              className={alert.needsAction ? "alert needs-action" : "alert"}
              data-alert-kind={alert.kind}
              data-alert-connection={alert.connectionId}
              data-needs-action={alert.needsAction}
            >
              <span className="alert-message">{alert.message}</span>
              <span className={alert.needsAction ? "badge needs-action" : "badge"}>{alert.needsAction ? t("Action needed") : t("For information")}</span>
            </li>
          ))}
        </ul>
      )}
    </article>
  );
}
