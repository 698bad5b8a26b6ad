// One account: its balances (current and coming), its balance history, and its own transactions over the whole
// history (the same windowed list as the Transactions screen, filtered to this account).
import { t } from "../../lib/i18n";
import { useQuery } from "@tanstack/react-query";
import { asIpcError, getBalances } from "../../api/commands";
import { queryKeys } from "../../api/query-keys";
import type { BankAccountRecord } from "../../bindings/BankAccountRecord";
import { ErrorBanner } from "../../components/ErrorBanner";
import { Sparkline } from "../../components/Sparkline";
import { accountTypeLabel, formatInstant, formatMoney } from "../../lib/format";
import { amountsAreHidden } from "../../lib/preferences";
import { TransactionList } from "../transactions/TransactionsScreen";

export function AccountPage({ account, onBack }: { account: BankAccountRecord; onBack: () => void }) {
  const balances = useQuery({ queryKey: queryKeys.accountBalances(account.id), queryFn: () => getBalances([account.id]) });
  const history = (balances.data?.history ?? []).filter((b) => b.balanceType === "current");
  const values = history.map((b) => Number(b.amount));
  return (
    <section className="screen" aria-labelledby="account-title" data-account-page={account.id}>
      <button className="link" onClick={onBack} id="back-to-accounts">{t("← All accounts")}</button>
      <header className="screen-header">
        <div>
          <h1 id="account-title">{account.name}</h1>
          <p className="muted">
            {account.institution} · {accountTypeLabel(account.accountType)} · {account.iban ?? account.number ?? "no number"}
            {account.status !== "active" && ` · ${account.status}`}
          </p>
        </div>
      </header>
      <div className="cards">
        <article className="card total">
          <span className="muted">{t("Balance")}</span>
          <strong className={`big mono ${account.balance?.startsWith("-") ? "negative" : ""}`} id="account-balance">{formatMoney(account.balance, account.currency)}</strong>
          <span className="muted small">as of {formatInstant(account.lastSyncedAt)}</span>
        </article>
        <article className="card total">
          <span className="muted">{t("Coming (pending included)")}</span>
          <strong className="mono">{formatMoney(account.comingBalance, account.currency)}</strong>
        </article>
        <article className="card total">
          <span className="muted">Balance history ({history.length} snapshots)</span>
          {amountsAreHidden() ? <span className="muted small">hidden</span> : <Sparkline values={values} label={`Balance history of ${account.name}`} />}
        </article>
      </div>
      {balances.isError && <ErrorBanner error={asIpcError(balances.error)} action="Try Refresh." />}
      <TransactionList input={{ accountIds: [account.id] }} showAccount={false} />
    </section>
  );
}
