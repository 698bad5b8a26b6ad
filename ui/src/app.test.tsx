// The application frame against the fake core: the sidebar, start-up errors, and the restore a lost database key
// calls for.
import { describe, expect, it } from "vitest";
import { fireEvent, screen } from "@testing-library/react";
import { fakeCore } from "./test/fake-core";
import { renderWith } from "./test/render";

describe("the app", () => {
  it("marks the screen shown in the sidebar, for assistive technology too", async () => {
    renderWith(fakeCore("demo"));
    await screen.findByText("Compte de dépôt");
    const current = () => [...document.querySelectorAll('.sidebar [aria-current="page"]')].map((button) => button.textContent);
    expect(current()).toEqual(["Accounts"]);
    fireEvent.click(screen.getByRole("button", { name: "Transactions" }));
    expect(current()).toEqual(["Transactions"]);
    fireEvent.keyDown(window, { key: "1", ctrlKey: true });
    expect(current()).toEqual(["Dashboard"]);
    expect(screen.getByRole("navigation", { name: "Screens" })).toBeTruthy();
  });

  it("offers a restore on the start-up error when the keyring lost the database key, in French too", async () => {
    localStorage.setItem("pfo.language", "fr");
    const core = fakeCore("live", {
      app_status: () => {
        throw { code: "store.key_missing", message: "the encryption key of pfo.db is not in the OS keyring" };
      },
    });
    renderWith(core);
    expect(await screen.findByRole("heading", { name: "Restaurer une sauvegarde" })).toBeTruthy();
    fireEvent.change(screen.getByLabelText("Fichier de sauvegarde"), { target: { value: "/media/usb/household.pfobackup" } });
    fireEvent.change(screen.getByLabelText("Phrase secrète de la sauvegarde"), { target: { value: "right passphrase here" } });
    fireEvent.click(screen.getByRole("button", { name: "Restaurer…" }));
    fireEvent.click(screen.getByRole("button", { name: "Remplacer par la sauvegarde" }));
    expect(await screen.findByText(/Restauré : 10 comptes, 5234 opérations/)).toBeTruthy();
  });

  it("shows no restore form for start-up errors a backup does not fix", async () => {
    const core = fakeCore("live", {
      app_status: () => {
        throw { code: "keyring.locked", message: "the OS keyring is locked" };
      },
    });
    renderWith(core);
    expect(await screen.findByText("the OS keyring is locked")).toBeTruthy();
    expect(screen.queryByLabelText("Backup file")).toBeNull();
  });
});
