// The owners as screens look them up: by id (names and colours live in the window, never in documents), and the
// owner whose view the screens show (undefined for the household, or while the owners load).
import { useMemo } from "react";
import { useOwners } from "../../api/queries";
import type { Owner } from "../../bindings/Owner";
import { usePreferences } from "../../preferences/hooks";

export function useOwnerMap(): Map<string, Owner> {
  const owners = useOwners();
  return useMemo(() => new Map((owners.data ?? []).map((o) => [o.id, o])), [owners.data]);
}

export function useViewOwner(): Owner | undefined {
  const { view } = usePreferences();
  return useOwnerMap().get(view ?? "");
}
