// The alert centre's history, below it on the Connections screen, folded until opened: every time the core raised an
// alert (newest first, as it keeps them), named by its kind and told in its latest words, when it was raised, and
// when it cleared or that it still stands. A refresh adds to it, so it reads again with the alerts.
import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { alertHistory, asIpcError } from "../../api/commands";
import { queryKeys } from "../../api/query-keys";
import type { AlertOccurrence } from "../../bindings/AlertOccurrence";
import { ErrorBanner } from "../../components/ErrorBanner";
import { useFormat, useT } from "../../preferences/hooks";
import { alertKindLabel } from "./alert-labels";

/** How many occurrences the screen asks for. */
export const HISTORY_LIMIT = 100;

/** Newest first whatever the transport: RFC 3339 instants in UTC sort as text; the sort is stable for equal ones. */
function newestFirst(occurrences: AlertOccurrence[]): AlertOccurrence[] {
  return [...occurrences].sort((a, b) => (a.raisedAt < b.raisedAt ? 1 : a.raisedAt > b.raisedAt ? -1 : 0));
}

export function AlertHistory() {
  const t = useT();
  const format = useFormat();
  const [open, setOpen] = useState(false);
  const history = useQuery({ queryKey: queryKeys.alertHistory, queryFn: () => alertHistory(HISTORY_LIMIT), enabled: open });
  return (
    <article className="card" id="alert-history" aria-labelledby="alert-history-title">
      <header className="history-head">
        <h2 id="alert-history-title">{t("Alert history")}</h2>
        <button type="button" className="link" aria-expanded={open} aria-controls="alert-history-list" onClick={() => setOpen((shown) => !shown)}>
          {open ? t("Hide the alert history") : t("Show the alert history")}
        </button>
      </header>
      {open && (
        <div id="alert-history-list">
          {history.isError && <ErrorBanner error={asIpcError(history.error)} action={t("Try Refresh.")} />}
          {history.isPending && <p className="muted">{t("Loading the alert history…")}</p>}
          {history.data && history.data.length === 0 && <p className="muted" id="no-alert-history">{t("No alert was raised yet.")}</p>}
          {history.data && history.data.length > 0 && (
            <ul className="plain alerts">
              {newestFirst(history.data).map((occurrence) => (
                <li
                  key={String(occurrence.id)}
                  className="alert"
                  data-occurrence={String(occurrence.id)}
                  data-alert-kind={occurrence.kind}
                  data-standing={occurrence.clearedAt === null}
                >
                  <span className="alert-text">
                    <span className="alert-kind">{alertKindLabel(occurrence.kind, t)}</span>
                    <span className="alert-message">{occurrence.message}</span>
                    <span className="muted small raised">{t("raised {when}", { when: format.instant(occurrence.raisedAt) })}</span>
                  </span>
                  {occurrence.clearedAt === null ? (
                    <span className={occurrence.needsAction ? "badge needs-action standing" : "badge standing"}>{t("standing")}</span>
                  ) : (
                    <span className="badge cleared">{t("cleared {when}", { when: format.instant(occurrence.clearedAt) })}</span>
                  )}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </article>
  );
}
