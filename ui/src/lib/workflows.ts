// Human names of the workflows the core runs.
const names: Record<string, string> = {
  "pfo.workflow.sync-openbanking-accounts": "Accounts",
  "pfo.workflow.sync-openbanking-transactions": "Transactions",
  "pfo.workflow.refresh-openbanking-balances": "Balances",
  "pfo.workflow.generate-openbanking-overview": "Financial overview",
};

export function workflowName(workflow: string): string {
  return names[workflow] ?? workflow;
}
