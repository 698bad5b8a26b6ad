// Every TanStack Query key in one place, so invalidation after a sync cannot miss one.
export const queryKeys = {
  status: ["app-status"] as const,
  accounts: (includeInactive: boolean) => ["accounts", { includeInactive }] as const,
  allAccounts: ["accounts"] as const,
};
