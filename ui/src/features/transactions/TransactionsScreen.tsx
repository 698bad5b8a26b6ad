// Transactions: one list over the whole history, filtered and searched by the core, paged by keyset cursors.
import { useEffect, useState } from "react";
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { asIpcError, listAccounts, listTransactions } from "../../api/commands";
import { queryKeys } from "../../api/query-keys";
import type { TransactionStatus } from "../../bindings/TransactionStatus";
import type { TransactionsListInput } from "../../bindings/TransactionsListInput";
import { ErrorBanner } from "../../components/ErrorBanner";
import { formatDate, formatMoney } from "../../lib/format";

const PAGE = 100;

/** The text typed, settled for `delay` ms, so the store is not queried on every keystroke. */
function useSettled(value: string, delay = 250): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delay);
    return () => clearTimeout(timer);
  }, [value, delay]);
  return settled;
}

export function TransactionsScreen() {
  const [text, setText] = useState("");
  const [account, setAccount] = useState("");
  const [status, setStatus] = useState<"" | TransactionStatus>("");
  const search = useSettled(text);
  const accounts = useQuery({ queryKey: queryKeys.accounts(false), queryFn: () => listAccounts(false) });
  const filters: Partial<TransactionsListInput> = {
    text: search.trim() === "" ? null : search,
    accountIds: account ? [account] : [],
    statuses: status ? [status] : [],
  };
  const pages = useInfiniteQuery({
    queryKey: queryKeys.transactions(filters),
    queryFn: ({ pageParam }) => listTransactions({ ...filters, limit: PAGE, cursor: pageParam, includeTotals: pageParam === null }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = pages.data?.pages.flatMap((page) => page.transactions) ?? [];
  const totals = pages.data?.pages[0]?.totals ?? [];
  const accountName = new Map((accounts.data?.accounts ?? []).map((a) => [a.id, a.name]));

  return (
    <section className="screen" aria-labelledby="transactions-title">
      <header className="screen-header">
        <h1 id="transactions-title">Transactions</h1>
        <div className="filters">
          <input id="transaction-search" type="search" placeholder="Search labels…" value={text} onChange={(e) => setText(e.target.value)} aria-label="Search labels" />
          <select aria-label="Account" value={account} onChange={(e) => setAccount(e.target.value)}>
            <option value="">All accounts</option>
            {(accounts.data?.accounts ?? []).map((a) => (
              <option key={a.id} value={a.id}>{`${a.institution} · ${a.name}`}</option>
            ))}
          </select>
          <select aria-label="Status" value={status} onChange={(e) => setStatus(e.target.value as "" | TransactionStatus)}>
            <option value="">Pending and booked</option>
            <option value="pending">Pending</option>
            <option value="booked">Booked</option>
            <option value="deleted">Deleted at the bank</option>
          </select>
        </div>
      </header>
      {totals.length > 0 && (
        <p className="muted" id="transaction-totals">
          {totals.map((t) => `${t.count} transactions · ${formatMoney(t.sum, t.currency)}`).join("   ")}
        </p>
      )}
      {pages.isError && <ErrorBanner error={asIpcError(pages.error)} action="Change the filters and try again." />}
      {pages.data && rows.length === 0 && (
        <div className="empty"><h2>No transactions match</h2><p>Clear the search or pick another account.</p></div>
      )}
      {rows.length > 0 && (
        <table className="grid card transactions">
          <thead>
            <tr><th>Date</th><th>Label</th><th>Account</th><th>Category</th><th className="amount">Amount</th></tr>
          </thead>
          <tbody>
            {rows.map((t) => (
              <tr key={t.id} className={`transaction-row status-${t.status}`} data-transaction-id={t.id}>
                <td className="mono">{formatDate(t.bookingDate)}</td>
                <td>
                  <span className="transaction-label">{t.label}</span>
                  {t.status !== "booked" && <span className="badge">{t.status}</span>}
                </td>
                <td className="muted">{accountName.get(t.accountId) ?? ""}</td>
                <td className="muted">{t.category ?? ""}</td>
                <td className={`amount mono ${t.amount.startsWith("-") ? "negative" : "positive"}`}>{formatMoney(t.amount, t.currency)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {pages.hasNextPage && (
        <button id="load-more" className="secondary" onClick={() => pages.fetchNextPage()} disabled={pages.isFetchingNextPage}>
          {pages.isFetchingNextPage ? "Loading…" : "Show more"}
        </button>
      )}
    </section>
  );
}
