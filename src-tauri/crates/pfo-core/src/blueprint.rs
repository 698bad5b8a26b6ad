//! `pocketFamilyOfficeBlueprint`: what the app is made of, as typed static data. Its slots say which integrations
//! a household must bind, its capabilities which reads are on, its workflows what "Refresh" runs, and its knowledge
//! spaces where derived documents may be kept. The integration spec `openbanking.powens` is defined here too.

use serde::Serialize;

/// How an integration's credentials are owned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum OwnershipMode {
    /// Bring your own key: the household's own Powens client credentials.
    Byok,
}

/// A configuration or secret field of an integration spec.
#[derive(Debug, Clone, Copy, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SpecField {
    /// Field name as in `config.toml` / the keyring.
    pub name: &'static str,
    /// Whether it must be present.
    pub required: bool,
    /// What it is for.
    pub description: &'static str,
}

/// An integration the blueprint can bind.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct IntegrationSpec {
    /// Spec id.
    pub id: &'static str,
    /// Category.
    pub category: &'static str,
    /// Supported ownership modes.
    pub ownership_modes: &'static [OwnershipMode],
    /// Capabilities it provides.
    pub capabilities: &'static [&'static str],
    /// Non-secret configuration.
    pub config_fields: &'static [SpecField],
    /// Secrets, kept in the OS keyring only.
    pub secret_fields: &'static [SpecField],
}

/// `openbanking.powens`.
pub const POWENS_SPEC: IntegrationSpec = IntegrationSpec {
    id: "openbanking.powens",
    category: "open-banking",
    ownership_modes: &[OwnershipMode::Byok],
    capabilities: &[CAPABILITY_ACCOUNTS, CAPABILITY_TRANSACTIONS, CAPABILITY_BALANCES, CAPABILITY_INVESTMENTS, CAPABILITY_LOANS],
    config_fields: &[
        SpecField { name: "environment", required: true, description: "Powens environment: sandbox or production" },
        SpecField { name: "baseUrl", required: false, description: "API base URL of the household's Powens domain" },
        SpecField { name: "region", required: false, description: "Powens region identifier" },
        SpecField { name: "pollingIntervalMs", required: false, description: "Automatic refresh cadence" },
    ],
    secret_fields: &[
        SpecField { name: "clientId", required: true, description: "Powens OAuth client identifier" },
        SpecField { name: "clientSecret", required: true, description: "Powens OAuth client secret" },
        SpecField { name: "apiKey", required: false, description: "Optional supplemental Powens API key" },
        SpecField { name: "webhookSecret", required: false, description: "Optional webhook signing secret" },
    ],
};

/// Read accounts.
pub const CAPABILITY_ACCOUNTS: &str = "openbanking.accounts.read";
/// Read transactions.
pub const CAPABILITY_TRANSACTIONS: &str = "openbanking.transactions.read";
/// Read balances.
pub const CAPABILITY_BALANCES: &str = "openbanking.balances.read";
/// Read the positions of investment accounts.
pub const CAPABILITY_INVESTMENTS: &str = "openbanking.investments.read";
/// Read loan schedules.
pub const CAPABILITY_LOANS: &str = "openbanking.loans.read";

/// The blueprint version that introduced each capability. A tenant file lists the capabilities it enables as of
/// the version it was written for; one added by a later version is on for it until the file says otherwise, so a
/// household that upgrades gets the new reads without editing its file, and one that switched a read off keeps
/// it off.
pub const CAPABILITIES_SINCE: &[(&str, u32)] = &[(CAPABILITY_ACCOUNTS, 1), (CAPABILITY_TRANSACTIONS, 1), (CAPABILITY_BALANCES, 1), (CAPABILITY_INVESTMENTS, 2), (CAPABILITY_LOANS, 2)];

/// The slot every open-banking workflow needs.
pub const PRIMARY_OPEN_BANKING: &str = "primaryOpenBanking";

/// A slot a tenant binds to one of its connections.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Slot {
    /// Slot key.
    pub key: &'static str,
    /// Whether a tenant must bind it.
    pub required: bool,
    /// Accepted ownership mode.
    pub ownership: OwnershipMode,
    /// The integration category it accepts.
    pub category: &'static str,
}

/// A workflow: a contract run by the runner after the guardrail, needing a slot.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WorkflowSpec {
    /// Workflow name.
    pub name: &'static str,
    /// The contract it runs.
    pub contract: &'static str,
    /// The slot it requires.
    pub requires_slot: &'static str,
    /// What it does.
    pub description: &'static str,
    /// Whether "Refresh" runs it (otherwise it runs on demand).
    pub in_refresh: bool,
    /// Whether it calls the provider (and so needs the guardrail's live connection); a workflow that only reads
    /// the store runs whatever the connection's state.
    pub calls_provider: bool,
    /// The capabilities it reads through; the guardrail blocks it when the tenant disables one.
    pub requires_capabilities: &'static [&'static str],
}

/// Syncs accounts.
pub const SYNC_ACCOUNTS: &str = "pfo.workflow.sync-openbanking-accounts";
/// Syncs transactions.
pub const SYNC_TRANSACTIONS: &str = "pfo.workflow.sync-openbanking-transactions";
/// Refreshes balances.
pub const REFRESH_BALANCES: &str = "pfo.workflow.refresh-openbanking-balances";
/// Syncs the positions of investment accounts.
pub const SYNC_INVESTMENTS: &str = "pfo.workflow.sync-openbanking-investments";
/// Syncs the loans' amortization schedules.
pub const SYNC_LOANS: &str = "pfo.workflow.sync-openbanking-loans";
/// Asks the provider to sync one bank connection now.
pub const SYNC_CONNECTION: &str = "pfo.workflow.sync-bank-connection";
/// Generates the financial overview into the knowledge space.
pub const GENERATE_OVERVIEW: &str = "pfo.workflow.generate-openbanking-overview";

/// Every workflow; "Refresh" runs those marked `in_refresh`, in this order.
pub const WORKFLOWS: &[WorkflowSpec] = &[
    WorkflowSpec {
        name: SYNC_ACCOUNTS,
        contract: crate::contracts::accounts::SYNC,
        requires_slot: PRIMARY_OPEN_BANKING,
        description: "Refresh bank connections and accounts",
        in_refresh: true,
        calls_provider: true,
        requires_capabilities: &[CAPABILITY_ACCOUNTS],
    },
    WorkflowSpec {
        name: SYNC_TRANSACTIONS,
        contract: crate::contracts::transactions::SYNC,
        requires_slot: PRIMARY_OPEN_BANKING,
        description: "Fetch new, booked, edited and deleted transactions",
        in_refresh: true,
        calls_provider: true,
        requires_capabilities: &[CAPABILITY_TRANSACTIONS],
    },
    WorkflowSpec {
        name: REFRESH_BALANCES,
        contract: crate::contracts::balances::REFRESH,
        requires_slot: PRIMARY_OPEN_BANKING,
        description: "Snapshot every account's balance",
        in_refresh: true,
        calls_provider: true,
        requires_capabilities: &[CAPABILITY_BALANCES],
    },
    WorkflowSpec {
        name: SYNC_INVESTMENTS,
        contract: crate::contracts::investments::SYNC,
        requires_slot: PRIMARY_OPEN_BANKING,
        description: "Snapshot every position of the investment accounts",
        in_refresh: true,
        calls_provider: true,
        requires_capabilities: &[CAPABILITY_INVESTMENTS],
    },
    WorkflowSpec {
        name: SYNC_LOANS,
        contract: crate::contracts::loans::SYNC,
        requires_slot: PRIMARY_OPEN_BANKING,
        description: "Read every loan's amortization schedule",
        in_refresh: true,
        calls_provider: true,
        requires_capabilities: &[CAPABILITY_LOANS],
    },
    WorkflowSpec {
        name: SYNC_CONNECTION,
        contract: crate::contracts::connections::SYNC,
        requires_slot: PRIMARY_OPEN_BANKING,
        description: "Ask the bank data provider to sync one bank connection now",
        in_refresh: false,
        calls_provider: true,
        requires_capabilities: &[CAPABILITY_ACCOUNTS],
    },
    WorkflowSpec {
        name: GENERATE_OVERVIEW,
        contract: crate::overview::GENERATE,
        requires_slot: PRIMARY_OPEN_BANKING,
        description: "Aggregate balances and transactions into the financial overview",
        in_refresh: false,
        calls_provider: false,
        // It aggregates what is already stored and reads nothing from the provider.
        requires_capabilities: &[],
    },
];

/// The workflows "Refresh" runs, in order.
pub fn refresh_workflows() -> impl Iterator<Item = &'static WorkflowSpec> {
    WORKFLOWS.iter().filter(|w| w.in_refresh)
}

/// A knowledge space the blueprint declares.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct KnowledgeSpaceSpec {
    /// Space id.
    pub id: &'static str,
    /// Category.
    pub category: &'static str,
    /// Days a document is kept.
    pub retention_days: u32,
    /// Who may write.
    pub write_access: &'static str,
}

/// The blueprint itself.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Blueprint {
    /// Blueprint id.
    pub id: &'static str,
    /// Version, part of telemetry metadata.
    pub version: u32,
    /// Slots.
    pub slots: &'static [Slot],
    /// Capabilities enabled by default.
    pub capabilities: &'static [&'static str],
    /// Workflow bindings.
    pub workflows: &'static [WorkflowSpec],
    /// Knowledge spaces.
    pub knowledge_spaces: &'static [KnowledgeSpaceSpec],
}

/// `pocketFamilyOfficeBlueprint`.
pub const POCKET_FAMILY_OFFICE_BLUEPRINT: Blueprint = Blueprint {
    id: "pocketFamilyOfficeBlueprint",
    version: 2,
    slots: &[Slot { key: PRIMARY_OPEN_BANKING, required: true, ownership: OwnershipMode::Byok, category: "open-banking" }],
    capabilities: &[CAPABILITY_ACCOUNTS, CAPABILITY_TRANSACTIONS, CAPABILITY_BALANCES, CAPABILITY_INVESTMENTS, CAPABILITY_LOANS],
    workflows: WORKFLOWS,
    knowledge_spaces: &[KnowledgeSpaceSpec {
        id: "knowledge.financial-overview",
        category: "operational",
        retention_days: 180,
        write_access: "automation",
    }],
};

/// The workflow spec called `name`.
pub fn workflow(name: &str) -> Option<&'static WorkflowSpec> {
    WORKFLOWS.iter().find(|w| w.name == name)
}
