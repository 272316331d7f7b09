-- The degraded-mode rules regional IT installs (limits, refund options), as signed JSON documents.
-- Every version installed is kept; the highest is in force; an older one is refused.
CREATE TABLE store_policy (
    version      INTEGER NOT NULL PRIMARY KEY CHECK (version > 0),
    document     TEXT    NOT NULL CHECK (json_valid(document)),
    installed_at TEXT    NOT NULL,
    installed_by TEXT    NOT NULL
) STRICT;
