// The UI's languages, English and French. Texts are written in English in the components and looked up here by
// that English text, so a missing translation shows English instead of a key. The language follows the system
// unless the person chose one (Settings, or the command palette). Money and dates follow the system's regional
// settings whatever the language, as desktop systems keep the two apart.

export type Language = "en" | "fr";
export type LanguageChoice = "system" | Language;

const LANGUAGE_KEY = "pfo.language";

const FRENCH: Record<string, string> = {
  // Frame and navigation
  Dashboard: "Tableau de bord",
  Accounts: "Comptes",
  Transactions: "Opérations",
  "Financial overview": "Synthèse financière",
  Activity: "Activité",
  Settings: "Réglages",
  Refresh: "Actualiser",
  "Refreshing…": "Actualisation…",
  "Hide amounts": "Masquer les montants",
  "Show amounts": "Afficher les montants",
  "⌘ Commands": "⌘ Commandes",
  "System theme": "Thème du système",
  Light: "Clair",
  Dark: "Sombre",
  "Demo household — sample data, not your banks": "Foyer de démonstration — données fictives, pas vos banques",
  "Fix the problem above, then restart the app.": "Corrigez le problème ci-dessus, puis relancez l'application.",
  "Up to date: {accounts} accounts, {changed} new or changed transactions.": "À jour : {accounts} comptes, {changed} opérations nouvelles ou modifiées.",
  // Command palette
  "Type a command or a screen…": "Tapez une commande ou un écran…",
  "No command matches": "Aucune commande ne correspond",
  "Go to {screen}": "Aller à {screen}",
  "Refresh everything": "Tout actualiser",
  "Hide amounts (privacy)": "Masquer les montants (confidentialité)",
  "Theme: follow the system": "Thème : suivre le système",
  "Theme: light": "Thème : clair",
  "Theme: dark": "Thème : sombre",
  "Language: English": "Langue : anglais",
  "Language: French": "Langue : français",
  "Generate the financial overview": "Générer la synthèse financière",
  "Export transactions as CSV": "Exporter les opérations en CSV",
  "Add a bank": "Ajouter une banque",
  // Dashboard
  "Balances as of {when}": "Soldes au {when}",
  "No balance snapshot yet": "Aucun relevé de solde pour l'instant",
  "Nothing to show yet": "Rien à afficher pour l'instant",
  "Press Refresh: balances are recorded on every refresh, and trends build up from them.":
    "Appuyez sur Actualiser : les soldes sont relevés à chaque actualisation et les tendances se construisent à partir d'eux.",
  "Net balance in {currency}": "Solde net en {currency}",
  "{count} accounts": "{count} comptes",
  "Last refresh": "Dernière actualisation",
  Assets: "Actifs",
  Liabilities: "Passifs",
  "Cashflow, last months": "Flux des derniers mois",
  "Net worth over the last 12 months": "Patrimoine net sur 12 mois",
  "Bank connections": "Connexions bancaires",
  "refreshed {when}": "actualisée le {when}",
  OK: "OK",
  "{inserted} new, {updated} updated": "{inserted} nouvelles, {updated} modifiées",
  // Accounts
  "Last refreshed {when}": "Actualisé le {when}",
  "Not refreshed yet": "Pas encore actualisé",
  "By bank": "Par banque",
  "By type": "Par type",
  "Group by": "Regrouper",
  "Show disabled and closed": "Afficher désactivés et clos",
  "Connecting…": "Connexion…",
  "Loading accounts…": "Chargement des comptes…",
  "No accounts yet": "Aucun compte pour l'instant",
  "Press Refresh to fetch your accounts from your banks.": "Appuyez sur Actualiser pour récupérer vos comptes auprès de vos banques.",
  Account: "Compte",
  Type: "Type",
  Number: "Numéro",
  Balance: "Solde",
  Coming: "À venir",
  Trend: "Tendance",
  "not enough history yet": "pas encore assez d'historique",
  Reconnect: "Reconnecter",
  "Bank consent ends in {days} days: reconnect before then to keep refreshing.":
    "Le consentement bancaire expire dans {days} jours : reconnectez-vous d'ici là pour continuer à actualiser.",
  "Bank consent has ended: reconnect to refresh this bank again.": "Le consentement bancaire a expiré : reconnectez-vous pour actualiser cette banque.",
  "← All accounts": "← Tous les comptes",
  "Coming (pending included)": "À venir (opérations en attente comprises)",
  // Transactions
  "Search labels…  ( / )": "Rechercher dans les libellés…  ( / )",
  "Search labels": "Rechercher dans les libellés",
  "Export CSV": "Exporter en CSV",
  "Exporting…": "Export…",
  "All accounts": "Tous les comptes",
  "Pending and booked": "En attente et comptabilisées",
  Pending: "En attente",
  Booked: "Comptabilisées",
  "Deleted at the bank": "Supprimées par la banque",
  From: "Du",
  To: "Au",
  Min: "Min",
  Max: "Max",
  Category: "Catégorie",
  "Newest first": "Plus récentes d'abord",
  "Oldest first": "Plus anciennes d'abord",
  "Largest spending first": "Plus grosses dépenses d'abord",
  "Largest income first": "Plus gros revenus d'abord",
  "Clear filters": "Effacer les filtres",
  "No transactions match": "Aucune opération ne correspond",
  "Clear the search or widen the filters.": "Effacez la recherche ou élargissez les filtres.",
  "Show more": "Afficher plus",
  "Loading…": "Chargement…",
  Date: "Date",
  Label: "Libellé",
  Amount: "Montant",
  "{count} transactions": "{count} opérations",
  "Saved {rows} rows to {path}": "{rows} lignes enregistrées dans {path}",
  // Overview
  "Generate now": "Générer",
  "Generating…": "Génération…",
  "Export report": "Exporter le rapport",
  "Last 12 months": "12 derniers mois",
  "Year to date": "Depuis le 1er janvier",
  "Whole history": "Tout l'historique",
  Period: "Période",
  "No overview yet": "Aucune synthèse pour l'instant",
  "Report saved to {path}": "Rapport enregistré dans {path}",
  "Net worth ({currency})": "Patrimoine net ({currency})",
  "Cashflow over the period": "Flux de trésorerie sur la période",
  "Spending by category": "Dépenses par catégorie",
  Notable: "Points d'attention",
  "Largest movements": "Mouvements les plus importants",
  "Recurring charges": "Prélèvements récurrents",
  "Earlier overviews": "Synthèses précédentes",
  // Activity and settings
  "No refresh yet": "Aucune actualisation pour l'instant",
  "Runs appear here as they happen.": "Les exécutions apparaissent ici au fil de l'eau.",
  "Telemetry (kept on this computer, redacted)": "Télémétrie (conservée sur cet ordinateur, expurgée)",
  When: "Quand",
  Event: "Événement",
  Details: "Détails",
  Consolidation: "Consolidation",
  "Connect your Powens domain": "Connecter votre domaine Powens",
  "The client id and secret come from your Powens console. They are checked with Powens, then kept in the OS keyring only.":
    "L'identifiant et le secret client viennent de votre console Powens. Ils sont vérifiés auprès de Powens, puis conservés uniquement dans le trousseau du système.",
  "Check the values in your Powens console, then try again.": "Vérifiez les valeurs dans votre console Powens, puis réessayez.",
  "Connected: {count} bank connections found.": "Connecté : {count} connexions bancaires trouvées.",
  "Restart the app to leave the demo household for your banks.": "Relancez l'application pour quitter le foyer de démonstration et voir vos banques.",
  Environment: "Environnement",
  "Region (optional)": "Région (facultatif)",
  "API key (optional)": "Clé d'API (facultatif)",
  "Webhook secret (optional)": "Secret des webhooks (facultatif)",
  "Powens webhooks": "Webhooks Powens",
  "Powens cannot reach this computer by itself: deliveries need a relay (an SSH reverse tunnel or a small forwarder) to 127.0.0.1. Each one is checked with the webhook secret before anything runs.":
    "Powens ne peut pas joindre cet ordinateur seul : les envois passent par un relais (tunnel SSH inverse ou petit redirecteur) vers 127.0.0.1. Chacun est vérifié avec le secret des webhooks avant toute action.",
  "Store the webhook secret with the connect form, then try again.": "Enregistrez le secret des webhooks avec le formulaire de connexion, puis réessayez.",
  "Receive webhooks on this computer": "Recevoir les webhooks sur cet ordinateur",
  "Listening on {address}": "À l'écoute sur {address}",
  "API base URL": "URL de l'API",
  "Client id": "Identifiant client",
  "Client secret": "Secret client",
  "Checking with Powens…": "Vérification auprès de Powens…",
  Connect: "Connecter",
  "Base currency": "Devise de référence",
  "Exchange rates": "Taux de change",
  "Add rate": "Ajouter le taux",
  Remove: "Retirer",
  Language: "Langue",
  "Follow the system": "Suivre le système",
  English: "Anglais",
  French: "Français",
  // Backup and restore
  "Backup and restore": "Sauvegarde et restauration",
  "The database key lives only in this computer's keyring. A backup keeps your history safe from a wiped keyring, a reinstall or a new computer: one file, encrypted with a passphrase you choose. It holds no bank credential.":
    "La clé de la base ne vit que dans le trousseau de cet ordinateur. Une sauvegarde protège votre historique d'un trousseau effacé, d'une réinstallation ou d'un nouvel ordinateur : un seul fichier, chiffré avec une phrase secrète de votre choix. Il ne contient aucun identifiant bancaire.",
  "Back up": "Sauvegarder",
  "Back up…": "Sauvegarder…",
  "Backing up…": "Sauvegarde…",
  "Backup passphrase": "Phrase secrète de la sauvegarde",
  "The same passphrase again": "La même phrase secrète, à nouveau",
  "The passphrase needs at least {count} characters.": "La phrase secrète doit compter au moins {count} caractères.",
  "The two passphrases differ.": "Les deux phrases secrètes diffèrent.",
  "Nothing was written. Choose another passphrase, then try again.": "Rien n'a été écrit. Choisissez une autre phrase secrète, puis réessayez.",
  "Backup written to {path}: {accounts} accounts, {transactions} transactions, {balances} balance snapshots.":
    "Sauvegarde écrite dans {path} : {accounts} comptes, {transactions} opérations, {balances} relevés de solde.",
  "Keep the passphrase safe and apart from the file: without it the backup cannot be opened.":
    "Gardez la phrase secrète en lieu sûr, à part du fichier : sans elle, la sauvegarde ne peut pas être ouverte.",
  Restore: "Restaurer",
  "Restore…": "Restaurer…",
  "Restoring…": "Restauration…",
  "Backup file": "Fichier de sauvegarde",
  "Passphrase of the backup": "Phrase secrète de la sauvegarde",
  "Your current data was not changed.": "Vos données actuelles n'ont pas été modifiées.",
  "The backup replaces the data shown now; that data is kept aside, not deleted.":
    "La sauvegarde remplace les données affichées ; celles-ci sont mises de côté, pas supprimées.",
  "Replace with the backup": "Remplacer par la sauvegarde",
  Cancel: "Annuler",
  "Restored: {accounts} accounts, {transactions} transactions, {balances} balance snapshots, under a new key in the keyring.":
    "Restauré : {accounts} comptes, {transactions} opérations, {balances} relevés de solde, sous une nouvelle clé du trousseau.",
  "The data it replaced is kept as {path}.": "Les données remplacées sont conservées dans {path}.",
  "Restore from a backup": "Restaurer une sauvegarde",
  "If the keyring lost the database key, a backup brings your history back under a new key.":
    "Si le trousseau a perdu la clé de la base, une sauvegarde rétablit votre historique sous une nouvelle clé.",
};

export function languageChoice(): LanguageChoice {
  const saved = typeof localStorage !== "undefined" ? localStorage.getItem(LANGUAGE_KEY) : null;
  return saved === "en" || saved === "fr" ? saved : "system";
}

function systemLanguage(): Language {
  const candidate = typeof navigator !== "undefined" ? navigator.language : "en";
  return (candidate ?? "en").toLowerCase().startsWith("fr") ? "fr" : "en";
}

let active: Language = languageChoice() === "system" ? systemLanguage() : (languageChoice() as Language);

/** The language in use. */
export function activeLanguage(): Language {
  return active;
}

/** Applies and remembers a choice; "system" follows the system's language. */
export function chooseLanguage(choice: LanguageChoice): void {
  if (choice === "system") localStorage.removeItem(LANGUAGE_KEY);
  else if (localStorage.getItem(LANGUAGE_KEY) !== choice) localStorage.setItem(LANGUAGE_KEY, choice);
  active = choice === "system" ? systemLanguage() : choice;
  document.documentElement.lang = active;
}

/** Translates an English UI text, filling `{name}` placeholders. */
export function t(english: string, values: Record<string, string | number | bigint> = {}): string {
  const text = active === "fr" ? (FRENCH[english] ?? english) : english;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}
