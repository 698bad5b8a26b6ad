// The Connections screen (issue #19): the core's alerts first (an account's alert opens that account), their history
// folded below them, then every bank connection with its state, the freshness of its data, its consent's end and the
// one action the core says it calls for; Sync all asks Powens to sync each connection that a request can help, in
// turn, then refreshes once. Connections are the household's (bank logins belong to no view), so the screen reads
// them as the frame does, whatever the view.
import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { asIpcError, listAlerts, refresh } from "../../api/commands";
import { useAccounts } from "../../api/queries";
import { queryKeys, refreshedKeys } from "../../api/query-keys";
import { HOUSEHOLD } from "../../api/scope";
import type { BankConnection } from "../../bindings/BankConnection";
import { ErrorBanner } from "../../components/ErrorBanner";
import { usePreferences } from "../../preferences/hooks";
import { AlertCentre } from "./AlertCentre";
import { AlertHistory } from "./AlertHistory";
import { carryOut } from "./carry-out";
import { ConnectionCard } from "./ConnectionCard";

/** Whether a request to Powens can help a connection: not while Powens works on it, nor when only the bank can act. */
export function syncable(connection: BankConnection): boolean {
  return connection.action !== "wait" && connection.action !== "contact_bank";
}

export function ConnectionsScreen({ refreshing, onOpenAccount }: { refreshing: boolean; onOpenAccount?: (accountId: string) => void }) {
  const { t, reportLocale } = usePreferences();
  const accounts = useAccounts(false, HOUSEHOLD);
  const alerts = useQuery({ queryKey: queryKeys.alerts, queryFn: listAlerts });
  const connections = accounts.data?.connections ?? [];
  const queryClient = useQueryClient();
  const [current, setCurrent] = useState<string | null>(null);
  const [failures, setFailures] = useState<ReadonlyMap<string, unknown>>(new Map());

  const syncAll = useMutation({
    mutationFn: async (all: BankConnection[]) => {
      setFailures(new Map());
      const failed = new Map<string, unknown>();
      try {
        for (const connection of all.filter(syncable)) {
          setCurrent(connection.id);
          // One connection's failure is shown on its card; the others still sync.
          await carryOut(connection.id, "sync", reportLocale, false).catch((error: unknown) => failed.set(connection.id, error));
        }
      } finally {
        setCurrent(null);
        setFailures(failed);
      }
      return refresh();
    },
    onSettled: () => {
      for (const key of refreshedKeys) queryClient.invalidateQueries({ queryKey: key });
    },
  });
  const currentName = connections.find((connection) => connection.id === current)?.institution;

  return (
    <section className="screen" id="connections-screen" aria-labelledby="connections-title">
      <header className="screen-header">
        <div>
          <h1 id="connections-title">{t("Connections")}</h1>
          <p className="muted">{t("Each bank login: its state, how fresh its data is, when its consent ends, and what it needs from you.")}</p>
        </div>
        <div className="actions">
          <button id="sync-all" className="secondary" onClick={() => syncAll.mutate(connections)} disabled={syncAll.isPending || connections.length === 0}>
            {syncAll.isPending ? (currentName ? t("Syncing {institution}…", { institution: currentName }) : t("Syncing…")) : t("Sync all")}
          </button>
        </div>
      </header>
      {syncAll.isError && <ErrorBanner error={asIpcError(syncAll.error)} action={t("Try again in a moment.")} />}
      {alerts.isError && <ErrorBanner error={asIpcError(alerts.error)} action={t("Try Refresh.")} />}
      {alerts.data && <AlertCentre alerts={alerts.data.alerts} onOpenAccount={onOpenAccount} />}
      {alerts.data && <AlertHistory />}

      {accounts.isError && <ErrorBanner error={asIpcError(accounts.error)} action={t("Restart the app once it is fixed.")} />}
      {accounts.isPending && <p className="muted">{t("Loading connections…")}</p>}
      {accounts.data && connections.length === 0 && !refreshing && (
        <div className="empty">
          <h2>{t("No bank connection yet")}</h2>
          <p>{t("Press Refresh to fetch your banks, or add one on the Accounts screen.")}</p>
        </div>
      )}
      {connections.map((connection) => (
        <ConnectionCard
          key={connection.id}
          connection={connection}
          batch={{ running: syncAll.isPending, current: current === connection.id, error: failures.get(connection.id) }}
        />
      ))}
    </section>
  );
}
