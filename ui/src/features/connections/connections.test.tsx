// The Connections screen against the fake core: the alert centre (the core's alerts, those needing action first),
// each connection's state, freshness, consent end and the one button its action names, what each button asks the
// core for and what follows (the connect webview, Resume, a refresh), Sync all, progress and errors, in French too.
import { describe, expect, it } from "vitest";
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { fakeCore, recordingCore } from "../../test/fake-core";
import type { Output } from "../../test/core-contract";
import { renderWith } from "../../test/render";

const card = (id: string) => document.querySelector(`[data-connection-id="${id}"]`) as HTMLElement;
const actions = (id: string) => [...card(id).querySelectorAll("button[data-action]")].map((button) => button.getAttribute("data-action"));
const alertKinds = () => [...document.querySelectorAll("#alert-centre [data-alert-kind]")].map((item) => `${item.getAttribute("data-alert-connection")} ${item.getAttribute("data-alert-kind")}`);
/** How many times `name` was called from `from` on, in the core's call log. */
const countOf = (calls: string[], name: string, from = 0) => calls.slice(from).filter((call) => call === name).length;

/** Opens the app on the Connections screen, once the demo household's first refresh brought its banks in. */
async function openConnections(core: ReturnType<typeof fakeCore>) {
  localStorage.setItem("pfo.lastScreen", "connections");
  renderWith(core);
  await waitFor(() => expect(card("103")).toBeTruthy());
  await waitFor(() => expect(document.querySelector("#alert-centre")).toBeTruthy());
}

describe("the Connections screen", () => {
  it("is in the sidebar right after Accounts, and Ctrl+4 opens it", async () => {
    renderWith(fakeCore("demo"));
    await screen.findByText("Prêt immobilier");
    const names = [...document.querySelectorAll(".sidebar button")].map((button) => button.textContent);
    expect(names.slice(2, 5)).toEqual(["Accounts", "Connections", "Transactions"]);
    fireEvent.keyDown(window, { key: "4", ctrlKey: true });
    expect(await screen.findByRole("heading", { name: "Connections", level: 1 })).toBeTruthy();
    expect(document.querySelector("#connections-screen")).toBeTruthy();
    expect(screen.getByRole("button", { name: "Connections" }).title).toBe("Ctrl+4");
  });

  it("lists the core's alerts in its words, those needing action first", async () => {
    await openConnections(fakeCore("demo"));
    expect(alertKinds()).toEqual(["101 connection.needs_user", "101 consent.ending", "102 connection.needs_user", "103 consent.ending", "101 data.stale"]);
    const items = [...document.querySelectorAll<HTMLElement>("#alert-centre [data-alert-kind]")];
    expect(items.map((item) => item.getAttribute("data-needs-action"))).toEqual(["true", "true", "true", "true", "false"]);
    expect(items[3].textContent).toContain("Swissquote: the bank consent ends in 20 days (2026-12-15). Renew it to keep refreshing.");
    expect(within(items[3]).getByText("Action needed")).toBeTruthy();
    expect(within(items[4]).getByText("For information")).toBeTruthy();
  });

  it("puts the alerts that need action first whatever order they come in, and says when there is none", async () => {
    const plain = fakeCore("demo");
    plain.call("refresh", {});
    const inOrder = plain.call("list_alerts", {}) as Output<"list_alerts">;
    // The core's alerts reversed: the stale data's (for information) first.
    let alerts: Output<"list_alerts"> = { ...inOrder, alerts: [...inOrder.alerts].reverse() };
    const core = fakeCore("demo", { list_alerts: () => alerts });
    await openConnections(core);
    expect(alertKinds()).toEqual(["103 consent.ending", "102 connection.needs_user", "101 consent.ending", "101 connection.needs_user", "101 data.stale"]);
    expect(screen.queryByText("No alert: every connection is healthy and up to date.")).toBeNull();

    alerts = { alerts: [], needsAction: false };
    fireEvent.click(screen.getByRole("button", { name: "Refresh" }));
    expect(await screen.findByText("No alert: every connection is healthy and up to date.")).toBeTruthy();
    expect(document.querySelectorAll("#alert-centre [data-alert-kind]")).toHaveLength(0);
  });

  it("shows each connection's state, last bank sync, next try and consent end, and the one button its action names", async () => {
    await openConnections(fakeCore("demo"));
    expect(card("101").getAttribute("data-connection-state")).toBe("SCARequired");
    expect(card("102").getAttribute("data-connection-state")).toBe("decoupled");
    expect(card("103").getAttribute("data-connection-state")).toBe("ok");

    expect(within(card("101")).getByRole("heading", { name: "BNP Paribas" })).toBeTruthy();
    expect(card("101").querySelector(".connection-state")!.textContent).toBe("Renew your consent with the bank: press Reconnect.");
    expect(card("101").querySelector(".last-sync")!.textContent).toBe("Nov 20, 2026, 6:12 AM");
    expect(card("101").querySelector(".next-try"), "Powens does not retry a login waiting for the bank's authentication").toBeNull();
    expect(card("101").querySelector(".consent-end")!.textContent).toBe("Dec 7, 2026 · ends in 12 days");
    expect(card("101").querySelector(".consent-days")!.getAttribute("data-consent-days")).toBe("12");
    expect(actions("101")).toEqual(["reconnect", "sync"]);

    expect(card("102").querySelector(".connection-state")!.textContent).toBe("The bank waits for you to approve the access in its app.");
    expect(within(card("102")).getByText("Approve the access in your banking app, then press Resume.")).toBeTruthy();
    expect(card("102").querySelector(".consent-end")!.textContent, "no countdown beyond 30 days").toBe("Mar 2, 2027");
    expect(actions("102")).toEqual(["resume", "sync"]);

    expect(card("103").querySelector(".connection-state")!.textContent).toBe("OK");
    expect(card("103").querySelector(".last-sync")!.textContent).toBe("Nov 25, 2026, 7:58 AM");
    expect(card("103").querySelector(".next-try")!.textContent).toBe("Nov 25, 2026, 8:00 PM");
    expect(card("103").querySelector(".consent-end")!.textContent).toBe("Dec 15, 2026 · ends in 20 days");
    expect(actions("103")).toEqual(["renew", "sync"]);
    expect(within(card("103")).getByRole("button", { name: "Renew consent: Swissquote" })).toBeTruthy();
    expect(within(card("103")).getByRole("button", { name: "Sync now: Swissquote" })).toBeTruthy();

    // Bank logins, never account numbers.
    const text = document.querySelector("#connections-screen")!.textContent!;
    expect(text).not.toMatch(/FR76|••••/);
  });

  it("explains a connection only Powens or the bank can fix, with no button for it, and Sync all skips it", async () => {
    const { core, sent } = recordingCore("demo", ["sync_connection"]);
    core.connections.setState("102", "validating");
    core.connections.setState("101", "actionNeeded");
    await openConnections(core);
    expect(actions("102")).toEqual(["sync"]);
    expect(within(card("102")).getByText("Nothing to do now: Powens tries again by itself.")).toBeTruthy();
    expect(card("102").querySelector(".connection-state")!.textContent).toBe("Powens is checking the connection with the bank.");
    expect(actions("101")).toEqual(["sync"]);
    expect(within(card("101")).getByText("Only your bank can fix this: contact it, then press Sync now.")).toBeTruthy();

    const from = core.calls.length;
    fireEvent.click(screen.getByRole("button", { name: "Sync all" }));
    await waitFor(() => expect(countOf(core.calls, "refresh", from)).toBe(1));
    expect(sent.sync_connection).toEqual([{ connectionId: "103", request: "sync" }]);
  });

  it("renews a working connection's consent: the request, then the connect webview for the bank's authentication", async () => {
    const { core, sent } = recordingCore("demo", ["sync_connection"]);
    await openConnections(core);
    const from = core.calls.length;
    fireEvent.click(within(card("103")).getByRole("button", { name: "Renew consent: Swissquote" }));
    await waitFor(() => expect(core.calls).toContain("reconnect:103"));
    expect(sent.sync_connection).toEqual([{ connectionId: "103", request: "renew" }]);
    const after = core.calls.slice(from);
    expect(after.indexOf("sync_connection")).toBeLessThan(after.indexOf("reconnect_bank"));
    expect(core.calls, "the webview speaks the UI's language").toContain("reconnect-locale:en");
    // Reconnected under a new consent: nothing left to do but Sync now, and its alert is gone.
    await waitFor(() => expect(actions("103")).toEqual(["sync"]));
    expect(card("103").querySelector(".consent-days")).toBeNull();
    await waitFor(() => expect(alertKinds()).not.toContain("103 consent.ending"));
    expect(within(card("103")).getByRole("status").textContent).toBe("Synced: the bank's latest data is in.");
  });

  it("asks for the approval in the bank's app when a renewal is answered so, and Resume then syncs", async () => {
    const plain = fakeCore("demo");
    const sent: unknown[] = [];
    const core = fakeCore("demo", {
      sync_connection: (args) => {
        sent.push(args.input);
        const input = args.input as { connectionId: string; request: string };
        if (input.request === "renew") {
          const answer = plain.call("sync_connection", { input: { connectionId: input.connectionId, request: "sync" } }) as Output<"sync_connection">;
          return { request: "renew", connection: { ...answer.connection, state: "decoupled", action: "resume", health: { kind: "needsUser", action: "The bank waits for you to approve the access in its app.", fix: "resume" } } };
        }
        return plain.call("sync_connection", args);
      },
    });
    await openConnections(core);
    fireEvent.click(within(card("103")).getByRole("button", { name: "Renew consent: Swissquote" }));
    expect(await within(card("103")).findByText("Approve the access in your banking app, then press Resume.")).toBeTruthy();
    expect(actions("103")).toEqual(["resume", "sync"]);
    expect(core.calls.some((call) => call.startsWith("reconnect:")), "no webview: the approval happens in the bank's app").toBe(false);

    const from = core.calls.length;
    fireEvent.click(within(card("103")).getByRole("button", { name: "Resume: Swissquote" }));
    await waitFor(() => expect(countOf(core.calls, "refresh", from)).toBe(1));
    expect(sent.at(-1)).toEqual({ connectionId: "103", request: "resume" });
  });

  it("resumes a decoupled login: the request, then a refresh that brings its data in", async () => {
    const { core, sent } = recordingCore("demo", ["sync_connection"]);
    await openConnections(core);
    const from = core.calls.length;
    fireEvent.click(within(card("102")).getByRole("button", { name: "Resume: Boursorama" }));
    await waitFor(() => expect(countOf(core.calls, "refresh", from)).toBe(1));
    expect(sent.sync_connection).toEqual([{ connectionId: "102", request: "resume" }]);
    const after = core.calls.slice(from);
    expect(after.indexOf("sync_connection")).toBeLessThan(after.indexOf("refresh"));
    await waitFor(() => expect(card("102").getAttribute("data-connection-state")).toBe("ok"));
    expect(actions("102")).toEqual(["sync"]);
    await waitFor(() => expect(alertKinds()).not.toContain("102 connection.needs_user"));
  });

  it("syncs now, and opens the connect webview when the bank asks for its authentication", async () => {
    const { core, sent } = recordingCore("demo", ["sync_connection"]);
    await openConnections(core);
    fireEvent.click(within(card("101")).getByRole("button", { name: "Sync now: BNP Paribas" }));
    await waitFor(() => expect(core.calls).toContain("reconnect:101"));
    expect(sent.sync_connection).toEqual([{ connectionId: "101", request: "sync" }]);
    await waitFor(() => expect(card("101").getAttribute("data-connection-state")).toBe("ok"));
  });

  it("syncs every connection in turn with Sync all, then refreshes once", async () => {
    const { core, sent } = recordingCore("demo", ["sync_connection"]);
    await openConnections(core);
    const from = core.calls.length;
    fireEvent.click(screen.getByRole("button", { name: "Sync all" }));
    await waitFor(() => expect(countOf(core.calls, "refresh", from)).toBe(1));
    expect(sent.sync_connection).toEqual([
      { connectionId: "101", request: "sync" },
      { connectionId: "102", request: "sync" },
      { connectionId: "103", request: "sync" },
    ]);
    const after = core.calls.slice(from);
    expect(after.lastIndexOf("sync_connection")).toBeLessThan(after.indexOf("refresh"));
    expect(after.filter((call) => call.startsWith("reconnect:")), "Sync all opens no webview: the cards say what is left").toEqual([]);
    await waitFor(() => expect(screen.getByRole("button", { name: "Sync all" }).hasAttribute("disabled")).toBe(false));
    expect(actions("101")).toEqual(["reconnect", "sync"]);
  });

  it("shows progress while a request runs, then the core's error, with the button usable again", async () => {
    let fail!: (error: unknown) => void;
    const core = fakeCore("demo", {
      sync_connection: () => new Promise<never>((_, reject) => (fail = reject)),
    });
    await openConnections(core);
    fireEvent.click(within(card("103")).getByRole("button", { name: "Sync now: Swissquote" }));
    const pressed = await within(card("103")).findByRole("button", { name: "Syncing…: Swissquote" });
    expect(pressed.hasAttribute("disabled")).toBe(true);
    expect(within(card("103")).getByRole("button", { name: "Renew consent: Swissquote" }).hasAttribute("disabled")).toBe(true);

    fail({ code: "powens.unreachable", message: "could not reach the Powens API (connection failed)" });
    const error = await within(card("103")).findByRole("alert");
    expect(error.getAttribute("data-code")).toBe("powens.unreachable");
    expect(error.textContent).toContain("could not reach the Powens API (connection failed)");
    expect(error.textContent).toContain("Try again in a moment.");
    expect(within(card("103")).getByRole("button", { name: "Sync now: Swissquote" }).hasAttribute("disabled")).toBe(false);
    expect(card("101").querySelector('[role="alert"]'), "the other connections are untouched").toBeNull();
  });

  it("speaks French", async () => {
    localStorage.setItem("pfo.language", "fr");
    await openConnections(fakeCore("demo"));
    expect(screen.getByRole("heading", { name: "Connexions", level: 1 })).toBeTruthy();
    expect(screen.getByRole("button", { name: "Tout synchroniser" })).toBeTruthy();
    expect(within(card("103")).getByRole("button", { name: "Renouveler le consentement : Swissquote" })).toBeTruthy();
    expect(within(card("103")).getByRole("button", { name: "Synchroniser : Swissquote" })).toBeTruthy();
    expect(card("103").querySelector(".consent-days")!.textContent).toContain("dans 20 jours");
    expect(within(card("102")).getByText("Validez l'accès dans l'application de votre banque, puis appuyez sur Reprendre.")).toBeTruthy();
    expect(within(document.querySelector("#alert-centre") as HTMLElement).getAllByText("Action requise")).toHaveLength(4);
  });
});
