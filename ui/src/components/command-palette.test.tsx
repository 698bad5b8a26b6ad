// The command palette (Ctrl+K) in the app: screens and actions by name, run with the keyboard, closed with Escape.
import { describe, expect, it } from "vitest";
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { fakeCore } from "../test/fake-core";
import { renderWith } from "../test/render";

describe("the command palette", () => {
  it("runs screens and actions from the command palette with the keyboard", async () => {
    const core = fakeCore("demo");
    renderWith(core);
    await screen.findByText("Compte de dépôt");
    fireEvent.keyDown(window, { key: "k", ctrlKey: true });
    const box = await screen.findByPlaceholderText("Type a command or a screen…");
    fireEvent.change(box, { target: { value: "go trans" } });
    expect(within(screen.getByRole("listbox", { name: "Commands" })).getAllByRole("option").map((o) => o.textContent)).toEqual(["Go to TransactionsCtrl+5"]);
    fireEvent.keyDown(box, { key: "Enter" });
    expect(await screen.findByRole("heading", { name: "Transactions" })).toBeTruthy();
    expect(screen.queryByRole("dialog")).toBeNull();

    fireEvent.keyDown(window, { key: "k", ctrlKey: true });
    const again = await screen.findByPlaceholderText("Type a command or a screen…");
    fireEvent.change(again, { target: { value: "theme" } });
    fireEvent.keyDown(again, { key: "ArrowDown" });
    fireEvent.keyDown(again, { key: "ArrowDown" });
    fireEvent.keyDown(again, { key: "Enter" });
    await waitFor(() => expect(document.documentElement.getAttribute("data-theme")).toBe("dark"));

    fireEvent.keyDown(window, { key: "k", ctrlKey: true });
    const third = await screen.findByPlaceholderText("Type a command or a screen…");
    fireEvent.change(third, { target: { value: "refr" } });
    fireEvent.keyDown(third, { key: "Enter" });
    await waitFor(() => expect(core.calls.filter((c) => c === "refresh").length).toBe(2));
    fireEvent.keyDown(window, { key: "k", ctrlKey: true });
    fireEvent.keyDown(await screen.findByPlaceholderText("Type a command or a screen…"), { key: "Escape" });
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
  });
});
