// The ownership screen against the fake core: owners and their net worth, adding an owner, the banks' proposals,
// the core refusing shares that do not add up, and the screen in French.
import { describe, expect, it } from "vitest";
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { FRENCH } from "../../i18n/fr";
import { fakeCore } from "../../test/fake-core";
import { renderWith } from "../../test/render";
import { messageKeys, uiSources } from "../../test/source-scan";

async function openOwnership(core: ReturnType<typeof fakeCore>) {
  renderWith(core);
  await screen.findByText("Compte de dépôt");
  fireEvent.click(screen.getByRole("button", { name: "Ownership" }));
  expect(await screen.findByRole("heading", { name: "Ownership" })).toBeTruthy();
}

const ownerRow = (id: string) => document.querySelector(`[data-owner-id="${id}"]`) as HTMLElement;

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
    await waitFor(() => expect(ownerRow("o1").querySelector(".net-worth")!.textContent).toContain("-€59,273.97"));
    expect(ownerRow("o1").textContent).toContain("Claire");
    expect(ownerRow("o1").textContent).toContain("Main person");
    expect(within(ownerRow("o1")).getByText("primary")).toBeTruthy();
    expect(ownerRow("o1").textContent, "the CHF account has no rate").toContain("without CHF");
    expect(within(ownerRow("o2")).queryByText("primary")).toBeNull();
    expect(ownerRow("o5").textContent).toContain("SCI (property company)");
    expect(ownerRow("o5").querySelector(".net-worth")!.textContent).toBe("-€120,000.50");
    // The joint account, 50/50, and the account nobody assigned yet.
    const joint = document.querySelector('#account-owners [data-account-id="powens:1"]') as HTMLElement;
    expect(joint.textContent).toMatch(/Claire\s*50%.*Marc\s*50%/);
    const unassigned = document.querySelector('#account-owners [data-account-id="powens:3"]') as HTMLElement;
    expect(within(unassigned).getByText("to assign")).toBeTruthy();
    expect(screen.getByText("1 account to assign")).toBeTruthy();
  });

  it("adds an owner with the typed input and shows the refreshed list", async () => {
    const sent: unknown[] = [];
    const plain = fakeCore("demo");
    const core = fakeCore("demo", {
      add_owner: (args) => {
        sent.push(args.input);
        return plain.call("add_owner", args);
      },
      list_owners: (args) => plain.call("list_owners", args),
    });
    await openOwnership(core);
    await waitFor(() => expect(ownerRow("o3").textContent).toContain("Léa"));
    fireEvent.change(screen.getByLabelText("Owner name"), { target: { value: "Hugo" } });
    fireEvent.change(screen.getByLabelText("Role"), { target: { value: "child" } });
    fireEvent.click(screen.getByRole("button", { name: "Add owner" }));
    await waitFor(() => expect(ownerRow("o6")?.textContent).toContain("Hugo"));
    expect(sent).toEqual([{ name: "Hugo", role: "child", baseCurrency: null, colour: null }]);
    expect(ownerRow("o6").textContent).toContain("Child");
    expect(core.calls.filter((c) => c === "list_owners").length).toBeGreaterThanOrEqual(2);
  });

  it("accepts a bank's proposal, which assigns its account", async () => {
    const core = fakeCore("demo");
    await openOwnership(core);
    const proposal = await proposalOf("powens:3");
    expect(proposal.textContent).toContain("Compte privé CHF");
    fireEvent.click(within(proposal).getByRole("button", { name: "Accept" }));
    expect(await screen.findByText("No proposal from the banks is waiting.")).toBeTruthy();
    const unassigned = document.querySelector('#account-owners [data-account-id="powens:3"]') as HTMLElement;
    await waitFor(() => expect(within(unassigned).queryByText("to assign")).toBeNull());
    expect(unassigned.textContent).toMatch(/Marc\s*100%/);
    expect(core.calls).toContain("accept_ownership_proposal");

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
    expect(waiting.textContent).toContain("M. Marc Martin");
    expect(accepted).toEqual([]);
  });

  it("sends the accept with the account id", async () => {
    const sent: unknown[] = [];
    const plain = fakeCore("demo");
    const core = fakeCore("demo", {
      accept_ownership_proposal: (args) => {
        sent.push(args.input);
        return plain.call("accept_ownership_proposal", args);
      },
    });
    await openOwnership(core);
    const proposal = await proposalOf("powens:3");
    fireEvent.click(within(proposal).getByRole("button", { name: "Accept" }));
    await waitFor(() => expect(sent).toEqual([{ accountId: "powens:3" }]));
  });

  it("shows the core's words when it refuses shares that do not add up to 100", async () => {
    await openOwnership(fakeCore("demo"));
    const account = (await screen.findByLabelText("Account to assign")) as HTMLSelectElement;
    fireEvent.change(account, { target: { value: "powens:3" } });
    fireEvent.change(screen.getByLabelText("Percentage held by Claire"), { target: { value: "60" } });
    fireEvent.change(screen.getByLabelText("Percentage held by Marc"), { target: { value: "30" } });
    fireEvent.change(screen.getByLabelText("In force from"), { target: { value: "2026-01-01" } });
    fireEvent.click(screen.getByRole("button", { name: "Save owners" }));
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("the shares of powens:3 add up to 90 %, not 100 %");
    expect(alert.textContent).toContain("Correct the shares and save again.");

    fireEvent.change(screen.getByLabelText("Percentage held by Marc"), { target: { value: "40" } });
    fireEvent.click(screen.getByRole("button", { name: "Save owners" }));
    expect(await screen.findByText("Owners saved.")).toBeTruthy();
    expect(screen.queryByRole("alert")).toBeNull();
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
    expect(ownerRow("o1").textContent).toContain("Personne principale");
    expect(screen.getByRole("button", { name: "Ajouter un propriétaire" })).toBeTruthy();
  });
});
