-- 0010: the household's owners (people and entities), the dated share sets saying who owns each account and each
-- entity, and the ownership Powens reports, kept as proposals until someone confirms them.
-- Names are stored whole because the file is encrypted; they never leave it in logs, telemetry or errors.

CREATE TABLE owners (
    id             INTEGER PRIMARY KEY,     -- the owner id is `o<id>`
    name           TEXT NOT NULL CHECK (length(trim(name)) > 0),
    role           TEXT NOT NULL,
    base_currency  TEXT NOT NULL,
    colour         TEXT NOT NULL,
    is_primary     INTEGER NOT NULL DEFAULT 0 CHECK (is_primary IN (0, 1)),
    created_at     TEXT NOT NULL
);

-- At most one primary owner: the default owner of accounts nobody has assigned yet.
CREATE UNIQUE INDEX owners_one_primary ON owners (is_primary) WHERE is_primary = 1;

-- The whole ownership of one holding (an account, or an entity of the household) from a day on, until the next set
-- of the same holding. Sets are never rewritten: history is what a view "as of" an earlier day reads.
-- `effective_from` NULL: from the start.
CREATE TABLE share_sets (
    id              INTEGER PRIMARY KEY,
    holding_kind    TEXT NOT NULL CHECK (holding_kind IN ('account', 'entity')),
    holding_id      TEXT NOT NULL,         -- a canonical account id, or an owner id `o<n>`
    effective_from  TEXT,
    recorded_at     TEXT NOT NULL
);

CREATE UNIQUE INDEX share_sets_one_per_day ON share_sets (holding_kind, holding_id, coalesce(effective_from, ''));

CREATE TABLE shares (
    share_set_id  INTEGER NOT NULL REFERENCES share_sets (id) ON DELETE CASCADE,
    owner_id      INTEGER NOT NULL REFERENCES owners (id),
    ownership_right TEXT NOT NULL CHECK (ownership_right IN ('full', 'usufruct', 'bare_ownership')),
    percent       TEXT NOT NULL,           -- exact decimal, 0 < percent <= 100
    PRIMARY KEY (share_set_id, owner_id, ownership_right)
);

CREATE INDEX shares_by_owner ON shares (owner_id);

-- Who the bank says holds an account (Powens account ownerships), one row per account: a proposal the household
-- accepts or dismisses, never applied on its own. A dismissed proposal comes back only if the bank's parties change.
CREATE TABLE ownership_proposals (
    account_id     TEXT PRIMARY KEY,       -- canonical account id
    usage          TEXT,                   -- PRIV or ORGA, as the bank reports it
    parties_json   TEXT NOT NULL,          -- [{role, name, isUser}]
    status         TEXT NOT NULL CHECK (status IN ('pending', 'accepted', 'dismissed')),
    received_at    TEXT NOT NULL
);
