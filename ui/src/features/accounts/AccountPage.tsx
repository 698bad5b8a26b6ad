// One account: its balances (current and coming; the whole balance, and the owner's share in an owner's view), its
// owners, its balance history as a chart with axes, an investment account's positions, and its own transactions over
// the whole history (the same windowed list as the Transactions screen, filtered to this account).
import { useQuery } from "@tanstack/react-query";
import { asIpcError, getBalances } from "../../api/commands";
import { queryKeys } from "../../api/query-keys";
import type { AccountShare } from "../../bindings/AccountShare";
import type { BankAccountRecord } from "../../bindings/BankAccountRecord";
import { ErrorBanner } from "../../components/ErrorBanner";
import { LineChart } from "../../components/charts/LineChart";
import { accountTypeLabel } from "../../lib/format";
import { codeLabel } from "../../lib/workflows";
import { useFormat, useT, useViewScope } from "../../preferences/hooks";
import { OwnerBadges } from "../ownership/OwnerBadges";
import { AccountPositions, holdsPositions } from "./AccountPositions";
import { TransactionList } from "../transactions/TransactionsScreen";
import { useOwnerMap, useViewOwner } from "../view/owners";

export function AccountPage({ account, share, onBack }: { account: BankAccountRecord; share: AccountShare | undefined; onBack: () => void }) {
  const t = useT();
  const format = useFormat();
  const scope = useViewScope();
  const owners = useOwnerMap();
  const viewOwner = useViewOwner();
  const balances = useQuery({ queryKey: queryKeys.accountBalances(account.id, scope), queryFn: () => getBalances([account.id], scope) });
  const history = (balances.data?.history ?? []).filter((b) => b.balanceType === "current");
  return (
    <section className="screen" aria-labelledby="account-title" data-account-page={account.id}>
      <button className="link" onClick={onBack} id="back-to-accounts">{t("← All accounts")}</button>
      <header className="screen-header">
        <div>
          <h1 id="account-title">{account.name}</h1>
          <p className="muted">
            {account.institution} · {accountTypeLabel(account.accountType, t)} · {account.iban ?? account.number ?? t("no number")}
            {account.status !== "active" && ` · ${codeLabel(account.status, t)}`}
          </p>
        </div>
      </header>
      <div className="cards">
        <article className="card total">
          <span className="muted">{t("Balance")}</span>
          <strong className={`big mono ${account.balance?.startsWith("-") ? "negative" : ""}`} id="account-balance">{format.money(account.balance, account.currency)}</strong>
          <span className="muted small">{t("as of {when}", { when: format.instant(account.lastSyncedAt) })}</span>
        </article>
        {viewOwner && share && (
          <article className="card total" id="account-share">
            <span className="muted">{t("Share of {owner}", { owner: viewOwner.name })}</span>
            <strong className={`big mono ${share.shareBalance?.startsWith("-") ? "negative" : ""}`}>{format.money(share.shareBalance, account.currency)}</strong>
            <span className="muted small">{t("{part} of the whole balance", { part: format.percent(share.fraction) })}</span>
          </article>
        )}
        <article className="card total">
          <span className="muted">{t("Coming (pending included)")}</span>
          <strong className="mono">{format.money(account.comingBalance, account.currency)}</strong>
        </article>
        {share && (
          <article className="card total" id="account-owners-card">
            <span className="muted">{t("Owners")}</span>
            <OwnerBadges share={share} owners={owners} />
          </article>
        )}
      </div>
      <article className="card" id="account-history">
        <LineChart
          title={t("Balance history of {account}", { account: account.name })}
          points={history.map((b) => ({ date: b.asOf, value: b.amount }))}
          currency={account.currency}
          xLabel={t("Date")}
          yLabel={t("Balance ({currency})", { currency: account.currency })}
        />
        <p className="muted small">{t("{count} balance snapshots", { count: history.length })}</p>
      </article>
      {balances.isError && <ErrorBanner error={asIpcError(balances.error)} action={t("Try Refresh.")} />}
      {holdsPositions(account.accountType) && <AccountPositions account={account} />}
      <TransactionList input={{ accountIds: [account.id], ...scope }} showAccount={false} />
    </section>
  );
}
