// The activity screen against the fake core: every run of the last refresh, and the local telemetry log.
import { describe, expect, it } from "vitest";
import { fireEvent, screen, waitFor } from "@testing-library/react";
import { fakeCore } from "../../test/fake-core";
import { renderWith } from "../../test/render";

describe("the activity screen", () => {
  it("shows the runs in Activity and the telemetry log, and remembers the screen", async () => {
    renderWith(fakeCore("demo"));
    await screen.findByText("Compte de dépôt");
    fireEvent.click(screen.getByRole("button", { name: "Activity" }));
    // Accounts, transactions, balances and investments.
    await waitFor(() => expect(document.querySelectorAll(".run-row")).toHaveLength(4));
    await waitFor(() => expect(document.querySelectorAll("#telemetry-log .telemetry-row")).toHaveLength(4));
    expect(document.querySelector("#telemetry-log")!.textContent).toContain("status: succeeded");
    expect(localStorage.getItem("pfo.lastScreen")).toBe("activity");
  });
});
