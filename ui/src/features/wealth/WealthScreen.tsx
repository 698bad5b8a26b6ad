// The Wealth screen: the view's balance sheet today as the core computes it (get_wealth, with the view and basis in
// its input and query key) — net worth with assets and liabilities, what the figures leave out, the allocation by
// class, the exposure by currency, the holdings rolled up across accounts, what each account is made of, and the
// loans with what they still cost (LoansCard). Amounts hide with the privacy switch.
import { useQuery } from "@tanstack/react-query";
import { asIpcError, getWealth } from "../../api/commands";
import { useAccounts } from "../../api/queries";
import { queryKeys } from "../../api/query-keys";
import { ErrorBanner } from "../../components/ErrorBanner";
import { useFormat, usePreferences } from "../../preferences/hooks";
import { BASIS_COUNTED } from "../ownership/labels";
import { useViewOwner } from "../view/owners";
import { AccountsCard } from "./AccountsCard";
import { AllocationCard } from "./AllocationCard";
import { CurrencyCard } from "./CurrencyCard";
import { HoldingsCard } from "./HoldingsCard";
import { LoansCard } from "./LoansCard";
import { WealthNotes } from "./WealthNotes";
import { WealthTotals } from "./WealthTotals";

export function WealthScreen({ onOpenSettings }: { onOpenSettings: () => void }) {
  const { t, viewScope: scope } = usePreferences();
  const format = useFormat();
  const viewOwner = useViewOwner();
  const wealth = useQuery({ queryKey: queryKeys.wealth(scope), queryFn: () => getWealth(scope) });
  // Names live with the accounts: the balance sheet carries ids.
  const accounts = useAccounts(false, scope);
  const names = new Map((accounts.data?.accounts ?? []).map((account) => [account.id, account.name]));
  const accountName = (id: string) => names.get(id) ?? id;
  const sheet = wealth.data;

  return (
    <section className="screen" aria-labelledby="wealth-title">
      <header className="screen-header">
        <div>
          <h1 id="wealth-title">{t("Wealth")}</h1>
          <p className="muted">{sheet ? t("Balance sheet on {date}, in {currency}", { date: format.date(sheet.asOf), currency: sheet.baseCurrency }) : t("Loading the balance sheet…")}</p>
        </div>
      </header>
      {sheet && (
        <div className="view-line" id="wealth-view" data-view={sheet.view ?? "household"}>
          <strong>
            {sheet.view === null
              ? t("View: the household, every account whole")
              : t("View: {owner} · {basis}", { owner: viewOwner?.name ?? sheet.view, basis: t(BASIS_COUNTED[sheet.basis]) })}
          </strong>
          {sheet.view !== null && <span className="muted small">{t("Each account and position counts at the part {owner} holds of it.", { owner: viewOwner?.name ?? sheet.view })}</span>}
        </div>
      )}
      {wealth.isError && <ErrorBanner error={asIpcError(wealth.error)} action={t("Try Refresh.")} />}
      {sheet && sheet.accounts.length === 0 && (
        <div className="empty" id="wealth-empty">
          {viewOwner ? (
            <>
              <h2>{t("{owner} holds no account", { owner: viewOwner.name })}</h2>
              <p>{t("Choose another owner, or the household, in the view selector above.")}</p>
            </>
          ) : (
            <>
              <h2>{t("Nothing to show yet")}</h2>
              <p>{t("Press Refresh to fetch your accounts from your banks.")}</p>
            </>
          )}
        </div>
      )}
      {sheet && sheet.accounts.length > 0 && (
        <>
          <WealthTotals sheet={sheet} />
          <WealthNotes sheet={sheet} onOpenSettings={onOpenSettings} />
          <div className="wealth-columns">
            <AllocationCard sheet={sheet} />
            <CurrencyCard sheet={sheet} />
          </div>
          <HoldingsCard sheet={sheet} accountName={accountName} />
          <AccountsCard sheet={sheet} accountName={accountName} />
          <LoansCard accountIds={sheet.accounts.map((account) => account.accountId)} accountName={accountName} />
        </>
      )}
    </section>
  );
}
