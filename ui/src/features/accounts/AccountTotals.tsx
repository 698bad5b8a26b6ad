// The totals of the accounts screen, per currency: the sum of the view's shares of every active account (the whole
// balances for the household), added exactly from the core's decimal strings.
import type { AccountShare } from "../../bindings/AccountShare";
import type { Owner } from "../../bindings/Owner";
import { sumDecimals } from "../../lib/decimal";
import { useFormat, useT } from "../../preferences/hooks";

export function AccountTotals({ ownership, viewOwner }: { ownership: AccountShare[]; viewOwner: Owner | undefined }) {
  const t = useT();
  const format = useFormat();
  // In the order the accounts come (the household's own currency first, as banks list it).
  const currencies = [...new Set(ownership.map((share) => share.currency))];
  if (currencies.length === 0) return null;
  return (
    <div className="cards" id="account-totals">
      {currencies.map((currency) => {
        const shares = ownership.filter((share) => share.currency === currency && share.shareBalance !== null);
        const total = sumDecimals(shares.map((share) => share.shareBalance!));
        return (
          <article key={currency} className="card total" data-total-currency={currency}>
            <span className="muted">{viewOwner ? t("Share of {owner} in {currency}", { owner: viewOwner.name, currency }) : t("Total in {currency}", { currency })}</span>
            <strong className={`big mono ${total.startsWith("-") ? "negative" : ""}`}>{format.money(total, currency)}</strong>
            <span className="muted small">{t("{count} accounts", { count: shares.length })}</span>
          </article>
        );
      })}
    </div>
  );
}
