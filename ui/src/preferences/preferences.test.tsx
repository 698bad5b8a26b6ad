// The preferences in the app: the privacy switch, the theme (and the system's, live), the language.
import { describe, expect, it } from "vitest";
import { fireEvent, screen, waitFor } from "@testing-library/react";
import { fakeCore } from "../test/fake-core";
import { renderWith } from "../test/render";

describe("the preferences", () => {
  it("hides every amount with the privacy switch, remembers it, and hides the charts too", async () => {
    renderWith(fakeCore("demo"));
    const loanAmount = await waitFor(() => {
      const cell = document.querySelector('[data-account-id="powens:2"] .amount') as HTMLElement | null;
      expect(cell?.textContent).toMatch(/120.000[.,]50/);
      return cell!;
    });
    fireEvent.keyDown(window, { key: "H", ctrlKey: true, shiftKey: true });
    await waitFor(() => expect(document.querySelector('[data-account-id="powens:2"] .amount')!.textContent).toBe("••••• EUR"));
    expect(loanAmount.textContent).not.toMatch(/\d/);
    expect(localStorage.getItem("pfo.privacy")).toBe("on");
    expect(document.documentElement.getAttribute("data-privacy")).toBe("on");
    expect(screen.getByRole("button", { name: "Show amounts" }).getAttribute("aria-pressed")).toBe("true");

    fireEvent.click(screen.getByRole("button", { name: "Financial overview" }));
    fireEvent.click(await screen.findByRole("button", { name: "Generate now" }));
    expect(await screen.findByRole("img", { name: "Net worth and account balances (hidden)" })).toBeTruthy();
    expect(document.querySelector("#overview-net-worth")!.textContent).not.toMatch(/\d/);

    fireEvent.click(screen.getByRole("button", { name: "Show amounts" }));
    await waitFor(() => expect(document.querySelector("#overview-net-worth")!.textContent).toMatch(/88.734/));
    expect(localStorage.getItem("pfo.privacy")).toBe("off");
  });

  it("switches the theme and remembers it; 'system' follows the system again", async () => {
    renderWith(fakeCore("demo"));
    await screen.findByText("Compte de dépôt");
    fireEvent.change(screen.getByLabelText("Theme"), { target: { value: "dark" } });
    await waitFor(() => expect(document.documentElement.getAttribute("data-theme")).toBe("dark"));
    expect(localStorage.getItem("pfo.theme")).toBe("dark");
    fireEvent.change(screen.getByLabelText("Theme"), { target: { value: "system" } });
    // jsdom has no dark system preference: "system" resolves to light.
    await waitFor(() => expect(document.documentElement.getAttribute("data-theme")).toBe("light"));
    expect(localStorage.getItem("pfo.theme")).toBeNull();
  });

  it("speaks French when chosen, and switches back to English from Settings", async () => {
    localStorage.setItem("pfo.language", "fr");
    renderWith(fakeCore("demo"));
    expect(await screen.findByRole("heading", { name: "Comptes" })).toBeTruthy();
    expect(screen.getByRole("button", { name: "Opérations" })).toBeTruthy();
    expect(screen.getByText(/Foyer de démonstration/)).toBeTruthy();
    fireEvent.keyDown(window, { key: "k", ctrlKey: true });
    const box = await screen.findByPlaceholderText("Tapez une commande ou un écran…");
    fireEvent.change(box, { target: { value: "aller synth" } });
    fireEvent.keyDown(box, { key: "Enter" });
    expect(await screen.findByRole("heading", { name: "Synthèse financière" })).toBeTruthy();
    expect(screen.getByRole("button", { name: "Générer" })).toBeTruthy();

    fireEvent.click(screen.getByRole("button", { name: "Réglages" }));
    fireEvent.change(await screen.findByLabelText("Langue"), { target: { value: "en" } });
    expect(await screen.findByRole("heading", { name: "Settings" })).toBeTruthy();
    expect(screen.getByRole("button", { name: "Accounts" })).toBeTruthy();
    expect(localStorage.getItem("pfo.language")).toBe("en");
  });
});
