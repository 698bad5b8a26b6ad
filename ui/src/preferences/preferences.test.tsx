// The preferences in the app: the privacy switch, the theme (and the system's, live), the language.
import { afterEach, describe, expect, it, vi } from "vitest";
import { act, fireEvent, screen, waitFor } from "@testing-library/react";
import { fakeCore } from "../test/fake-core";
import { renderWith } from "../test/render";

/** A system colour scheme the test switches, standing in for jsdom's missing matchMedia. */
function systemColourScheme(dark: boolean) {
  const listeners = new Set<() => void>();
  const query = {
    matches: dark,
    media: "(prefers-color-scheme: dark)",
    addEventListener: (_: string, listener: () => void) => listeners.add(listener),
    removeEventListener: (_: string, listener: () => void) => listeners.delete(listener),
  };
  Object.defineProperty(window, "matchMedia", { configurable: true, writable: true, value: () => query });
  return {
    listeners,
    switchTo(next: boolean) {
      query.matches = next;
      act(() => listeners.forEach((listener) => listener()));
    },
  };
}

/** The system's language (and regional settings), as navigator.language reports it. */
function systemLanguage(tag: string) {
  vi.spyOn(navigator, "language", "get").mockReturnValue(tag);
}

afterEach(() => {
  delete (window as { matchMedia?: unknown }).matchMedia;
  vi.restoreAllMocks();
});

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

  it("follows the system's colour scheme live while the choice is 'system', and has the core draw charts in it", async () => {
    const scheme = systemColourScheme(false);
    const core = fakeCore("demo");
    renderWith(core);
    await screen.findByText("Compte de dépôt");
    expect(document.documentElement.getAttribute("data-theme")).toBe("light");
    fireEvent.click(screen.getByRole("button", { name: "Dashboard" }));
    await waitFor(() => expect(core.calls).toContain("dashboard:en:light"));

    scheme.switchTo(true);
    expect(document.documentElement.getAttribute("data-theme")).toBe("dark");
    await waitFor(() => expect(core.calls).toContain("dashboard:en:dark"));

    // A chosen theme no longer follows the system.
    fireEvent.change(screen.getByLabelText("Theme"), { target: { value: "light" } });
    scheme.switchTo(false);
    scheme.switchTo(true);
    expect(document.documentElement.getAttribute("data-theme")).toBe("light");
    fireEvent.change(screen.getByLabelText("Theme"), { target: { value: "system" } });
    expect(document.documentElement.getAttribute("data-theme")).toBe("dark");
  });

  it("stops listening to the system's colour scheme when the window goes", async () => {
    const scheme = systemColourScheme(false);
    const view = renderWith(fakeCore("demo"));
    await screen.findByText("Compte de dépôt");
    expect(scheme.listeners.size).toBe(1);
    view.unmount();
    expect(scheme.listeners.size).toBe(0);
  });

  it("has the core write charts and reports in the UI's language, not the regional settings' one", async () => {
    systemLanguage("en-US");
    localStorage.setItem("pfo.language", "fr");
    const core = fakeCore("demo");
    renderWith(core);
    await screen.findByText("Compte de dépôt");
    fireEvent.click(screen.getByRole("button", { name: "Tableau de bord" }));
    await waitFor(() => expect(core.calls).toContain("dashboard:fr:light"));
    expect(await screen.findByRole("img", { name: "Patrimoine net sur 12 mois" })).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Synthèse financière" }));
    fireEvent.click(await screen.findByRole("button", { name: "Générer" }));
    await waitFor(() => expect(core.calls).toContain("charts:fr:light"));
    expect(core.calls).toContain("generate-locale:fr");
    fireEvent.click(await screen.findByRole("button", { name: "Exporter le rapport" }));
    await waitFor(() => expect(core.calls).toContain("export:html:fr"));
    // Money still follows the regional settings (en-US here).
    expect(document.querySelector("#overview-net-worth")!.textContent).toContain("-€88,734.03");
  });

  it("writes English on a French system when English is chosen, with money and dates the French way", async () => {
    systemLanguage("fr-FR");
    localStorage.setItem("pfo.language", "en");
    const core = fakeCore("demo");
    renderWith(core);
    expect(await screen.findByRole("heading", { name: "Accounts" })).toBeTruthy();
    await waitFor(() => expect(document.querySelector('[data-account-id="powens:3"] .amount')!.textContent).toMatch(/28\s394,20\sCHF/));
    fireEvent.click(screen.getByRole("button", { name: "Dashboard" }));
    await waitFor(() => expect(core.calls).toContain("dashboard:en:light"));
    expect(document.documentElement.lang).toBe("en");
  });

  it("follows the system's language live when none is chosen", async () => {
    systemLanguage("en-GB");
    renderWith(fakeCore("demo"));
    expect(await screen.findByRole("heading", { name: "Accounts" })).toBeTruthy();
    systemLanguage("fr-FR");
    act(() => void window.dispatchEvent(new Event("languagechange")));
    expect(await screen.findByRole("heading", { name: "Comptes" })).toBeTruthy();
    expect(document.documentElement.lang).toBe("fr");
    expect(localStorage.getItem("pfo.language")).toBeNull();
  });
});
