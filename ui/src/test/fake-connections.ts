// The fake core's bank connections, as Powens and the real core treat them (pfo_core's connection health, actions and
// alerts): three logins of the demo household, each in a state that calls for one action: BNP Paribas waits for the
// bank's strong authentication (reconnect), Boursorama for an approval in the bank's app (resume, a "decoupled"
// login), and Swissquote works but its consent ends within 30 days (renew). `sync_connection` moves them as Powens
// would (a renewal asks for the bank's authentication, a resume of an approved login syncs it), `reconnect_bank`
// (fake-core.ts) ends in a working connection with a new consent, and `alerts` derives the connections' alerts from
// the states under the household's alert settings (fake-alerts.ts answers `list_alerts` with them and the money's).
// Times are Powens' naive times, on the fake's day (2026-11-25 08:00).
import type { Alert } from "../bindings/Alert";
import type { AlertSettings } from "../bindings/AlertSettings";
import type { BankConnection } from "../bindings/BankConnection";
import type { ConnectionAction } from "../bindings/ConnectionAction";
import type { ConnectionHealth } from "../bindings/ConnectionHealth";
import type { FakeCommands, Wire } from "./core-contract";

type Connection = Wire<BankConnection>;
type ConnectionCommands = Pick<FakeCommands, "sync_connection">;

/** The fake's clock, as Powens writes times, and the last successful sync a fresh request leaves. */
const NOW = "2026-11-25 08:00:00";
/** When Powens syncs a working connection next by itself (every 12 hours or so). */
const NEXT_TRY = "2026-11-25 20:00:00";
/** A renewed consent lasts 180 days. */
const RENEWED_CONSENT = "2027-05-24 08:00:00";
/** Bank data older than this is stale (the core's rule). */
const STALE_AFTER_HOURS = 36;

/** What each Powens state means for the household, as the core words it. */
const STATES: Record<string, { health: ConnectionHealth & { kind: "needsUser" | "transient" }; action: ConnectionAction }> = {
  SCARequired: { health: { kind: "needsUser", action: "Renew your consent with the bank: press Reconnect.", fix: "reconnect" }, action: "reconnect" },
  webauthRequired: { health: { kind: "needsUser", action: "The bank asks you to sign in again: press Reconnect.", fix: "reconnect" }, action: "reconnect" },
  wrongpass: { health: { kind: "needsUser", action: "The bank refused the password: press Reconnect and enter it again.", fix: "reconnect" }, action: "reconnect" },
  decoupled: { health: { kind: "needsUser", action: "The bank waits for you to approve the access in its app.", fix: "resume" }, action: "resume" },
  actionNeeded: { health: { kind: "needsUser", action: "The bank wants you to accept its terms on its website; contact it if unsure.", fix: "contact_bank" }, action: "contact_bank" },
  validating: { health: { kind: "transient", reason: "Powens is checking the connection with the bank." }, action: "wait" },
  websiteUnavailable: { health: { kind: "transient", reason: "The bank's website is down; Powens tries again by itself." }, action: "wait" },
};

const hoursBetween = (earlier: string, later: string) => (Date.parse(`${later.replace(" ", "T")}Z`) - Date.parse(`${earlier.replace(" ", "T")}Z`)) / 3_600_000;

/** The one action a connection calls for: its state's fix, else a renewal of an ending consent, else a sync of stale data. */
function actionOf(connection: Omit<Connection, "action" | "health">): ConnectionAction | null {
  if (connection.state !== null) return STATES[connection.state]?.action ?? "contact_bank";
  if (connection.consentEndsInDays !== null) return "renew";
  if (connection.providerUpdatedAt === null || hoursBetween(connection.providerUpdatedAt, NOW) > STALE_AFTER_HOURS) return "sync_now";
  return null;
}

/** A connection in `state` (null: working), with the health and action the core derives from it. */
function connection(fields: Omit<Connection, "health" | "action" | "provider" | "lastSyncedAt">): Connection {
  const base = { provider: "powens", lastSyncedAt: "2026-11-25T08:00:00Z", ...fields };
  const health: Connection["health"] = base.state === null ? { kind: "ok" } : STATES[base.state]?.health ?? { kind: "unknown", state: base.state };
  return { ...base, health, action: actionOf(base) };
}

/** The demo household's connections before anyone acts. */
function initial(): Connection[] {
  return [
    connection({ id: "101", institution: "BNP Paribas", state: "SCARequired", providerUpdatedAt: "2026-11-20 06:12:00", nextTry: null, consentExpiresAt: "2026-12-07 00:00:00", consentEndsInDays: 12 }),
    connection({ id: "102", institution: "Boursorama", state: "decoupled", providerUpdatedAt: "2026-11-24 18:30:00", nextTry: null, consentExpiresAt: "2027-03-02 00:00:00", consentEndsInDays: null }),
    connection({ id: "103", institution: "Swissquote", state: null, providerUpdatedAt: "2026-11-25 07:58:00", nextTry: NEXT_TRY, consentExpiresAt: "2026-12-15 00:00:00", consentEndsInDays: 20 }),
  ];
}

/** The alerts of one connection, as the core raises them under `settings` (each switchable, with its window). */
function alertsOf(c: Connection, settings: AlertSettings): Alert[] {
  const about = (kind: Alert["kind"]) => ({ key: `${kind}:${c.id}`, kind, connectionId: c.id, accountId: null, institution: c.institution });
  const alerts: Alert[] = [];
  if (settings.connectionNeedsUser) {
    if (c.health.kind === "needsUser") alerts.push({ ...about("connection.needs_user"), needsAction: true, action: c.health.fix, message: `${c.institution}: ${c.health.action}` });
    if (c.health.kind === "transient") alerts.push({ ...about("connection.troubled"), needsAction: false, action: "wait", message: `${c.institution}: ${c.health.reason}` });
    if (c.health.kind === "unknown") alerts.push({ ...about("connection.troubled"), needsAction: false, action: "contact_bank", message: `${c.institution}: the bank reports an unexpected state (${c.health.state}).` });
  }
  if (c.consentEndsInDays !== null && settings.consentEndingDays !== null && c.consentEndsInDays <= settings.consentEndingDays) {
    const day = c.consentExpiresAt?.slice(0, 10) ?? "";
    alerts.push({
      ...about("consent.ending"),
      needsAction: true,
      action: "renew",
      message: c.consentEndsInDays >= 0
        ? `${c.institution}: the bank consent ends in ${c.consentEndsInDays} days (${day}). Renew it to keep refreshing.`
        : `${c.institution}: the bank consent ended on ${day}. Renew it to refresh this bank again.`,
    });
  }
  const staleDays = settings.staleAfterDays;
  if (staleDays !== null && (c.providerUpdatedAt === null || hoursBetween(c.providerUpdatedAt, NOW) > staleDays * 24)) {
    alerts.push({
      ...about("data.stale"),
      needsAction: false,
      action: "sync_now",
      message: `${c.institution}: the bank's data was last updated on ${c.providerUpdatedAt?.slice(0, 10) ?? "no day yet"}, more than ${staleDays} days ago.`,
    });
  }
  return alerts;
}

/** The connections of the fake core; `visible` says whether the household has any yet (after the first refresh). */
export function fakeConnections(visible: () => boolean) {
  let connections = initial();
  const find = (id: unknown) => {
    const found = connections.find((c) => c.id === id);
    if (!found) throw { code: "contract.invalid_input", message: `connectionId: \`${String(id)}\` is not a bank connection of this household` };
    return found;
  };
  const put = (next: Connection) => {
    connections = connections.map((c) => (c.id === next.id ? next : c));
    return next;
  };
  const working = (c: Connection, consent?: { consentExpiresAt: string; consentEndsInDays: null }) =>
    connection({ ...c, ...consent, state: null, providerUpdatedAt: NOW, nextTry: NEXT_TRY });
  const inState = (c: Connection, state: string) => connection({ ...c, state, nextTry: null });

  const commands: ConnectionCommands = {
    sync_connection: (args) => {
      const { connectionId, request } = (args.input ?? {}) as { connectionId?: string; request?: "sync" | "renew" | "resume" | null };
      const current = find(connectionId);
      const asked = request ?? (current.state === "decoupled" ? "resume" : current.consentEndsInDays !== null && current.state === null ? "renew" : "sync");
      let next = current;
      // Renewing asks the bank for its strong authentication, which happens in the connect webview.
      if (asked === "renew" && current.state === null) next = inState(current, "SCARequired");
      // An approved decoupled login syncs; a working one syncs on any request.
      if (asked === "resume" && current.state === "decoupled") next = working(current);
      if (asked === "sync" && current.state === null) next = working(current);
      return { request: asked, connection: put(next) };
    },
  };

  return {
    commands,
    /** The connections `list_accounts` carries (none before the first refresh). */
    list: (): Connection[] => (visible() ? connections : []),
    /** The connections' alerts under the household's settings, in the connections' order (none before the first refresh). */
    alerts: (settings: AlertSettings): Alert[] => (visible() ? connections.flatMap((c) => alertsOf(c, settings)) : []),
    /** The connect webview reconnected the login: it works again, under a new consent. */
    reconnected(id: unknown) {
      const current = connections.find((c) => c.id === id);
      if (current) put(working(current, { consentExpiresAt: RENEWED_CONSENT, consentEndsInDays: null }));
    },
    /** Puts a connection in a Powens state (null: working), as the bank or Powens would, for tests. */
    setState(id: string, state: string | null) {
      const current = find(id);
      put(state === null ? working(current) : inState(current, state));
    },
  };
}
