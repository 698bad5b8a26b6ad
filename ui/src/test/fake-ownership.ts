// The fake core's household: its owners (two spouses, a child, a holding, an SCI), who holds each account and
// entity, the banks' proposals, and every owner's view computed from them. Used by fake-core.ts; the account list
// and the exchange rates are the fake core's own, read when a view is asked for.
import type { BankAccountRecord } from "../bindings/BankAccountRecord";
import type { ExchangeRate } from "../bindings/ExchangeRate";
import type { Holding } from "../bindings/Holding";
import type { Owner } from "../bindings/Owner";
import type { OwnerRole } from "../bindings/OwnerRole";
import type { OwnershipProposal } from "../bindings/OwnershipProposal";
import type { Share } from "../bindings/Share";
import type { ShareSet } from "../bindings/ShareSet";
import type { FakeCommands } from "./core-contract";

type OwnershipCommands = Pick<
  FakeCommands,
  | "list_owners"
  | "add_owner"
  | "edit_owner"
  | "remove_owner"
  | "get_ownership"
  | "set_ownership"
  | "accept_ownership_proposal"
  | "dismiss_ownership_proposal"
  | "household_view"
>;

const ENTITY_ROLES: OwnerRole[] = ["holding", "sci", "trust", "foundation", "company", "indivision", "other_entity"];
const PALETTE = ["#4c6ef5", "#e8590c", "#2b8a3e", "#862e9c", "#c92a2a", "#1098ad"];
const refused = (message: string) => ({ code: "contract.invalid_input", message });

export function owner(id: string, name: string, role: OwnerRole, primary = false): Owner {
  const n = Number(id.slice(1));
  return { id, name, role, kind: ENTITY_ROLES.includes(role) ? "entity" : "person", baseCurrency: "EUR", colour: PALETTE[(n - 1) % PALETTE.length], primary, createdAt: "2026-11-01T09:00:00Z" };
}

const set = (holding: Holding, shares: [string, number][]): ShareSet => ({
  holding,
  effectiveFrom: null,
  recordedAt: "2026-11-01T09:00:00Z",
  shares: shares.map(([who, percent]) => ({ owner: who, right: "full", percent: String(percent) })),
});

function input(args: Record<string, unknown>): Record<string, unknown> {
  return (args.input ?? {}) as Record<string, unknown>;
}

export function fakeOwnership(accounts: () => BankAccountRecord[], rates: () => ExchangeRate[], baseCurrency: () => string): OwnershipCommands {
  let owners: Owner[] = [owner("o1", "Claire", "principal", true), owner("o2", "Marc", "spouse"), owner("o3", "Léa", "child"), owner("o4", "Martin Holding", "holding"), owner("o5", "SCI Les Tilleuls", "sci")];
  const sets: ShareSet[] = [
    set({ kind: "account", id: "powens:1" }, [["o1", 50], ["o2", 50]]),
    set({ kind: "account", id: "powens:2" }, [["o5", 100]]),
    set({ kind: "entity", id: "o5" }, [["o1", 50], ["o2", 50]]),
    set({ kind: "entity", id: "o4" }, [["o1", 100]]),
  ];
  const proposals: OwnershipProposal[] = [
    {
      accountId: "powens:3",
      usage: "PRIV",
      parties: [{ role: "holder", name: "M. Marc Martin", isUser: false }],
      shares: [{ owner: "o2", partyName: "M. Marc Martin", percent: "100" }],
      complete: true,
      status: "pending",
      receivedAt: "2026-11-25T08:00:00Z",
    },
  ];
  const current = (holding: Holding) => sets.filter((s) => s.holding.kind === holding.kind && s.holding.id === holding.id).at(-1);
  const sharesOf = (accountId: string): Share[] =>
    current({ kind: "account", id: accountId })?.shares ?? [{ owner: owners.find((o) => o.primary)!.id, right: "full", percent: "100" }];
  /** What `who` holds of an account, directly and through the entities they own (one level is all the fake needs). */
  const fraction = (who: string, accountId: string): number =>
    sharesOf(accountId).reduce((sum, share) => {
      if (share.owner === who) return sum + Number(share.percent) / 100;
      const entity = current({ kind: "entity", id: share.owner });
      const part = entity?.shares.filter((s) => s.owner === who).reduce((p, s) => p + Number(s.percent) / 100, 0) ?? 0;
      return sum + (Number(share.percent) / 100) * part;
    }, 0);
  const rateOf = (currency: string) => (currency === baseCurrency() ? 1 : Number(rates().find((r) => r.currency === currency && r.base === baseCurrency())?.rate ?? NaN));
  const worth = (part: (accountId: string) => number) => {
    let total = 0;
    let counted = false;
    const unconverted = new Set<string>();
    for (const account of accounts()) {
      const held = part(account.id);
      if (held === 0 || account.balance === null) continue;
      const rate = rateOf(account.currency);
      if (Number.isNaN(rate)) unconverted.add(account.currency);
      else {
        total += Number(account.balance) * held * rate;
        counted = true;
      }
    }
    return { netWorth: counted ? total.toFixed(4) : null, unconverted: [...unconverted] };
  };

  return {
    list_owners: () => owners,
    add_owner: (args) => {
      const { name, role, baseCurrency: currency, colour } = input(args) as { name?: string; role?: OwnerRole | null; baseCurrency?: string | null; colour?: string | null };
      if (!name?.trim()) throw refused("name: an owner needs a name");
      if (owners.some((o) => o.name === name.trim())) throw refused(`name: an owner is already called ${name.trim()}`);
      const added = { ...owner(`o${owners.length + 1}`, name.trim(), role ?? "other_person"), baseCurrency: currency ?? baseCurrency(), ...(colour ? { colour } : {}) };
      owners = [...owners, added];
      return added;
    },
    edit_owner: (args) => {
      const change = input(args) as { id?: string; name?: string | null; role?: OwnerRole | null; primary?: boolean };
      const found = owners.find((o) => o.id === change.id);
      if (!found) throw { code: "ownership.owner_unknown", message: `no owner ${String(change.id)}` };
      const edited = { ...found, name: change.name ?? found.name, role: change.role ?? found.role, primary: change.primary || found.primary };
      owners = owners.map((o) => (o.id === edited.id ? edited : edited.primary ? { ...o, primary: false } : o));
      return edited;
    },
    remove_owner: (args) => {
      const id = String(input(args).id);
      if (sets.some((s) => s.shares.some((share) => share.owner === id))) throw refused(`${id} holds shares: give them to someone else first`);
      const before = owners.length;
      owners = owners.filter((o) => o.id !== id || o.primary);
      return owners.length < before;
    },
    get_ownership: () => ({ owners, sets, proposals }),
    set_ownership: (args) => {
      const { holding, shares, from } = input(args) as { holding?: Holding | null; shares?: Share[]; from?: string | null };
      if (!holding) throw refused("holding: say which account or entity is owned");
      const total = (shares ?? []).filter((s) => s.right !== "bare_ownership").reduce((sum, s) => sum + Number(s.percent), 0);
      if (Math.abs(total - 100) > 1e-9) throw refused(`the shares of ${holding.id} add up to ${total} %, not 100 %`);
      const recorded: ShareSet = { holding, effectiveFrom: from ?? null, recordedAt: "2026-11-25T10:00:00Z", shares: shares ?? [] };
      sets.push(recorded);
      return recorded;
    },
    accept_ownership_proposal: (args) => {
      const proposal = proposals.find((p) => p.accountId === input(args).accountId && p.status === "pending");
      if (!proposal) throw refused(`no pending proposal for ${String(input(args).accountId)}`);
      if (!proposal.complete) throw refused("a party of this proposal is no owner yet: add them first");
      const recorded: ShareSet = {
        holding: { kind: "account", id: proposal.accountId },
        effectiveFrom: null,
        recordedAt: "2026-11-25T10:00:00Z",
        shares: proposal.shares.map((s) => ({ owner: s.owner!, right: "full", percent: s.percent })),
      };
      sets.push(recorded);
      proposal.status = "accepted";
      return recorded;
    },
    dismiss_ownership_proposal: (args) => {
      const proposal = proposals.find((p) => p.accountId === input(args).accountId && p.status === "pending");
      if (proposal) proposal.status = "dismissed";
      return Boolean(proposal);
    },
    household_view: (args) => {
      const view = (input(args).view as string | null | undefined) ?? null;
      const part = (accountId: string) => (view === null ? 1 : fraction(view, accountId));
      const shown = accounts().filter((a) => a.status === "active" && part(a.id) > 0);
      const household = worth(part);
      return {
        view,
        basis: "usufruct",
        asOf: "2026-11-25",
        baseCurrency: baseCurrency(),
        accounts: shown.map((a) => ({
          accountId: a.id,
          name: a.name,
          institution: a.institution,
          accountType: a.accountType,
          currency: a.currency,
          balance: a.balance,
          fraction: String(part(a.id)),
          shareBalance: a.balance === null ? null : String(Number(a.balance) * part(a.id)),
          shares: sharesOf(a.id),
          assigned: current({ kind: "account", id: a.id }) !== undefined,
        })),
        totals: [...new Set(shown.map((a) => a.currency))].map((currency) => ({
          currency,
          amount: String(shown.filter((a) => a.currency === currency).reduce((sum, a) => sum + Number(a.balance ?? 0) * part(a.id), 0)),
        })),
        netWorth: household.netWorth,
        unconverted: household.unconverted,
        byOwner: owners.map((o) => ({ owner: o.id, ...worth((accountId) => fraction(o.id, accountId)) })),
        toAssign: accounts().filter((a) => a.status === "active" && !current({ kind: "account", id: a.id })).length,
      };
    },
  };
}
