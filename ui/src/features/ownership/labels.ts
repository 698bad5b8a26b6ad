// Owners' roles, shares' rights and views' bases in words, and the way a share reads ("Camille 50%"), for every
// ownership component and the view selector.
import type { Basis } from "../../bindings/Basis";
import type { OwnerRole } from "../../bindings/OwnerRole";
import type { Right } from "../../bindings/Right";
import { msg, type MessageKey, type Translate } from "../../i18n/translate";

export const ROLES: Record<OwnerRole, MessageKey> = {
  principal: msg("Main person"),
  spouse: msg("Spouse"),
  partner: msg("Partner"),
  child: msg("Child"),
  parent: msg("Parent"),
  other_person: msg("Other person"),
  holding: msg("Holding company"),
  sci: msg("SCI (property company)"),
  trust: msg("Trust"),
  foundation: msg("Foundation"),
  company: msg("Company"),
  indivision: msg("Joint ownership (indivision)"),
  other_entity: msg("Other entity"),
};

export const RIGHTS: Record<Right, MessageKey> = {
  full: msg("Full ownership"),
  usufruct: msg("Usufruct"),
  bare_ownership: msg("Bare ownership"),
};

/** The bases a view can count besides full ownership, in the order the switch offers them. */
export const BASES: readonly Basis[] = ["usufruct", "bare_ownership"];

/** A view's basis as a document or a screen says it. */
export const BASIS_COUNTED: Record<Basis, MessageKey> = {
  usufruct: msg("usufruct counted"),
  bare_ownership: msg("bare ownership counted"),
};

/** A percentage exactly as the core sent it, in the language's typography ("50%", "50 %"). */
export function percentLabel(percent: string, t: Translate): string {
  return t("{percent}%", { percent });
}
