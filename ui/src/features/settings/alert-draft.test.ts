// The alert settings form's values and back: switches to nulls, the core's defaults when a window is turned on, and
// amounts kept as exact decimal text.
import { describe, expect, it } from "vitest";
import { DEFAULT_ALERT_SETTINGS } from "../../test/fake-alerts";
import { decimalText, draftOf, settingsOf, switched } from "./alert-draft";

describe("the alert settings draft", () => {
  it("gives back the settings it was made from", () => {
    const settings = { ...DEFAULT_ALERT_SETTINGS, staleAfterDays: null, largeMovement: "5000.50", lowBalance: "-200" };
    expect(settingsOf(draftOf(settings))).toEqual({ settings });
    expect(settingsOf(draftOf(DEFAULT_ALERT_SETTINGS))).toEqual({ settings: DEFAULT_ALERT_SETTINGS });
  });

  it("sends null for a switch turned off, whatever was typed before", () => {
    const draft = switched(switched(draftOf({ ...DEFAULT_ALERT_SETTINGS, largeMovement: "100" }), "largeMovement", false), "consentEnding", false);
    expect(settingsOf(draft)).toEqual({ settings: { ...DEFAULT_ALERT_SETTINGS, consentEndingDays: null, largeMovement: null } });
  });

  it("fills in the core's default window when one is turned on, and no threshold", () => {
    const off = draftOf({ ...DEFAULT_ALERT_SETTINGS, consentEndingDays: null, staleAfterDays: null });
    expect(switched(off, "consentEnding", true).consentDays).toBe("30");
    expect(switched(off, "stale", true).staleDays).toBe("2");
    expect(switched(off, "lowBalance", true).lowAmount).toBe("");
    expect(settingsOf(switched(off, "lowBalance", true))).toMatchObject({ problem: { field: "lowAmount" } });
  });

  it("leaves a day count's range to the core, and refuses one that is not a whole number", () => {
    const draft = draftOf(DEFAULT_ALERT_SETTINGS);
    expect(settingsOf({ ...draft, staleDays: "45" })).toEqual({ settings: { ...DEFAULT_ALERT_SETTINGS, staleAfterDays: 45 } });
    expect(settingsOf({ ...draft, staleDays: "1.5" })).toMatchObject({ problem: { field: "staleDays" } });
    expect(settingsOf({ ...draft, consentDays: "" })).toMatchObject({ problem: { field: "consentDays" } });
  });

  it("keeps amounts as the exact text typed, a comma read as the point and group spaces dropped", () => {
    expect(decimalText("5000.50")).toBe("5000.50");
    expect(decimalText("-200")).toBe("-200");
    expect(decimalText(" 12 000,05 ")).toBe("12000.05");
    expect(decimalText("0.123456789012345678901")).toBe("0.123456789012345678901");
    for (const refused of ["", "-", "5000.", ".5", "5e3", "1,000.50", "+5", "12abc"]) expect(decimalText(refused), refused).toBeNull();
  });
});
