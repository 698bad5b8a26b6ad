// English beyond the English keys themselves: the forms of each plural text (a key with a `{count}`). Every other
// text reads as its key.
import type { Catalogue } from "./translate";

export const ENGLISH: Catalogue = {
  "{count} accounts": { one: "{count} account", other: "{count} accounts" },
  "{count} transactions": { one: "{count} transaction", other: "{count} transactions" },
  "{count} balance snapshots": { one: "{count} balance snapshot", other: "{count} balance snapshots" },
  "{count} new": { one: "{count} new", other: "{count} new" },
  "{count} updated": { one: "{count} updated", other: "{count} updated" },
  "{count} new or changed transactions": { one: "{count} new or changed transaction", other: "{count} new or changed transactions" },
  "Saved {count} rows to {path}": { one: "Saved {count} row to {path}", other: "Saved {count} rows to {path}" },
  "Bank consent ends in {count} days: reconnect before then to keep refreshing.": {
    one: "Bank consent ends in {count} day: reconnect before then to keep refreshing.",
    other: "Bank consent ends in {count} days: reconnect before then to keep refreshing.",
  },
  "{institution}: bank consent ends in {count} days ({date}). Reconnect before then.": {
    one: "{institution}: bank consent ends in {count} day ({date}). Reconnect before then.",
    other: "{institution}: bank consent ends in {count} days ({date}). Reconnect before then.",
  },
  "The passphrase needs at least {count} characters.": {
    one: "The passphrase needs at least {count} character.",
    other: "The passphrase needs at least {count} characters.",
  },
  "Connected: {count} bank connections found.": { one: "Connected: {count} bank connection found.", other: "Connected: {count} bank connections found." },
  "{count} accounts to assign": { one: "{count} account to assign", other: "{count} accounts to assign" },
  "in {count} accounts": { one: "in {count} account", other: "in {count} accounts" },
  "{count} positions": { one: "{count} position", other: "{count} positions" },
  "{count} positions held": { one: "{count} position held", other: "{count} positions held" },
  "{count} not valued yet, left out of the total": { one: "{count} not valued yet, left out of the total", other: "{count} not valued yet, left out of the total" },
  "{count} positions were last valued more than 7 days ago: they are marked stale.": {
    one: "{count} position was last valued more than 7 days ago: it is marked stale.",
    other: "{count} positions were last valued more than 7 days ago: they are marked stale.",
  },
  "{count} positions have no value from the bank yet: they count in their account's balance only.": {
    one: "{count} position has no value from the bank yet: it counts in its account's balance only.",
    other: "{count} positions have no value from the bank yet: they count in their account's balance only.",
  },
  "{count} value snapshots, from {first} to {last}": { one: "{count} value snapshot, from {first} to {last}", other: "{count} value snapshots, from {first} to {last}" },
  "Too many wrong passphrases: try again in {count} seconds.": {
    one: "Too many wrong passphrases: try again in {count} second.",
    other: "Too many wrong passphrases: try again in {count} seconds.",
  },
  "{count} minutes": { one: "{count} minute", other: "{count} minutes" },
  "ends in {count} days": { one: "ends in {count} day", other: "ends in {count} days" },
};
