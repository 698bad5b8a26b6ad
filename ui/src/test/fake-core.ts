// A fake of the desktop core for UI tests: the same commands, answering from in-memory data, so tests read like
// what a person sees. Used by Vitest (through mockIPC) and by the browser check (injected into the page). Every
// answer is typed by the generated bindings (core-contract.ts): a fixture that drifts from Rust fails `tsc`.
import type { BankAccountRecord } from "../bindings/BankAccountRecord";
import type { BankTransactionRecord } from "../bindings/BankTransactionRecord";
import type { Basis } from "../bindings/Basis";
import type { DocumentSummary } from "../bindings/DocumentSummary";
import type { OverviewDocument } from "../bindings/OverviewDocument";
import type { ExchangeRate } from "../bindings/ExchangeRate";
import type { RunRecord } from "../bindings/RunRecord";
import type { WebhookReceiverStatus } from "../bindings/WebhookReceiverStatus";
import type { CommandName, FakeCommands, Handler, Wire } from "./core-contract";
import { documentRate, overviewCharts, overviewDocument, summary } from "./fake-overview";
import { fakeAlerts } from "./fake-alerts";
import { fakeConnections } from "./fake-connections";
import { fakeInvestments } from "./fake-investments";
import { fakeLoans } from "./fake-loans";
import { APP_LOCKED_MESSAGE, fakeLock, type FakeLockOptions } from "./fake-lock";
import { decimal, fakeOwnership } from "./fake-ownership";

export function account(overrides: Partial<BankAccountRecord>): BankAccountRecord {
  return {
    id: "powens:1",
    provider: "powens",
    connectionId: "101",
    institution: "BNP Paribas",
    name: "Compte de dépôt",
    accountType: "checking",
    usage: "PRIV",
    iban: "FR76 •••• 0143",
    bic: "BNPAFRPPXXX",
    number: "•••• 6548",
    currency: "EUR",
    balance: "1452.56",
    comingBalance: null,
    status: "active",
    providerUpdatedAt: null,
    lastSyncedAt: "2026-11-25T08:00:00Z",
    ...overrides,
  };
}

export function transaction(overrides: Partial<BankTransactionRecord>): BankTransactionRecord {
  return {
    id: "powens:1",
    accountId: "powens:1",
    bookingDate: "2026-11-20",
    valueDate: "2026-11-20",
    realisationDate: "2026-11-19",
    amount: "-42.10",
    currency: "EUR",
    originalAmount: null,
    originalCurrency: null,
    label: "Carrefour Market",
    originalLabel: "CB CARREFOUR MARKET",
    kind: "card",
    category: "groceries",
    categoryParent: "food",
    counterparty: null,
    status: "booked",
    providerUpdatedAt: null,
    lastSyncedAt: "2026-11-25T08:00:00Z",
    ...overrides,
  };
}

/** One fake command, for tests that replace it (to delay it, fail it, or record what it was sent). */
export type Command<Name extends CommandName> = Handler<Name>;

/** Tauri's own event plugin, which `listen()` calls: not a command of the core. */
const eventPlugin: Record<string, (args: Record<string, unknown>) => unknown> = {
  "plugin:event|listen": () => 1,
  "plugin:event|unlisten": () => null,
};

/** The `input` object the core's operations take (every command but the shell's own: see `api/commands.ts`). */
function input(args: Record<string, unknown>): Record<string, unknown> {
  return (args.input ?? {}) as Record<string, unknown>;
}

/** The view an input asks for: an owner's id and the basis, or the household's (null, null). */
function viewOf(args: Record<string, unknown>): { view: string | null; basis: Basis | null } {
  const { view, basis } = input(args) as { view?: string | null; basis?: Basis | null };
  return { view: view ?? null, basis: basis ?? null };
}

/** The random id the fake core gives its open profile (one per mode, as the real core's demo and live profiles). */
export const fakeProfile = (mode: "demo" | "live") => `${mode}-7c1e5a90`;

/** How the fake's banks answer: `positions: false` is a bank data provider without its wealth product (no positions). */
export interface FakeOptions {
  positions?: boolean;
  /** The app lock the core starts with (none by default). */
  lock?: FakeLockOptions;
}

/** A core whose data appears on the first refresh. `overrides` replace single commands. */
export function fakeCore(mode: "demo" | "live", overrides: Partial<FakeCommands> = {}, options: FakeOptions = {}) {
  let accounts: BankAccountRecord[] = [];
  let transactions: BankTransactionRecord[] = [];
  const calls: string[] = [];
  const overviews: DocumentSummary[] = [];
  const documents = new Map<number, OverviewDocument>();
  let baseCurrency = "EUR";
  let rates: ExchangeRate[] = [];
  let webhookStatus: WebhookReceiverStatus = { listeningOn: null, eventUrls: [] };
  const runs = (status: RunRecord["status"] = "succeeded"): Wire<RunRecord>[] =>
    ["pfo.workflow.sync-openbanking-accounts", "pfo.workflow.sync-openbanking-transactions", "pfo.workflow.refresh-openbanking-balances", "pfo.workflow.sync-openbanking-investments"].map((workflow, index) => ({
      id: index + 1, refreshId: "r1", workflow, startedAt: "2026-11-25T08:00:00Z", finishedAt: "2026-11-25T08:00:01Z", status,
      received: 3, inserted: index === 1 ? 120 : 3, updated: 0, removed: 0, durationMs: 12, errorCode: null, errorMessage: null,
    }));
  const household = fakeOwnership(() => accounts, () => rates, () => baseCurrency);
  const lock = fakeLock(options.lock);
  const connections = fakeConnections(() => accounts.length > 0);
  const alerts = fakeAlerts({ connectionAlerts: connections.alerts, accounts: () => accounts, transactions: () => transactions, baseCurrency: () => baseCurrency });
  const investments = fakeInvestments(mode, () => accounts, household.part, () => rates, () => baseCurrency, options.positions ?? true);
  /** The accounts a view holds a part of (every one for the household). */
  const inView = (args: Record<string, unknown>) => {
    const { view, basis } = viewOf(args);
    return accounts.filter((a) => household.part(view, basis, a.id) > 0);
  };
  /** The overview document of the view an input asks for, with every owner's net worth. */
  const documentFor = (args: Record<string, unknown>) => {
    const { view, basis } = viewOf(args);
    return overviewDocument(household.documentView(view, basis), household.ownerWorths(documentRate));
  };
  const answers: FakeCommands = {
    ...household.commands,
    ...investments.commands,
    ...fakeLoans(mode, () => accounts),
    ...lock.commands,
    ...connections.commands,
    ...alerts.commands,
    app_status: () => ({ mode, version: "0.1.0", profile: fakeProfile(mode) }),
    list_accounts: (args) => ({
      mode,
      accounts: inView(args).filter((a) => input(args).includeInactive || a.status === "active"),
      ownership: household.accountShares(viewOf(args).view, viewOf(args).basis),
      connections: connections.list(),
    }),
    add_bank: (args) => {
      calls.push("add-bank", `add-bank-locale:${String(args.locale)}`);
      return { refreshId: "r3", runs: runs(), status: "succeeded", notices: [] };
    },
    reconnect_bank: (args) => {
      calls.push(`reconnect:${String(args.connectionId)}`, `reconnect-locale:${String(args.locale)}`);
      connections.reconnected(args.connectionId);
      return { refreshId: "r2", runs: runs(), status: "succeeded", notices: [] };
    },
    refresh: () => {
      accounts = [
        account({}),
        account({ id: "powens:2", name: "Prêt immobilier", accountType: "loan", balance: "-120000.50", iban: null, number: "•••• 2402" }),
        account({ id: "powens:4", name: "Livret A Léa", accountType: "livret_a", balance: "4180.35", iban: null, number: "•••• 7731" }),
        account({ id: "powens:3", institution: "Swissquote", connectionId: "103", name: "Compte privé CHF", currency: "CHF", balance: "28394.2" }),
        account({ id: "powens:5", institution: "Swissquote", connectionId: "103", name: "Compte-titres société", accountType: "market", balance: "48210.00", iban: null, number: "•••• 5520" }),
        // The investment accounts, with their positions (fake-investments.ts).
        account({ id: "powens:6", institution: "Boursorama", connectionId: "102", name: "PEA", accountType: "pea", balance: "41667.01", iban: null, bic: "BOUSFRPPXXX", number: "•••• 5669" }),
        account({ id: "powens:7", institution: "Boursorama", connectionId: "102", name: "Assurance vie Vitalia", accountType: "lifeinsurance", balance: "48608.34", iban: null, bic: "BOUSFRPPXXX", number: "•••• 1647" }),
        account({ id: "powens:8", institution: "Swissquote", connectionId: "103", name: "Compte titres USD", accountType: "market", currency: "USD", balance: "19344.09", iban: null, bic: "SWQBCHZZXXX", number: "•••• 5250" }),
      ];
      transactions = Array.from({ length: 120 }, (_, n) =>
        transaction({ id: `powens:${1000 + n}`, label: n % 3 === 0 ? "Netflix" : "Carrefour Market", amount: n % 10 === 0 ? "3800.00" : "-15.99" }),
      );
      return { refreshId: "r1", runs: runs(), status: "succeeded", notices: [] };
    },
    list_transactions: (args) => {
      const input = (args.input ?? {}) as { accountIds?: string[]; text?: string | null; limit?: number; cursor?: string | null; includeTotals?: boolean };
      const held = new Set(inView(args).filter((a) => !input.accountIds?.length || input.accountIds.includes(a.id)).map((a) => a.id));
      const matching = transactions.filter((t) => held.has(t.accountId) && (!input.text || t.label.toLowerCase().includes(input.text.toLowerCase())));
      const start = input.cursor ? Number(input.cursor) : 0;
      const limit = input.limit ?? 100;
      const page = matching.slice(start, start + limit);
      return {
        transactions: page,
        nextCursor: start + limit < matching.length ? String(start + limit) : null,
        totals: input.includeTotals ? [{ currency: "EUR", count: matching.length, sum: "-100.00" }] : null,
      };
    },
    get_balances: (args) => {
      const wanted = ((args.input ?? {}) as { accountIds?: string[] }).accountIds ?? [];
      const held = inView(args);
      const shown = wanted.length ? held.filter((a) => wanted.includes(a.id)) : held;
      const { view, basis } = viewOf(args);
      const currencies = [...new Set(held.map((a) => a.currency))].sort().reverse();
      return {
        latest: shown.map((a) => ({ accountId: a.id, balanceType: "current", amount: a.balance ?? "0", currency: a.currency, asOf: "2026-11-25T08:00:00Z" })),
        history: shown.flatMap((a) => [
          { accountId: a.id, balanceType: "current" as const, amount: String(Number(a.balance) * 0.9), currency: a.currency, asOf: "2026-10-25T08:00:00Z" },
          { accountId: a.id, balanceType: "current" as const, amount: a.balance ?? "0", currency: a.currency, asOf: "2026-11-25T08:00:00Z" },
        ]),
        // The view's part of each currency's balances.
        consolidated: currencies.map((currency) => ({
          asOf: "2026-11-25T08:00:00Z",
          currency,
          amount: decimal(held.filter((a) => a.currency === currency).reduce((sum, a) => sum + Number(a.balance ?? 0) * household.part(view, basis, a.id), 0)),
        })),
      };
    },
    list_runs: () => (accounts.length ? runs() : []),
    telemetry_tail: () =>
      accounts.length
        ? runs().map((run) => ({
            name: run.workflow.replace("pfo.workflow.sync-openbanking-", "openbanking.").replace("pfo.workflow.refresh-openbanking-balances", "openbanking.balances") + ".synced",
            at: run.finishedAt ?? run.startedAt,
            metadata: { tenant: "household" },
            properties: { workflow: run.workflow, status: run.status, durationMs: run.durationMs, errorDetail: null },
          }))
        : [],
    integration_settings: () => ({
      id: "openbanking.powens",
      category: "open-banking",
      ownership: ["BYOK"],
      capabilities: ["openbanking.accounts.read", "openbanking.transactions.read", "openbanking.balances.read", "openbanking.investments.read"],
      enabledCapabilities: ["openbanking.accounts.read", "openbanking.balances.read", "openbanking.investments.read"],
      mode,
      boundConnection: "conn-powens-primary",
      configFields: [
        { name: "environment", required: true, description: "Powens environment", value: mode === "live" ? "production" : null, stored: null },
        { name: "baseUrl", required: false, description: "API base URL", value: mode === "live" ? "https://acme.biapi.pro/2.0" : null, stored: null },
      ],
      secretFields: [
        { name: "clientId", required: true, description: "Powens OAuth client identifier", value: null, stored: mode === "live" },
        { name: "clientSecret", required: true, description: "Powens OAuth client secret", value: null, stored: mode === "live" },
        { name: "webhookSecret", required: false, description: "Optional webhook signing secret", value: null, stored: mode === "live" },
      ],
    }),
    webhook_receiver_status: () => webhookStatus,
    start_webhook_receiver: () => {
      if (mode !== "live") throw { code: "secrets.missing", message: "the secret `webhookSecret` is not in the OS keyring; store it with `pfo connect powens`" };
      webhookStatus = { listeningOn: "http://127.0.0.1:8741", eventUrls: ["http://127.0.0.1:8741/webhooks/powens/CONNECTION_SYNCED"] };
      return webhookStatus;
    },
    stop_webhook_receiver: () => (webhookStatus = { listeningOn: null, eventUrls: [] }),
    generate_overview: (args) => {
      const input = (args.input ?? {}) as { period?: string; locale?: string | null };
      calls.push(`generate:${input.period ?? ""}`);
      calls.push(`generate-locale:${input.locale ?? ""}`);
      overviews.unshift(summary(overviews.length + 1));
      documents.set(overviews[0].revision, documentFor(args));
      return { summary: overviews[0], document: documents.get(overviews[0].revision)! };
    },
    list_overviews: () => overviews,
    dashboard_overview: (args) => {
      calls.push(`dashboard:${String(input(args).locale)}:${String(input(args).theme)}`);
      if (accounts.length === 0) throw { code: "contract.invalid_input", message: "no data yet" };
      return { document: documentFor(args), charts: null };
    },
    get_overview: (args) => {
      const wanted = (input(args).revision as number | null) ?? overviews[0]?.revision;
      const found = overviews.find((o) => o.revision === wanted);
      return found ? { summary: found, document: documents.get(found.revision)! } : null;
    },
    overview_charts: (args) => {
      calls.push(`charts:${String(input(args).locale)}:${String(input(args).theme)}`);
      const wanted = (input(args).revision as number | null) ?? overviews[0]?.revision;
      return overviewCharts(documents.get(wanted)?.byOwner ?? []);
    },
    export_overview: (args) => {
      calls.push(`export:${String(input(args).format)}:${String(input(args).locale)}`);
      return { path: `/home/family/Downloads/financial-overview-2026-11-25.${String(input(args).format)}`, rows: 0, bytes: 48213 };
    },
    export_transactions_csv: () => ({ path: "/home/family/Downloads/transactions-2026-11-25.csv", rows: transactions.length, bytes: 9000 }),
    report_startup: () => undefined,
    configure_powens: (args) => {
      const setup = args.setup as { clientSecret: string; baseUrl: string; webhookSecret: string | null; region: string | null };
      calls.push(`configure:${setup.baseUrl}`);
      if (setup.webhookSecret) calls.push(`configure-webhook-secret:${setup.region ?? ""}`);
      if (setup.clientSecret !== "right-secret") throw { code: "powens.credentials_refused", message: "Powens refused the client id and secret: check them in your Powens console. Nothing was saved" };
      return { bankConnections: 2, restartNeeded: false };
    },
    get_base_currency: () => baseCurrency,
    set_base_currency: (args) => (baseCurrency = String(input(args).code).toUpperCase()),
    list_exchange_rates: () => rates,
    set_exchange_rate: (wrapped) => {
      const args = input(wrapped);
      if (!/^\d+(\.\d+)?$/.test(String(args.rate))) throw { code: "contract.invalid_input", message: `rate: \`${String(args.rate)}\` is not a positive decimal number such as 0.92` };
      const rate = { currency: String(args.currency).toUpperCase(), base: baseCurrency, rate: String(args.rate), asOf: String(args.asOf) };
      rates = [...rates.filter((r) => !(r.currency === rate.currency && r.asOf === rate.asOf)), rate];
      return rate;
    },
    delete_exchange_rate: (wrapped) => {
      const args = input(wrapped);
      const before = rates.length;
      rates = rates.filter((r) => !(r.currency === args.currency && r.asOf === args.asOf));
      return rates.length < before;
    },
    create_backup: (args) => {
      const passphrase = String(args.passphrase);
      if (passphrase.startsWith("password")) throw { code: "backup.passphrase_weak", message: "this passphrase is too weak for a backup: it is easy to guess (This is similar to a commonly used password)" };
      return {
        path: "/home/family/Downloads/pocket-family-office-demo-2026-11-25.pfobackup",
        bytes: 1_204_224,
        createdAt: "2026-11-25T10:00:00Z",
        mode,
        schemaVersion: 8,
        fingerprint: { accounts: 10, transactions: 5234, balances: 40, digest: "ab12" },
      };
    },
    restore_backup: (args) => {
      if (String(args.passphrase) !== "right passphrase here") {
        throw { code: "backup.passphrase_wrong", message: `${String(args.path)} does not open with this passphrase: check it (it is case sensitive) and try again. Nothing was changed` };
      }
      return {
        mode,
        profileDir: "/home/family/.local/share/com.pocketfamilyoffice.app/demo",
        previousStore: "/home/family/.local/share/com.pocketfamilyoffice.app/demo/pfo.db.before-restore-2026-11-25T100000Z",
        keyringEntry: "database-key/0123",
        backupCreatedAt: "2026-11-20T09:00:00Z",
        schemaVersion: 8,
        fingerprint: { accounts: 10, transactions: 5234, balances: 40, digest: "ab12" },
      };
    },
  };
  // Each override is typed by its command; the cast only drops Partial's "maybe undefined".
  const commands = { ...answers, ...overrides } as FakeCommands;
  return {
    calls,
    /** The commands this core answers (the contract's, all of them). */
    commands,
    /** The app lock, for tests that lock it as the screen or another process would. */
    lock,
    /** The bank connections, for tests that put one in another Powens state. */
    connections,
    /** The alert centre, for tests that check the settings saved. */
    alerts,
    handle(cmd: string, args: Record<string, unknown>) {
      calls.push(cmd);
      if (lock.refuses(cmd)) throw { code: "app.locked", message: APP_LOCKED_MESSAGE };
      const command = (commands as Record<string, ((args: Record<string, unknown>) => unknown) | undefined>)[cmd] ?? eventPlugin[cmd];
      if (!command) throw { code: "internal", message: `unexpected command ${cmd}` };
      return command(args);
    },
    /** Runs a command of this core directly (for wrappers that delay or fail one). */
    call<Name extends CommandName>(cmd: Name, args: Record<string, unknown>): ReturnType<Handler<Name>> {
      return (commands[cmd] as Handler<Name>)(args) as ReturnType<Handler<Name>>;
    },
  };
}

/** A fake core that also keeps the `input` each of `names` was sent, in order; the commands answer as usual. */
export function recordingCore(mode: "demo" | "live", names: CommandName[]) {
  const core = fakeCore(mode);
  const sent = Object.fromEntries(names.map((name) => [name, [] as Record<string, unknown>[]])) as Record<CommandName, Record<string, unknown>[]>;
  const commands = core.commands as unknown as Record<string, (args: Record<string, unknown>) => unknown>;
  for (const name of names) {
    const answer = commands[name];
    commands[name] = (args) => {
      sent[name].push(input(args));
      return answer(args);
    };
  }
  return { core, sent };
}
