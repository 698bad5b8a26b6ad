// The accounts screen: every account of the view grouped by bank (or by type), with its owners as badges, masked
// numbers, balances (the owner's share in an owner's view) and coming balances, the totals of the shares, each
// connection's state and consent end (a login the connect webview fixes has Reconnect, and every one needing
// something the way to the Connections screen); an account opens its own page, here or from another screen (an
// alert about it on the Connections screen opens the Accounts screen on its page: `initialAccount`).
import { useMemo, useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { addBank, asIpcError, reconnectBank } from "../../api/commands";
import { useAccounts, useBalances } from "../../api/queries";
import { Sparkline } from "../../components/Sparkline";
import { refreshedKeys } from "../../api/query-keys";
import type { BankConnection } from "../../bindings/BankConnection";
import type { BankAccountRecord } from "../../bindings/BankAccountRecord";
import type { Translate } from "../../i18n/translate";
import { accountTypeLabel } from "../../lib/format";
import { codeLabel } from "../../lib/workflows";
import { ErrorBanner } from "../../components/ErrorBanner";
import { useFormat, usePreferences } from "../../preferences/hooks";
import { OpenConnections } from "../connections/OpenConnections";
import { OwnerBadges } from "../ownership/OwnerBadges";
import { ShareAmount } from "../ownership/ShareAmount";
import { useOwnerMap, useViewOwner } from "../view/owners";
import { AccountPage } from "./AccountPage";
import { AccountTotals } from "./AccountTotals";

function groupByType(accounts: BankAccountRecord[], t: Translate): [string, BankAccountRecord[]][] {
  const groups = new Map<string, BankAccountRecord[]>();
  for (const account of accounts) {
    const key = accountTypeLabel(account.accountType, t);
    groups.set(key, [...(groups.get(key) ?? []), account]);
  }
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b));
}

function groupByInstitution(accounts: BankAccountRecord[]): [string, BankAccountRecord[]][] {
  const groups = new Map<string, BankAccountRecord[]>();
  for (const account of accounts) {
    const group = groups.get(account.institution) ?? [];
    group.push(account);
    groups.set(account.institution, group);
  }
  return [...groups.entries()];
}

export function AccountsScreen({ refreshing, onOpenConnections, initialAccount = null }: { refreshing: boolean; onOpenConnections: () => void; initialAccount?: string | null }) {
  const { t, amountsHidden, reportLocale, viewScope: scope } = usePreferences();
  const format = useFormat();
  const owners = useOwnerMap();
  const viewOwner = useViewOwner();
  const inView = scope.view !== null;
  const [includeInactive, setIncludeInactive] = useState(false);
  const [grouping, setGrouping] = useState<"institution" | "type">("institution");
  const [opened, setOpened] = useState<string | null>(initialAccount);
  const accounts = useAccounts(includeInactive, scope);
  const balances = useBalances(scope);
  const shares = useMemo(() => new Map((accounts.data?.ownership ?? []).map((share) => [share.accountId, share])), [accounts.data]);
  const trends = useMemo(() => {
    const byAccount = new Map<string, number[]>();
    for (const point of balances.data?.history ?? []) {
      if (point.balanceType !== "current") continue;
      byAccount.set(point.accountId, [...(byAccount.get(point.accountId) ?? []), Number(point.amount)]);
    }
    return byAccount;
  }, [balances.data]);
  const groups = useMemo(
    () => (grouping === "institution" ? groupByInstitution(accounts.data?.accounts ?? []) : groupByType(accounts.data?.accounts ?? [], t)),
    [accounts.data, grouping, t],
  );
  const lastSynced = accounts.data?.connections.map((c) => c.lastSyncedAt).sort().at(-1);
  const connections = new Map<string, BankConnection>((accounts.data?.connections ?? []).map((c) => [c.id, c]));
  const queryClient = useQueryClient();
  const invalidate = () => {
    for (const key of refreshedKeys) queryClient.invalidateQueries({ queryKey: key });
  };
  // The connect webview speaks the UI's language.
  const adding = useMutation({ mutationFn: () => addBank(reportLocale), onSettled: invalidate });
  const reconnecting = useMutation({ mutationFn: (connectionId: string) => reconnectBank(connectionId, reportLocale), onSettled: invalidate });
  const connectError = adding.error ?? reconnecting.error;
  const openedAccount = accounts.data?.accounts.find((a) => a.id === opened);
  if (openedAccount) return <AccountPage account={openedAccount} share={shares.get(openedAccount.id)} onBack={() => setOpened(null)} />;

  return (
    <section className="screen" aria-labelledby="accounts-title">
      <header className="screen-header">
        <div>
          <h1 id="accounts-title">{t("Accounts")}</h1>
          <p className="muted" id="last-refresh">
            {lastSynced ? t("Last refreshed {when}", { when: format.instant(lastSynced) }) : t("Not refreshed yet")}
          </p>
        </div>
        <div className="actions">
          <select aria-label={t("Group by")} value={grouping} onChange={(e) => setGrouping(e.target.value as "institution" | "type")}>
            <option value="institution">{t("By bank")}</option>
            <option value="type">{t("By type")}</option>
          </select>
          <label className="toggle">
            <input type="checkbox" checked={includeInactive} onChange={(event) => setIncludeInactive(event.target.checked)} />
            {t("Show disabled and closed")}
          </label>
          <button id="add-bank" className="secondary" onClick={() => adding.mutate()} disabled={adding.isPending}>
            {adding.isPending ? t("Connecting…") : t("Add a bank")}
          </button>
        </div>
      </header>
      {connectError && asIpcError(connectError).code !== "connect.cancelled" && (
        <ErrorBanner error={asIpcError(connectError)} action={t("Try again in a moment.")} />
      )}

      {accounts.isError && <ErrorBanner error={asIpcError(accounts.error)} action={t("Restart the app once it is fixed.")} />}
      {accounts.isPending && <p className="muted">{t("Loading accounts…")}</p>}
      {accounts.data && accounts.data.accounts.length === 0 && viewOwner && (
        <div className="empty" id="view-empty">
          <h2>{t("{owner} holds no account", { owner: viewOwner.name })}</h2>
          <p>{t("Choose another owner, or the household, in the view selector above.")}</p>
        </div>
      )}
      {accounts.data && accounts.data.accounts.length === 0 && !inView && !refreshing && (
        <div className="empty">
          <h2>{t("No accounts yet")}</h2>
          <p>{t("Press Refresh to fetch your accounts from your banks.")}</p>
        </div>
      )}
      <AccountTotals ownership={accounts.data?.ownership ?? []} viewOwner={viewOwner} />

      {groups.map(([institution, rows]) => (
        <article key={institution} className="card institution" data-institution={grouping === "institution" ? institution : undefined} data-group={institution}>
          <h2>{institution}</h2>
          {grouping === "institution" && (() => {
            // The core says when to warn (within 30 days of the consent's end, or after it).
            const connection = connections.get(rows[0].connectionId);
            const days = connection?.consentEndsInDays;
            if (!connection || days == null) return null;
            return (
              <p className="connection-health consent" data-consent-days={days}>
                {days >= 0 ? t("Bank consent ends in {count} days: reconnect before then to keep refreshing.", { count: days }) : t("Bank consent has ended: reconnect to refresh this bank again.")}
                {/* The health notice below has the same way there when there is one. */}
                {connection.health.kind === "ok" && <>{" "}<OpenConnections onOpen={onOpenConnections} institution={connection.institution} /></>}
              </p>
            );
          })()}
          {grouping === "institution" && (() => {
            const connection = connections.get(rows[0].connectionId);
            const health = connection?.health;
            if (!connection || !health || health.kind === "ok") return null;
            const text = health.kind === "needsUser" ? health.action : health.kind === "transient" ? health.reason : t("Unexpected state: {state}", { state: health.state });
            return (
              <p className={`connection-health ${health.kind}`} data-connection-id={connection.id}>
                {text}{" "}
                {health.kind === "needsUser" && health.fix === "reconnect" && (
                  <button className="secondary" onClick={() => reconnecting.mutate(connection.id)} disabled={reconnecting.isPending}>
                    {t("Reconnect")}
                  </button>
                )}{" "}
                <OpenConnections onOpen={onOpenConnections} institution={connection.institution} />
              </p>
            );
          })()}
          <table className="accounts">
            <thead>
              <tr>
                <th scope="col">{t("Account")}</th>
                <th scope="col">{t("Type")}</th>
                <th scope="col">{t("Number")}</th>
                <th scope="col" className="amount">{inView ? t("Share") : t("Balance")}</th>
                <th scope="col" className="amount">{t("Coming")}</th>
                <th scope="col" className="trend">{t("Trend")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((account) => (
                <tr key={account.id} className={`account-row status-${account.status}`} data-account-id={account.id}>
                  <td>
                    <button className="link account-name" onClick={() => setOpened(account.id)}>{account.name}</button>
                    {account.status !== "active" && <span className="badge">{codeLabel(account.status, t)}</span>}
                    <OwnerBadges share={shares.get(account.id)} owners={owners} />
                  </td>
                  <td>{accountTypeLabel(account.accountType, t)}</td>
                  <td className="mono">{account.iban ?? account.number ?? "—"}</td>
                  <ShareAmount balance={account.balance} currency={account.currency} share={shares.get(account.id)} inView={inView} />
                  <td className="amount mono muted coming">{format.money(account.comingBalance, account.currency)}</td>
                  <td className="trend">
                    {amountsHidden ? null : <Sparkline values={trends.get(account.id) ?? []} label={t("{account}: balance trend", { account: account.name })} width={90} height={24} compact />}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </article>
      ))}
    </section>
  );
}
