// The balance sheet as `get_wealth` sends it. ts-rs exports the wealth's rolled-up `Holding` under the same name as
// the ownership's (`bindings/Holding.ts`, what a share set is of), so the generated `Wealth.ts` points its
// `holdings` at the wrong type. Until the core renames one of them, the rolled-up holding is typed here, field by
// field from `pfo_core::wealth::Holding`; everything else is the generated bindings.
import type { AssetClass } from "../bindings/AssetClass";
import type { ClassEvidence } from "../bindings/ClassEvidence";
import type { HoldingPart } from "../bindings/HoldingPart";
import type { Wealth } from "../bindings/Wealth";

/** A security held in one or several accounts, rolled up by ISIN (or one position without one). */
export type WealthHolding = {
  /** The ISIN or AMF code; none for a line without one (it then stands alone). */
  code: string | null;
  /** The name of its largest part. */
  label: string;
  class: AssetClass;
  /** What the class was decided from. */
  evidence: ClassEvidence;
  /** Its value in the base currency, exact; none when a part has no rate. */
  valueInBase: string | null;
  /** Its gain in the base currency, exact; none when a part's gain or rate is unknown. */
  gainInBase: string | null;
  /** Its parts, largest first. */
  parts: HoldingPart[];
};

/** `Wealth` with its holdings typed as the core sends them. */
export type BalanceSheet = Omit<Wealth, "holdings"> & { holdings: WealthHolding[] };
