// Entry of the browser-check build: the real app, with Tauri's IPC answered by the same fake core the Vitest
// tests use (installed before the app starts). `?history=N` makes the core serve a history of N transactions,
// generated row by row on request (never materialised), and count the rows it served.
import { mockIPC } from "@tauri-apps/api/mocks";
import { fakeCore, transaction } from "../src/test/fake-core";
import type { FakeCommands } from "../src/test/core-contract";

const history = Number(new URLSearchParams(location.search).get("history") ?? 0);
const page = window as unknown as { __calls: string[]; __rowsServed: number };
page.__rowsServed = 0;
const overrides: Partial<FakeCommands> = {};
if (history > 0) {
  const labels = ["Carrefour Market", "Netflix", "Salaire Acme Industries", "SNCF Connect", "Boulangerie du Marché"];
  overrides.list_transactions = (args) => {
    const input = (args.input ?? {}) as { cursor?: string | null; limit?: number; includeTotals?: boolean };
    const start = input.cursor ? Number(input.cursor) : 0;
    const end = Math.min(history, start + (input.limit ?? 100));
    const rows = [];
    for (let n = start; n < end; n += 1) {
      const day = new Date(Date.UTC(2026, 10, 25) - Math.floor(n / 270) * 86_400_000).toISOString().slice(0, 10);
      rows.push(transaction({ id: `powens:${history - n}`, bookingDate: day, label: `${labels[n % labels.length]} #${n}`, amount: n % 9 === 0 ? "2950.00" : `-${(n % 97) + 3}.${String(n % 100).padStart(2, "0")}` }));
    }
    page.__rowsServed += rows.length;
    return { transactions: rows, nextCursor: end < history ? String(end) : null, totals: input.includeTotals ? [{ currency: "EUR", count: history, sum: "-123456789.00" }] : null };
  };
}
const core = fakeCore("demo", overrides);
mockIPC((cmd, args) => core.handle(cmd, (args ?? {}) as Record<string, unknown>), { shouldMockEvents: true });
page.__calls = core.calls;
await import("../src/main");
