// The fake core's household, as the demo's: Camille (principal, primary) and Dominique (spouse), their child Léa, a
// holding the spouses own 60/40 and an SCI owned half by the holding and a quarter by each spouse. The joint account
// is the spouses' 50/50, the SCI holds the mortgage, the holding a securities account, Léa her Livret A, Camille the
// PEA, Dominique the life insurance, the spouses the US securities account 50/50, and the CHF account is still to
// assign (its bank proposes Dominique). Every view is computed from these with look-through
// shares. Used by fake-core.ts, which owns the account list and the exchange rates.
import type { AccountShare } from "../bindings/AccountShare";
import type { BankAccountRecord } from "../bindings/BankAccountRecord";
import type { Basis } from "../bindings/Basis";
import type { DocumentView } from "../bindings/DocumentView";
import type { ExchangeRate } from "../bindings/ExchangeRate";
import type { Holding } from "../bindings/Holding";
import type { Owner } from "../bindings/Owner";
import type { OwnerRole } from "../bindings/OwnerRole";
import type { OwnershipProposal } from "../bindings/OwnershipProposal";
import type { OwnerWorth } from "../bindings/OwnerWorth";
import type { Share } from "../bindings/Share";
import type { ShareSet } from "../bindings/ShareSet";
import type { FakeCommands } from "./core-contract";
import { structureChart } from "./fake-structure-chart";

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
  | "ownership_chart"
>;

const ENTITY_ROLES: OwnerRole[] = ["holding", "sci", "trust", "foundation", "company", "indivision", "other_entity"];
const PALETTE = ["#2f6fb0", "#c0603a", "#3f8f5a", "#8a5bb0", "#b08a2f", "#1098ad"];
/** How deep the look-through goes, as the core bounds it (a stored cycle cannot make it recurse for ever). */
const MAX_DEPTH = 32;
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

/** A float as an exact-looking decimal string, without the float's noise ("0.55", "-66000.275"). */
export const decimal = (value: number) => String(Number(value.toFixed(6)));
const cents = (value: number) => value.toFixed(2);

export function fakeOwnership(accounts: () => BankAccountRecord[], rates: () => ExchangeRate[], baseCurrency: () => string) {
  let owners: Owner[] = [
    owner("o1", "Camille", "principal", true),
    owner("o2", "Dominique", "spouse"),
    owner("o3", "Léa", "child"),
    owner("o4", "Exemple Participations SAS", "holding"),
    owner("o5", "SCI Exemple Patrimoine", "sci"),
  ];
  const sets: ShareSet[] = [
    set({ kind: "entity", id: "o4" }, [["o1", 60], ["o2", 40]]),
    set({ kind: "entity", id: "o5" }, [["o4", 50], ["o1", 25], ["o2", 25]]),
    set({ kind: "account", id: "powens:1" }, [["o1", 50], ["o2", 50]]),
    set({ kind: "account", id: "powens:2" }, [["o5", 100]]),
    set({ kind: "account", id: "powens:4" }, [["o3", 100]]),
    set({ kind: "account", id: "powens:5" }, [["o4", 100]]),
    set({ kind: "account", id: "powens:6" }, [["o1", 100]]),
    set({ kind: "account", id: "powens:7" }, [["o2", 100]]),
    set({ kind: "account", id: "powens:8" }, [["o1", 50], ["o2", 50]]),
  ];
  const proposals: OwnershipProposal[] = [
    {
      accountId: "powens:3",
      usage: "PRIV",
      parties: [{ role: "holder", name: "Dominique Exemple", isUser: false }],
      shares: [{ owner: "o2", partyName: "Dominique Exemple", percent: "100" }],
      complete: true,
      status: "pending",
      receivedAt: "2026-11-25T08:00:00Z",
    },
  ];
  const current = (holding: Holding) => sets.filter((s) => s.holding.kind === holding.kind && s.holding.id === holding.id).at(-1);
  const primary = () => owners.find((o) => o.primary)!.id;
  const sharesOf = (holding: Holding): Share[] =>
    current(holding)?.shares ?? (holding.kind === "account" ? [{ owner: primary(), right: "full", percent: "100" }] : []);
  const counts = (share: Share, basis: Basis) => share.right === "full" || share.right === basis;
  /** What `who` holds of a holding, directly and through the entities it owns, counting full ownership and `basis`. */
  const fraction = (who: string, holding: Holding, basis: Basis, depth = 0): number =>
    depth > MAX_DEPTH
      ? 0
      : sharesOf(holding)
          .filter((share) => counts(share, basis))
          .reduce((sum, share) => {
            const part = Number(share.percent) / 100;
            if (share.owner === who) return sum + part;
            const entity = owners.find((o) => o.id === share.owner && o.kind === "entity");
            return entity ? sum + part * fraction(who, { kind: "entity", id: entity.id }, basis, depth + 1) : sum;
          }, 0);
  /** The part of an account a view holds: the whole for the household. */
  const part = (view: string | null, basis: Basis | null, accountId: string) => (view === null ? 1 : fraction(view, { kind: "account", id: accountId }, basis ?? "usufruct"));
  const rateOf = (currency: string) => (currency === baseCurrency() ? 1 : Number(rates().find((r) => r.currency === currency && r.base === baseCurrency())?.rate ?? NaN));
  const worth = (held: (accountId: string) => number) => {
    let total = 0;
    let counted = false;
    const unconverted = new Set<string>();
    for (const account of accounts()) {
      const share = held(account.id);
      if (share === 0 || account.balance === null) continue;
      const rate = rateOf(account.currency);
      if (Number.isNaN(rate)) unconverted.add(account.currency);
      else {
        total += Number(account.balance) * share * rate;
        counted = true;
      }
    }
    return { netWorth: counted ? total.toFixed(4) : null, unconverted: [...unconverted] };
  };
  const accountShare = (account: BankAccountRecord, view: string | null, basis: Basis | null): AccountShare => {
    const held = part(view, basis, account.id);
    return {
      accountId: account.id,
      name: account.name,
      institution: account.institution,
      accountType: account.accountType,
      currency: account.currency,
      balance: account.balance,
      fraction: decimal(held),
      shareBalance: account.balance === null ? null : decimal(Number(account.balance) * held),
      shares: sharesOf({ kind: "account", id: account.id }),
      assigned: current({ kind: "account", id: account.id }) !== undefined,
    };
  };
  /** An owner's look-through net worth in a document, at `rate` per currency (the document's own rates). */
  const documentWorth = (who: string, rate: (currency: string) => number, depth = 0): number =>
    depth > MAX_DEPTH
      ? 0
      : accounts().reduce((sum, a) => sum + Number(a.balance ?? 0) * rate(a.currency) * directPart(who, { kind: "account", id: a.id }), 0) +
        owners
          .filter((o) => o.kind === "entity" && directPart(who, { kind: "entity", id: o.id }) > 0)
          .reduce((sum, e) => sum + directPart(who, { kind: "entity", id: e.id }) * documentWorth(e.id, rate, depth + 1), 0);
  const directPart = (who: string, holding: Holding) => sharesOf(holding).filter((s) => s.owner === who && s.right === "full").reduce((sum, s) => sum + Number(s.percent) / 100, 0);

  const commands: OwnershipCommands = {
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
      const change = input(args) as { id?: string; name?: string | null; role?: OwnerRole | null; baseCurrency?: string | null; colour?: string | null; primary?: boolean };
      const found = owners.find((o) => o.id === change.id);
      if (!found) throw { code: "ownership.owner_unknown", message: `no owner ${String(change.id)}` };
      if (change.baseCurrency && !/^[A-Z]{3}$/.test(change.baseCurrency)) throw refused(`baseCurrency: \`${change.baseCurrency}\` is not an ISO 4217 code such as EUR`);
      const role = change.role ?? found.role;
      const kind = ENTITY_ROLES.includes(role) ? "entity" : "person";
      if (kind !== found.kind && current({ kind: "entity", id: found.id })) {
        throw refused(`role: ${found.id} is an entity with owners recorded; remove its share sets before making it a person`);
      }
      const edited: Owner = {
        ...found,
        name: change.name ?? found.name,
        role,
        kind,
        baseCurrency: change.baseCurrency ?? found.baseCurrency,
        colour: change.colour ?? found.colour,
        primary: change.primary || found.primary,
      };
      owners = owners.map((o) => (o.id === edited.id ? edited : edited.primary ? { ...o, primary: false } : o));
      return edited;
    },
    remove_owner: (args) => {
      const id = String(input(args).id);
      if (sets.some((s) => s.shares.some((share) => share.owner === id) || (s.holding.kind === "entity" && s.holding.id === id))) {
        throw refused(`id: ${id} appears in the ownership history; it stays so that past views remain true (rename it instead)`);
      }
      if (owners.find((o) => o.id === id)?.primary && owners.length > 1) throw refused(`id: ${id} is the primary owner; make another owner primary first`);
      const before = owners.length;
      owners = owners.filter((o) => o.id !== id);
      return owners.length < before;
    },
    get_ownership: () => ({ owners, sets, proposals }),
    set_ownership: (args) => {
      const { holding, shares, from } = input(args) as { holding?: Holding | null; shares?: Share[]; from?: string | null };
      if (!holding) throw refused("holding: say what is owned: an account id or an entity's owner id");
      for (const view of ["usufruct", "bare_ownership"] as const) {
        const total = (shares ?? []).filter((s) => s.right !== (view === "usufruct" ? "bare_ownership" : "usufruct")).reduce((sum, s) => sum + Number(s.percent), 0);
        if (Math.abs(total - 100) > 1e-9) throw refused(`the shares of ${holding.id} add up to ${total} %, not 100 %`);
      }
      if (holding.kind === "entity" && (shares ?? []).some((s) => s.owner === holding.id)) throw refused(`${holding.id} cannot own itself`);
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
      const basis = (input(args).basis as Basis | null | undefined) ?? "usufruct";
      const held = (accountId: string) => part(view, basis, accountId);
      const shown = accounts().filter((a) => a.status === "active" && held(a.id) > 0);
      const household = worth(held);
      return {
        view,
        basis,
        asOf: "2026-11-25",
        baseCurrency: baseCurrency(),
        accounts: shown.map((a) => accountShare(a, view, basis)),
        totals: [...new Set(shown.map((a) => a.currency))].map((currency) => ({
          currency,
          amount: decimal(shown.filter((a) => a.currency === currency).reduce((sum, a) => sum + Number(a.balance ?? 0) * held(a.id), 0)),
        })),
        netWorth: household.netWorth,
        unconverted: household.unconverted,
        byOwner: owners.map((o) => ({ owner: o.id, ...worth((accountId) => fraction(o.id, { kind: "account", id: accountId }, basis)) })),
        toAssign: accounts().filter((a) => a.status === "active" && !current({ kind: "account", id: a.id })).length,
      };
    },
    ownership_chart: (args) => structureChart(owners, (entity) => sharesOf({ kind: "entity", id: entity }), input(args).theme === "dark" ? "dark" : "light"),
  };

  return {
    commands,
    /** The part of an account a view holds (the whole for the household). */
    part,
    /** Every active account as the view sees it, for list_accounts. */
    accountShares: (view: string | null, basis: Basis | null) => accounts().filter((a) => a.status === "active" && part(view, basis, a.id) > 0).map((a) => accountShare(a, view, basis)),
    /** Whose figures a document shows, with the view's part of each account. */
    documentView: (view: string | null, basis: Basis | null): DocumentView => ({
      owner: view,
      basis: basis ?? "usufruct",
      shares: view === null ? [] : accounts().filter((a) => part(view, basis, a.id) > 0).map((a) => ({ account: a.id, percent: decimal(part(view, basis, a.id) * 100) })),
      shareChanges: [],
    }),
    /** Every owner's net worth in a document: direct, through each entity, and the sum, at the document's rates. */
    ownerWorths: (rate: (currency: string) => number): OwnerWorth[] =>
      owners.map((o) => {
        const direct = accounts().reduce((sum, a) => sum + Number(a.balance ?? 0) * rate(a.currency) * directPart(o.id, { kind: "account", id: a.id }), 0);
        const through = owners
          .filter((e) => e.kind === "entity" && directPart(o.id, { kind: "entity", id: e.id }) > 0)
          .map((e) => ({ entity: e.id, percent: decimal(directPart(o.id, { kind: "entity", id: e.id }) * 100), amount: cents(directPart(o.id, { kind: "entity", id: e.id }) * documentWorth(e.id, rate)) }));
        return { owner: o.id, role: o.role, netWorth: cents(direct + through.reduce((sum, t) => sum + Number(t.amount), 0)), direct: cents(direct), through };
      }),
  };
}
