// What pressing a connection's button does, step by step, as the core's answers lead: the request to Powens, then
// the follow-up the connection calls for (the connect webview for the bank's strong authentication, an approval in
// the bank's app, or a refresh that brings the new data in). The core decides every step through the connection's
// `action`; this module only follows it. React-free, so the screen's buttons and Sync all share it.
import { reconnectBank, refresh, syncConnection } from "../../api/commands";
import type { ConnectionAction } from "../../bindings/ConnectionAction";
import type { ConnectionRequest } from "../../bindings/ConnectionRequest";
import type { ReportLocale } from "../../bindings/ReportLocale";

/** What a button asks for: the connect webview, or one request to Powens. */
export type Step = "reconnect" | ConnectionRequest;

/** How a step ended: the connection works and its data was read again (`synced`), the webview reconnected it (and
 * refreshed), the bank waits for an approval in its app (`approve`: press Resume then), or it still needs something
 * the connection's own state and action say (`unresolved`). */
export type Settled = "synced" | "reconnected" | "approve" | "unresolved";

/** The step a connection's action stands for; null for the actions no button fixes (waiting, contacting the bank). */
export function stepOf(action: ConnectionAction): Step | null {
  switch (action) {
    case "reconnect":
      return "reconnect";
    case "renew":
      return "renew";
    case "resume":
      return "resume";
    case "sync_now":
      return "sync";
    case "wait":
    case "contact_bank":
      return null;
  }
}

/** Runs a step, then its follow-up. With `refreshAfter` false (Sync all, which refreshes once at the end), a
 * connection left working is not refreshed here, and a request that calls for the webview does not open it. */
export async function carryOut(connectionId: string, step: Step, locale: ReportLocale, refreshAfter = true): Promise<Settled> {
  if (step === "reconnect") {
    await reconnectBank(connectionId, locale);
    return "reconnected";
  }
  const { connection } = await syncConnection(connectionId, step);
  // The bank's strong authentication happens in the connect webview, which refreshes once it is done.
  if (connection.action === "reconnect" && refreshAfter) {
    await reconnectBank(connectionId, locale);
    return "reconnected";
  }
  if (connection.action === "resume") return "approve";
  if (connection.state === null) {
    if (refreshAfter) await refresh();
    return "synced";
  }
  return "unresolved";
}
