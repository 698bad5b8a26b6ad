// The fake core's alert settings refuse what the core refuses (pfo_core::alerts::AlertSettings::validated), in its
// code and words, and keep amounts as the core writes them back.
import { describe, expect, it } from "vitest";
import { DEFAULT_ALERT_SETTINGS } from "./fake-alerts";
import { fakeCore } from "./fake-core";

const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error("not refused");
};

describe("the fake core's alert settings", () => {
  it("start from the core's defaults", () => {
    expect(fakeCore("demo").call("get_alert_settings", {})).toEqual({
      notify: true, consentEndingDays: 30, connectionNeedsUser: true, staleAfterDays: 2, balanceMismatch: true, largeMovement: null, lowBalance: null,
    });
  });

  it("refuse a window out of 1 to 30 days, or a threshold at or below zero, naming the field, and keep what they had", () => {
    const core = fakeCore("demo");
    const set = (changes: object) => () => core.call("set_alert_settings", { input: { ...DEFAULT_ALERT_SETTINGS, ...changes } });
    expect(refusal(set({ staleAfterDays: 45 }))).toEqual({ code: "contract.invalid_input", message: "invalid value for `staleAfterDays`: is 45; choose 1 to 30 days, or switch the alert off" });
    expect(refusal(set({ consentEndingDays: 0 }))).toMatchObject({ message: expect.stringContaining("`consentEndingDays`: is 0;") });
    expect(refusal(set({ consentEndingDays: 31 }))).toMatchObject({ message: expect.stringContaining("`consentEndingDays`: is 31;") });
    expect(refusal(set({ largeMovement: "0" }))).toMatchObject({ message: "invalid value for `largeMovement`: is 0; a threshold is an amount above zero" });
    expect(refusal(set({ lowBalance: "lots" }))).toMatchObject({ code: "contract.invalid_input" });
    expect(core.call("get_alert_settings", {})).toEqual(DEFAULT_ALERT_SETTINGS);
  });

  it("keep amounts as exact text, written back without trailing zeros, and a negative low balance", () => {
    const core = fakeCore("demo");
    const kept = core.call("set_alert_settings", { input: { ...DEFAULT_ALERT_SETTINGS, largeMovement: "5000.50", lowBalance: "-200.00" } });
    expect(kept).toMatchObject({ largeMovement: "5000.5", lowBalance: "-200" });
    expect(core.call("get_alert_settings", {})).toEqual(kept);
  });

  it("gate the connections' alerts and raise the money's from the thresholds", () => {
    const core = fakeCore("demo");
    core.call("refresh", {});
    const kinds = () => (core.call("list_alerts", {}) as { alerts: { key: string }[] }).alerts.map((alert) => alert.key);
    expect(kinds()).toEqual(["connection.needs_user:101", "consent.ending:101", "connection.needs_user:102", "consent.ending:103", "data.stale:101"]);
    core.call("set_alert_settings", { input: { ...DEFAULT_ALERT_SETTINGS, consentEndingDays: 15, connectionNeedsUser: false, staleAfterDays: null, largeMovement: "3000", lowBalance: "2000" } });
    expect(kinds()).toEqual(["consent.ending:101", "money.low_balance:powens:1", "money.large_movement:powens:1000"]);
  });
});
