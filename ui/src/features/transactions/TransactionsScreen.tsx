// Transactions: one list over the whole history, filtered, searched and sorted by the core, read in keyset pages
// as the list scrolls, and drawn as a window of rows, so a million transactions stay instant. The totals and the
// CSV export cover the whole filter, not just what is loaded.
import { useCallback, useEffect, useState } from "react";
import { useInfiniteQuery, useMutation } from "@tanstack/react-query";
import { asIpcError, exportTransactionsCsv, listTransactions } from "../../api/commands";
import { useAccounts } from "../../api/queries";
import { queryKeys } from "../../api/query-keys";
import { HOUSEHOLD, type ViewScope } from "../../api/scope";
import type { BankTransactionRecord } from "../../bindings/BankTransactionRecord";
import type { TransactionSort } from "../../bindings/TransactionSort";
import type { TransactionStatus } from "../../bindings/TransactionStatus";
import type { TransactionsListInput } from "../../bindings/TransactionsListInput";
import { ErrorBanner } from "../../components/ErrorBanner";
import { VirtualRows } from "../../components/VirtualRows";
import { codeLabel } from "../../lib/workflows";
import { useFormat, useT, useViewScope } from "../../preferences/hooks";
import { useViewOwner } from "../view/owners";

const PAGE = 200;
const ROW_HEIGHT = 40;

/** The text typed, settled for `delay` ms, so the store is not queried on every keystroke. */
function useSettled(value: string, delay = 250): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delay);
    return () => clearTimeout(timer);
  }, [value, delay]);
  return settled;
}

const blankToNull = (value: string) => (value.trim() === "" ? null : value.trim());

/** The filters a person sets, as the list contract reads them. */
export interface TransactionFilters {
  text: string;
  account: string;
  status: "" | TransactionStatus;
  from: string;
  to: string;
  min: string;
  max: string;
  category: string;
  sort: TransactionSort;
}

export const noFilters: TransactionFilters = { text: "", account: "", status: "", from: "", to: "", min: "", max: "", category: "", sort: "dateDesc" };

/** The filters, in a view (its scope narrows the accounts; amounts stay whole: a movement is not split). */
export function listInput(filters: TransactionFilters, scope: ViewScope): Partial<TransactionsListInput> {
  return {
    ...scope,
    text: blankToNull(filters.text),
    accountIds: filters.account ? [filters.account] : [],
    statuses: filters.status ? [filters.status] : [],
    dateFrom: blankToNull(filters.from),
    dateTo: blankToNull(filters.to),
    amountMin: blankToNull(filters.min),
    amountMax: blankToNull(filters.max),
    category: blankToNull(filters.category),
    sort: filters.sort,
  };
}

/** The list itself, for the Transactions screen and an account's page. */
export function TransactionList({ input, showAccount = true }: { input: Partial<TransactionsListInput>; showAccount?: boolean }) {
  const t = useT();
  const format = useFormat();
  // Names of every account, whoever holds it: a view's transactions include accounts it held only in the past.
  const accounts = useAccounts(true, HOUSEHOLD);
  const pages = useInfiniteQuery({
    queryKey: queryKeys.transactions(input),
    queryFn: ({ pageParam }) => listTransactions({ ...input, limit: PAGE, cursor: pageParam, includeTotals: pageParam === null }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = pages.data?.pages.flatMap((page) => page.transactions) ?? [];
  const totals = pages.data?.pages[0]?.totals ?? [];
  const accountName = new Map((accounts.data?.accounts ?? []).map((a) => [a.id, a.name]));
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = pages;
  const loadMore = useCallback(() => {
    if (hasNextPage && !isFetchingNextPage) fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);

  const row = (tx: BankTransactionRecord) => (
    <div className={`transaction-row status-${tx.status}`} data-transaction-id={tx.id} role="row">
      <span className="mono date" role="cell">{format.date(tx.bookingDate)}</span>
      <span className="label" role="cell">
        <span className="transaction-label">{tx.label}</span>
        {tx.status !== "booked" && <span className="badge">{codeLabel(tx.status, t)}</span>}
      </span>
      {showAccount && <span className="muted account" role="cell">{accountName.get(tx.accountId) ?? ""}</span>}
      <span className="muted category" role="cell">{tx.category ?? ""}</span>
      <span className={`amount mono ${tx.amount.startsWith("-") ? "negative" : "positive"}`} role="cell">{format.money(tx.amount, tx.currency)}</span>
    </div>
  );

  return (
    <>
      {totals.length > 0 && (
        <p className="muted" id="transaction-totals">
          {totals.map((total) => `${t("{count} transactions", { count: format.number(total.count) })} · ${format.money(total.sum, total.currency)}`).join("   ")}
        </p>
      )}
      {pages.isError && <ErrorBanner error={asIpcError(pages.error)} action={t("Change the filters and try again.")} />}
      {pages.data && rows.length === 0 && (
        <div className="empty"><h2>{t("No transactions match")}</h2><p>{t("Clear the search or widen the filters.")}</p></div>
      )}
      {rows.length > 0 && (
        <div className={`card transaction-table ${showAccount ? "" : "no-account"}`} role="table" aria-label={t("Transactions")}>
          <div className="transaction-row header" role="row">
            <span role="columnheader">{t("Date")}</span>
            <span role="columnheader">{t("Label")}</span>
            {showAccount && <span role="columnheader">{t("Account")}</span>}
            <span role="columnheader">{t("Category")}</span>
            <span className="amount" role="columnheader">{t("Amount")}</span>
          </div>
          <VirtualRows id="transaction-rows" rows={rows} rowHeight={ROW_HEIGHT} renderRow={row} onNearEnd={loadMore} hasMore={!!hasNextPage} label={t("Transaction rows")} />
        </div>
      )}
      {hasNextPage && (
        <button id="load-more" className="secondary" onClick={loadMore} disabled={isFetchingNextPage}>
          {isFetchingNextPage ? t("Loading…") : t("Show more")}
        </button>
      )}
    </>
  );
}

export function TransactionsScreen() {
  const t = useT();
  const format = useFormat();
  const scope = useViewScope();
  const viewOwner = useViewOwner();
  const [filters, setFilters] = useState<TransactionFilters>(noFilters);
  const set = (patch: Partial<TransactionFilters>) => setFilters((current) => ({ ...current, ...patch }));
  const text = useSettled(filters.text);
  const min = useSettled(filters.min);
  const max = useSettled(filters.max);
  const input = listInput({ ...filters, text, min, max }, scope);
  const accounts = useAccounts(false, scope);
  const exporter = useMutation({ mutationFn: () => exportTransactionsCsv(input) });

  // "/" or Ctrl+F puts the cursor in the search box.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const typing = event.target instanceof HTMLInputElement || event.target instanceof HTMLSelectElement;
      if ((event.key === "/" && !typing) || ((event.ctrlKey || event.metaKey) && event.key === "f")) {
        event.preventDefault();
        document.getElementById("transaction-search")?.focus();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  return (
    <section className="screen" aria-labelledby="transactions-title">
      <header className="screen-header">
        <div>
          <h1 id="transactions-title">{t("Transactions")}</h1>
          {viewOwner && (
            <p className="muted" id="transactions-view">{t("The accounts {owner} holds a part of; amounts stay whole.", { owner: viewOwner.name })}</p>
          )}
        </div>
        <div className="filters">
          <input id="transaction-search" type="search" placeholder={t("Search labels…  ( / )")} value={filters.text} onChange={(e) => set({ text: e.target.value })} aria-label={t("Search labels")} />
          <button id="export-csv" className="secondary inline" onClick={() => exporter.mutate()} disabled={exporter.isPending}>
            {exporter.isPending ? t("Exporting…") : t("Export CSV")}
          </button>
        </div>
      </header>
      <div className="filters wrap" role="group" aria-label={t("Filters")}>
        <select aria-label={t("Account")} value={filters.account} onChange={(e) => set({ account: e.target.value })}>
          <option value="">{t("All accounts")}</option>
          {(accounts.data?.accounts ?? []).map((a) => (
            <option key={a.id} value={a.id}>{`${a.institution} · ${a.name}`}</option>
          ))}
        </select>
        <select aria-label={t("Status")} value={filters.status} onChange={(e) => set({ status: e.target.value as "" | TransactionStatus })}>
          <option value="">{t("Pending and booked")}</option>
          <option value="pending">{t("Pending")}</option>
          <option value="booked">{t("Booked")}</option>
          <option value="deleted">{t("Deleted at the bank")}</option>
        </select>
        <label className="inline-label">{t("From")} <input type="date" aria-label={t("From")} value={filters.from} onChange={(e) => set({ from: e.target.value })} /></label>
        <label className="inline-label">{t("To")} <input type="date" aria-label={t("To")} value={filters.to} onChange={(e) => set({ to: e.target.value })} /></label>
        <input className="narrow" inputMode="decimal" placeholder={t("Min")} aria-label={t("Smallest amount")} value={filters.min} onChange={(e) => set({ min: e.target.value })} />
        <input className="narrow" inputMode="decimal" placeholder={t("Max")} aria-label={t("Largest amount")} value={filters.max} onChange={(e) => set({ max: e.target.value })} />
        <input className="narrow" placeholder={t("Category")} aria-label={t("Category")} value={filters.category} onChange={(e) => set({ category: e.target.value })} />
        <select aria-label={t("Sort")} value={filters.sort} onChange={(e) => set({ sort: e.target.value as TransactionSort })}>
          <option value="dateDesc">{t("Newest first")}</option>
          <option value="dateAsc">{t("Oldest first")}</option>
          <option value="amountAsc">{t("Largest spending first")}</option>
          <option value="amountDesc">{t("Largest income first")}</option>
        </select>
        {filters !== noFilters && (
          <button className="link" onClick={() => setFilters(noFilters)}>{t("Clear filters")}</button>
        )}
      </div>
      {exporter.isError && <ErrorBanner error={asIpcError(exporter.error)} action={t("Free some space or check the Downloads folder, then export again.")} />}
      {exporter.data && (
        <p className="notice" role="status" id="csv-result">{t("Saved {count} rows to {path}", { count: format.number(exporter.data.rows), path: exporter.data.path })}</p>
      )}
      <TransactionList input={input} />
    </section>
  );
}
