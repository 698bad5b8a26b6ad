// The fake core and the UI's commands cannot drift apart: every function of api/commands.ts is in the contract, each
// contract name is the one its function invokes, and the fake answers every one (its answers' types are checked by
// tsc against the generated bindings, in fake-core.ts).
import { describe, expect, it } from "vitest";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import * as api from "../api/commands";
import { COMMANDS, type CommandName, type Handler } from "./core-contract";
import { fakeCore } from "./fake-core";

describe("the fake core's contract", () => {
  it("lists every command function of api/commands.ts", () => {
    const functions = Object.entries(api).filter(([name, value]) => typeof value === "function" && name !== "asIpcError").map(([, value]) => value);
    const listed = new Set<unknown>(Object.values(COMMANDS));
    expect(functions.filter((f) => !listed.has(f)).map((f) => (f as { name: string }).name)).toEqual([]);
  });

  it("names each command as its function invokes it", async () => {
    const invoked: string[] = [];
    mockIPC((cmd) => {
      invoked.push(cmd);
      return null;
    });
    try {
      for (const call of Object.values(COMMANDS)) await (call as (...args: unknown[]) => Promise<unknown>)();
    } finally {
      clearMocks();
    }
    expect(invoked).toEqual(Object.keys(COMMANDS));
  });

  it("refuses, when tsc checks it, an answer that drifts from the bindings", () => {
    // Each @ts-expect-error fails `tsc --noEmit` the day the drift it shows stops being an error.
    const wrongValue: Handler<"app_status"> = () => ({
      // @ts-expect-error -- Mode is "demo" | "live"
      mode: "sandbox",
      version: "0.1.0",
      profile: "demo-7c1e5a90",
    });
    // @ts-expect-error -- a BankConnection without provider, state, providerUpdatedAt and consentExpiresAt
    const missingFields: Handler<"list_accounts"> = () => ({ mode: "demo", accounts: [], connections: [{ id: "1", institution: "BNP", lastSyncedAt: "", health: { kind: "ok" } }] });
    // u64 counts arrive as JSON numbers, not bigints.
    const numbers: Handler<"export_transactions_csv"> = () => ({ path: "/tmp/t.csv", rows: 3, bytes: 10 });
    expect([wrongValue, missingFields, numbers].every((answer) => typeof answer === "function")).toBe(true);
  });

  it("is answered by the fake core, command by command", () => {
    const core = fakeCore("demo");
    expect(Object.keys(core.commands).sort()).toEqual((Object.keys(COMMANDS) as CommandName[]).sort());
    expect(Object.values(core.commands).every((answer) => typeof answer === "function")).toBe(true);
  });
});
