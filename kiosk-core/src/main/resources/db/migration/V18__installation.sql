-- This store's installation: one random id made the first time the gateway asks, kept for good. Two
-- gateways that claim the same store on one broker tell each other apart by it (a restarted gateway
-- is the same installation; a second machine is not).
CREATE TABLE installation (
    id              INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
    installation_id TEXT    NOT NULL
) STRICT;
