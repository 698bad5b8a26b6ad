// Consolidation settings: the base currency of net worth and overviews, and the dated exchange rates the household
// enters (the app never fetches rates: nothing leaves the machine).
import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { asIpcError, deleteExchangeRate, getBaseCurrency, listExchangeRates, setBaseCurrency, setExchangeRate } from "../../api/commands";
import { queryKeys } from "../../api/query-keys";
import { ErrorBanner } from "../../components/ErrorBanner";
import { useFormat, useT } from "../../preferences/hooks";

const today = () => new Date().toISOString().slice(0, 10);

export function ConsolidationSettings() {
  const t = useT();
  const format = useFormat();
  const queryClient = useQueryClient();
  const base = useQuery({ queryKey: queryKeys.baseCurrency, queryFn: getBaseCurrency });
  const rates = useQuery({ queryKey: queryKeys.rates, queryFn: listExchangeRates });
  const [currency, setCurrency] = useState("");
  const [rate, setRate] = useState("");
  const [asOf, setAsOf] = useState(today);
  const changed = () => {
    queryClient.invalidateQueries({ queryKey: queryKeys.rates });
    queryClient.invalidateQueries({ queryKey: queryKeys.baseCurrency });
    // The balance sheet converts at these rates into the base currency.
    queryClient.invalidateQueries({ queryKey: queryKeys.allWealth });
  };
  const saveBase = useMutation({ mutationFn: setBaseCurrency, onSuccess: changed });
  const addRate = useMutation({
    mutationFn: () => setExchangeRate(currency, rate, asOf),
    onSuccess: () => {
      setCurrency("");
      setRate("");
      changed();
    },
  });
  const removeRate = useMutation({ mutationFn: ({ c, d }: { c: string; d: string }) => deleteExchangeRate(c, d), onSuccess: changed });
  const error = saveBase.error ?? addRate.error ?? removeRate.error;

  return (
    <article className="card" id="consolidation">
      <h2>{t("Consolidation")}</h2>
      <p className="muted">{t("Net worth and the financial overview are added up in the base currency, at the rates below (the latest on or before each overview's end).")}</p>
      {error && <ErrorBanner error={asIpcError(error)} action={t("Correct the value and save again.")} />}
      <div className="filters wrap">
        <label className="inline-label">
          {t("Base currency")}
          <select aria-label={t("Base currency")} value={base.data ?? "EUR"} onChange={(e) => saveBase.mutate(e.target.value)}>
            {["EUR", "CHF", "USD", "GBP"].map((code) => <option key={code} value={code}>{code}</option>)}
          </select>
        </label>
      </div>
      <h3>{t("Exchange rates")}</h3>
      <table className="grid" id="exchange-rates">
        <thead>
          <tr><th>{t("Currency")}</th><th>{t("1 unit in {currency}", { currency: base.data ?? "EUR" })}</th><th>{t("Taken on")}</th><th /></tr>
        </thead>
        <tbody>
          {(rates.data ?? []).filter((r) => r.base === base.data).map((r) => (
            <tr key={`${r.currency}-${r.asOf}`} data-rate={`${r.currency}-${r.asOf}`}>
              <td>{r.currency}</td>
              <td className="mono">{r.rate}</td>
              <td>{format.date(r.asOf)}</td>
              <td><button className="link" onClick={() => removeRate.mutate({ c: r.currency, d: r.asOf })} aria-label={t("Remove the {currency} rate of {date}", { currency: r.currency, date: r.asOf })}>{t("Remove")}</button></td>
            </tr>
          ))}
          {rates.data && rates.data.filter((r) => r.base === base.data).length === 0 && (
            <tr><td colSpan={4} className="muted">{t("No rate yet: accounts in other currencies are left out of consolidated totals.")}</td></tr>
          )}
        </tbody>
      </table>
      <form className="filters wrap" onSubmit={(e) => { e.preventDefault(); addRate.mutate(); }}>
        <input className="narrow" placeholder="USD" aria-label={t("Rate currency")} value={currency} onChange={(e) => setCurrency(e.target.value)} />
        <input className="narrow" placeholder="0.92" inputMode="decimal" aria-label={t("Rate")} value={rate} onChange={(e) => setRate(e.target.value)} />
        <input type="date" aria-label={t("Rate date")} value={asOf} onChange={(e) => setAsOf(e.target.value)} />
        <button className="secondary inline" type="submit" disabled={addRate.isPending || !currency || !rate}>{t("Add rate")}</button>
      </form>
    </article>
  );
}
