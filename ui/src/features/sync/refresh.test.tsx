// Refresh against the fake core: the first start of the demo household, a failed refresh, live progress from events.
import { describe, expect, it } from "vitest";
import { fireEvent, screen, waitFor } from "@testing-library/react";
import { emit } from "@tauri-apps/api/event";
import { fakeCore, type Command } from "../../test/fake-core";
import { renderWith } from "../../test/render";

describe("Refresh", () => {
  it("marks demo data and refreshes the demo household once on first start", async () => {
    const core = fakeCore("demo");
    renderWith(core);
    expect(await screen.findByText(/Demo household/)).toBeTruthy();
    expect(await screen.findByText("Compte de dépôt")).toBeTruthy();
    await waitFor(() => expect(core.calls.filter((c) => c === "refresh")).toHaveLength(1));
  });

  it("shows the core's error with its code when Refresh fails", async () => {
    const failing: Command<"refresh"> = () => {
      throw { code: "powens.unreachable", message: "could not reach the Powens API (connection failed)" };
    };
    renderWith(fakeCore("live", { refresh: failing }));
    fireEvent.click(await screen.findByRole("button", { name: "Refresh" }));
    const alert = await screen.findByRole("alert");
    expect(alert.dataset.code).toBe("powens.unreachable");
    expect(alert.textContent).toContain("could not reach the Powens API");
  });

  it("shows live progress from sync events while a refresh runs", async () => {
    let finish: () => void = () => {};
    const plain = fakeCore("live");
    const slow: Command<"refresh"> = (args) => new Promise((resolve) => (finish = () => resolve(plain.call("refresh", args))));
    renderWith(fakeCore("live", { refresh: slow }));
    fireEvent.click(await screen.findByRole("button", { name: "Refresh" }));
    await screen.findByRole("button", { name: "Refreshing…" });
    await emit("sync:progress", { kind: "started", workflow: "pfo.workflow.sync-openbanking-transactions", step: 2, steps: 3 });
    expect(await screen.findByRole("button", { name: "Transactions 2/3…" })).toBeTruthy();
    finish();
    expect(await screen.findByRole("button", { name: "Refresh" })).toBeTruthy();
  });
});
