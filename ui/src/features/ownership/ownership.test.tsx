// The ownership screen against the fake core's demo family: owners and their net worth, adding, editing and
// removing an owner (and the core's refusals), the structure chart's boxes, the banks' proposals, setting an
// account's or an entity's owners, the history of every share set, and the screen in French.
import { describe, expect, it } from "vitest";
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { FRENCH } from "../../i18n/fr";
import { fakeCore, recordingCore } from "../../test/fake-core";
import { renderWith } from "../../test/render";
import { messageKeys, uiSources } from "../../test/source-scan";

async function openOwnership(core: ReturnType<typeof fakeCore>) {
  renderWith(core);
  await screen.findByText("Compte de dépôt");
  fireEvent.click(screen.getByRole("button", { name: "Ownership" }));
  expect(await screen.findByRole("heading", { name: "Ownership" })).toBeTruthy();
  await waitFor(() => expect(ownerRow("o5")).toBeTruthy());
}

const ownerRow = (id: string) => document.querySelector(`#owners [data-owner-id="${id}"]`) as HTMLElement;
const historyOf = (id: string) => document.querySelector(`#ownership-history [data-history="${id}"]`) as HTMLElement;

/** The bank's proposal about an account, once shown. */
const proposalOf = (accountId: string) =>
  waitFor(() => {
    const found = document.querySelector(`[data-proposal="${accountId}"]`) as HTMLElement | null;
    if (!found) throw new Error(`no proposal about ${accountId} yet`);
    return found;
  });

describe("the ownership screen", () => {
  it("lists the owners with their role, the primary badge and each one's net worth", async () => {
    await openOwnership(fakeCore("demo"));
    await waitFor(() => expect(ownerRow("o1").querySelector(".net-worth")!.textContent).toContain("€5,319.02"));
    expect(ownerRow("o1").textContent).toContain("Camille");
    expect(ownerRow("o1").textContent).toContain("Main person");
    expect(within(ownerRow("o1")).getByText("primary")).toBeTruthy();
    expect(ownerRow("o1").textContent, "the CHF account, to assign, is the primary's meanwhile; neither it nor USD has a rate").toContain("without CHF, USD");
    expect(within(ownerRow("o2")).queryByText("primary")).toBeNull();
    expect(ownerRow("o3").querySelector(".net-worth")!.textContent).toBe("€4,180.35");
    // The holding: half the SCI's mortgage and its securities account; the SCI: the mortgage.
    expect(ownerRow("o4").querySelector(".net-worth")!.textContent).toBe("-€11,790.25");
    expect(ownerRow("o5").textContent).toContain("SCI (property company)");
    expect(ownerRow("o5").querySelector(".net-worth")!.textContent).toBe("-€120,000.50");
    // The joint account, 50/50, and the account nobody assigned yet.
    const joint = document.querySelector('#account-owners [data-account-id="powens:1"]') as HTMLElement;
    expect(joint.textContent).toMatch(/Camille\s*50%.*Dominique\s*50%/);
    const unassigned = document.querySelector('#account-owners [data-account-id="powens:3"]') as HTMLElement;
    expect(within(unassigned).getByText("To assign")).toBeTruthy();
    expect(screen.getByText("1 account to assign")).toBeTruthy();
  });

  it("adds an owner with the typed input and shows the refreshed list", async () => {
    const { core, sent } = recordingCore("demo", ["add_owner"]);
    await openOwnership(core);
    fireEvent.change(screen.getByLabelText("Owner name"), { target: { value: "Hugo" } });
    fireEvent.change(screen.getByLabelText("Role"), { target: { value: "child" } });
    fireEvent.click(screen.getByRole("button", { name: "Add owner" }));
    await waitFor(() => expect(ownerRow("o6")?.textContent).toContain("Hugo"));
    expect(sent.add_owner).toEqual([{ name: "Hugo", role: "child", baseCurrency: null, colour: null }]);
    expect(ownerRow("o6").textContent).toContain("Child");
    expect(core.calls.filter((c) => c === "list_owners").length).toBeGreaterThanOrEqual(2);
  });

  it("edits an owner, sending only what changed, and makes it the primary owner", async () => {
    const { core, sent } = recordingCore("demo", ["edit_owner"]);
    await openOwnership(core);
    fireEvent.click(within(ownerRow("o3")).getByRole("button", { name: "Edit Léa" }));
    const form = screen.getByRole("form", { name: "Edit Léa" });
    fireEvent.change(within(form).getByLabelText("Name"), { target: { value: "Léa Exemple" } });
    fireEvent.change(within(form).getByLabelText("Reporting currency"), { target: { value: "chf" } });
    fireEvent.change(within(form).getByLabelText("Colour"), { target: { value: "#123456" } });
    fireEvent.click(within(form).getByLabelText("Make primary owner"));
    fireEvent.click(within(form).getByRole("button", { name: "Save" }));
    await waitFor(() => expect(ownerRow("o3").textContent).toContain("Léa Exemple"));
    expect(sent.edit_owner).toEqual([{ id: "o3", name: "Léa Exemple", role: null, baseCurrency: "CHF", colour: "#123456", primary: true }]);
    expect(within(ownerRow("o3")).getByText("primary")).toBeTruthy();
    expect(within(ownerRow("o1")).queryByText("primary")).toBeNull();
    expect(screen.queryByRole("form", { name: /^Edit/ })).toBeNull();
    // The view selector reads the new name too.
    expect(within(screen.getByLabelText("View")).getByRole("option", { name: "Léa Exemple" })).toBeTruthy();
  });

  it("shows the core's refusal of an edit and keeps the form open", async () => {
    await openOwnership(fakeCore("demo"));
    fireEvent.click(within(ownerRow("o4")).getByRole("button", { name: "Edit Exemple Participations SAS" }));
    const form = screen.getByRole("form", { name: "Edit Exemple Participations SAS" });
    fireEvent.change(within(form).getByLabelText("Role"), { target: { value: "child" } });
    fireEvent.click(within(form).getByRole("button", { name: "Save" }));
    const alert = await within(form).findByRole("alert");
    expect(alert.textContent).toContain("o4 is an entity with owners recorded");
    expect(alert.textContent).toContain("Correct the owner and save again.");
    fireEvent.click(within(form).getByRole("button", { name: "Cancel" }));
    expect(screen.queryByRole("form", { name: /^Edit/ })).toBeNull();
  });

  it("refuses to remove an owner of the history in the core's words, and removes one that holds nothing", async () => {
    const { core, sent } = recordingCore("demo", ["remove_owner"]);
    await openOwnership(core);
    fireEvent.click(within(ownerRow("o2")).getByRole("button", { name: "Remove Dominique" }));
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("o2 appears in the ownership history");
    expect(alert.textContent).toContain("Nothing was removed.");
    expect(ownerRow("o2")).toBeTruthy();

    fireEvent.change(screen.getByLabelText("Owner name"), { target: { value: "Hugo" } });
    fireEvent.click(screen.getByRole("button", { name: "Add owner" }));
    await waitFor(() => expect(ownerRow("o6")).toBeTruthy());
    fireEvent.click(within(ownerRow("o6")).getByRole("button", { name: "Remove Hugo" }));
    await waitFor(() => expect(ownerRow("o6")).toBeNull());
    expect(sent.remove_owner).toEqual([{ id: "o2" }, { id: "o6" }]);
  });

  it("draws the structure, each owner's box pointable and focusable with its name, role, worth and owners", async () => {
    await openOwnership(fakeCore("demo"));
    const structure = document.querySelector("#ownership-structure") as HTMLElement;
    expect(await within(structure).findByRole("img", { name: "The household's structure: who owns each entity" })).toBeTruthy();
    const holding = within(structure).getByRole("button", { name: "Exemple Participations SAS, Holding company" });
    expect(within(structure).getAllByRole("button")).toHaveLength(5);
    // The boxes sit where the core drew them, in percentages of the SVG's own size.
    expect(holding.style.left).toMatch(/%$/);
    fireEvent.focus(holding);
    const tooltip = within(structure).getByRole("tooltip");
    expect(holding.getAttribute("aria-describedby")).toBe(tooltip.id);
    expect(tooltip.textContent).toContain("Exemple Participations SAS");
    expect(tooltip.textContent).toContain("Net worth: -€11,790.25");
    expect(tooltip.textContent).toContain("Owned by Camille 60%, Dominique 40%");
    fireEvent.blur(holding);
    expect(within(structure).queryByRole("tooltip")).toBeNull();
    fireEvent.pointerEnter(within(structure).getByRole("button", { name: "Léa, Child" }));
    expect(within(structure).getByRole("tooltip").textContent).toContain("Léa");
  });

  it("accepts a bank's proposal, which assigns its account", async () => {
    const { core, sent } = recordingCore("demo", ["accept_ownership_proposal"]);
    await openOwnership(core);
    const proposal = await proposalOf("powens:3");
    expect(proposal.textContent).toContain("Compte privé CHF");
    fireEvent.click(within(proposal).getByRole("button", { name: "Accept" }));
    expect(await screen.findByText("No proposal from the banks is waiting.")).toBeTruthy();
    const assigned = document.querySelector('#account-owners [data-account-id="powens:3"]') as HTMLElement;
    await waitFor(() => expect(within(assigned).queryByText("To assign")).toBeNull());
    expect(assigned.textContent).toMatch(/Dominique\s*100%/);
    expect(sent.accept_ownership_proposal).toEqual([{ accountId: "powens:3" }]);
  });

  it("disables Accept, with the reason, while a party the bank names is no owner yet", async () => {
    const accepted: unknown[] = [];
    const plain = fakeCore("demo");
    const core = fakeCore("demo", {
      get_ownership: (args) => {
        const overview = plain.call("get_ownership", args) as Awaited<ReturnType<typeof plain.commands.get_ownership>>;
        return { ...overview, proposals: overview.proposals.map((p) => ({ ...p, complete: false, shares: p.shares.map((s) => ({ ...s, owner: null })) })) };
      },
      accept_ownership_proposal: (args) => {
        accepted.push(args.input);
        throw { code: "contract.invalid_input", message: "unexpected" };
      },
    });
    await openOwnership(core);
    const waiting = await proposalOf("powens:3");
    const accept = within(waiting).getByRole("button", { name: "Accept" }) as HTMLButtonElement;
    expect(accept.disabled).toBe(true);
    expect(accept.title).toBe("Add every party named by the bank as an owner first.");
    expect(within(waiting).getByText("not an owner yet")).toBeTruthy();
    expect(waiting.textContent).toContain("Dominique Exemple");
    expect(accepted).toEqual([]);
  });

  it("shows the core's words when it refuses shares that do not add up to 100", async () => {
    await openOwnership(fakeCore("demo"));
    fireEvent.change(screen.getByLabelText("What is owned"), { target: { value: "account:powens:3" } });
    fireEvent.change(screen.getByLabelText("Percentage held by Camille"), { target: { value: "60" } });
    fireEvent.change(screen.getByLabelText("Percentage held by Dominique"), { target: { value: "30" } });
    fireEvent.change(screen.getByLabelText("In force from"), { target: { value: "2026-01-01" } });
    fireEvent.click(screen.getByRole("button", { name: "Save owners" }));
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("the shares of powens:3 add up to 90 %, not 100 %");
    expect(alert.textContent).toContain("Correct the shares and save again.");

    fireEvent.change(screen.getByLabelText("Percentage held by Dominique"), { target: { value: "40" } });
    fireEvent.click(screen.getByRole("button", { name: "Save owners" }));
    expect(await screen.findByText("Owners saved.")).toBeTruthy();
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("sets an entity's owners from a day, starting from its owners today, never offering it as its own owner", async () => {
    const { core, sent } = recordingCore("demo", ["set_ownership"]);
    await openOwnership(core);
    fireEvent.change(screen.getByLabelText("What is owned"), { target: { value: "entity:o4" } });
    expect((screen.getByLabelText("Percentage held by Camille") as HTMLInputElement).value).toBe("60");
    expect((screen.getByLabelText("Percentage held by Dominique") as HTMLInputElement).value).toBe("40");
    expect(screen.queryByLabelText("Percentage held by Exemple Participations SAS")).toBeNull();
    expect(screen.getByLabelText("Percentage held by SCI Exemple Patrimoine")).toBeTruthy();
    fireEvent.change(screen.getByLabelText("Percentage held by Camille"), { target: { value: "70" } });
    fireEvent.change(screen.getByLabelText("Percentage held by Dominique"), { target: { value: "30" } });
    fireEvent.change(screen.getByLabelText("In force from"), { target: { value: "2026-06-01" } });
    fireEvent.click(screen.getByRole("button", { name: "Save owners" }));
    expect(await screen.findByText("Owners saved.")).toBeTruthy();
    expect(sent.set_ownership).toEqual([
      {
        holding: { kind: "entity", id: "o4" },
        shares: [{ owner: "o1", right: "full", percent: "70" }, { owner: "o2", right: "full", percent: "30" }],
        from: "2026-06-01",
      },
    ]);
    // The history shows the new set first, the one from the start after it.
    await waitFor(() => expect(historyOf("o4").querySelectorAll(".history-set")).toHaveLength(2));
    const [newest, oldest] = [...historyOf("o4").querySelectorAll<HTMLElement>(".history-set")];
    expect(newest.textContent).toContain("From Jun 1, 2026");
    expect(newest.textContent).toMatch(/Camille\s*70%\s*Full ownership/);
    expect(oldest.textContent).toContain("From the start");
    expect(oldest.textContent).toMatch(/Camille\s*60%/);
  });

  it("lists every share set per account and entity, with its owners, rights and the set in force", async () => {
    await openOwnership(fakeCore("demo"));
    const sci = historyOf("o5");
    expect(within(sci).getByRole("heading").textContent).toContain("SCI Exemple Patrimoine");
    expect(sci.textContent).toMatch(/Exemple Participations SAS\s*50%\s*Full ownership.*Camille\s*25%.*Dominique\s*25%/);
    expect(within(sci).getByText("in force")).toBeTruthy();
    expect(within(historyOf("powens:4")).getByRole("heading").textContent).toContain("Livret A Léa");
    expect(historyOf("powens:3"), "an account nobody assigned has no history").toBeNull();
  });

  it("has every text in French, and reads in French", async () => {
    const sources = uiSources().filter((source) => source.path.startsWith("/src/features/ownership/"));
    const keys = messageKeys(sources).keys.map((key) => key.text);
    expect(keys.length).toBeGreaterThan(30);
    expect(keys.filter((key) => !(key in FRENCH))).toEqual([]);
    expect(FRENCH["Ownership"]).toBe("Propriété");

    localStorage.setItem("pfo.language", "fr");
    renderWith(fakeCore("demo"));
    await screen.findByText("Compte de dépôt");
    fireEvent.click(screen.getByRole("button", { name: "Propriété" }));
    expect(await screen.findByRole("heading", { name: "Propriété" })).toBeTruthy();
    expect(await screen.findByText("1 compte à attribuer")).toBeTruthy();
    await waitFor(() => expect(ownerRow("o1").textContent).toContain("Personne principale"));
    expect(screen.getByRole("button", { name: "Ajouter un propriétaire" })).toBeTruthy();
    expect(screen.getByRole("heading", { name: "Historique de la propriété" })).toBeTruthy();
  });
});
