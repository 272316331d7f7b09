-- The regional console's own database: operators and their sealed keys, every command it signed and
-- which stores obeyed it, approvals, restorations in waves, rollouts, the stores' transitions as the
-- heartbeats told them, and the console's hash-chained audit log.

CREATE TABLE write_probe (
    id     INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
    writes INTEGER NOT NULL
) STRICT;

CREATE TABLE audit_log (
    sequence      INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    at            TEXT    NOT NULL,
    actor         TEXT    NOT NULL,
    action        TEXT    NOT NULL,
    subject       TEXT    NOT NULL,
    detail        TEXT    NOT NULL CHECK (json_valid(detail)),
    previous_hash TEXT    NOT NULL,
    hash          TEXT    NOT NULL UNIQUE
) STRICT;

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;

-- An operator's Ed25519 private key is sealed with AES-GCM under a key derived from their passphrase
-- (PBKDF2-HMAC-SHA256); the passphrase itself is never stored.
CREATE TABLE operators (
    id          TEXT    NOT NULL PRIMARY KEY,
    role        TEXT    NOT NULL CHECK (role IN ('VIEWER', 'OPERATOR', 'APPROVER')),
    public_key  TEXT    NOT NULL,
    sealed_key  TEXT    NOT NULL,
    salt        TEXT    NOT NULL,
    iterations  INTEGER NOT NULL,
    created_at  TEXT    NOT NULL
) STRICT;

-- The last sequence each operator's key signed: the stores refuse anything not newer.
CREATE TABLE key_sequences (
    key_id        TEXT    NOT NULL PRIMARY KEY,
    last_sequence INTEGER NOT NULL
) STRICT;

-- Every command the console signed. envelope is what was (or will be) published.
-- action groups the commands of one operator action (a region's isolation is a command per store).
CREATE TABLE commands (
    id           TEXT    NOT NULL PRIMARY KEY,
    action       TEXT    NOT NULL,
    type         TEXT    NOT NULL,
    target       TEXT    NOT NULL,
    summary      TEXT    NOT NULL,
    requested_by TEXT    NOT NULL,
    approved_by  TEXT,
    signed_at    TEXT    NOT NULL,
    expires_at   TEXT    NOT NULL,
    envelope     TEXT    NOT NULL
) STRICT;
CREATE INDEX commands_by_action ON commands (action);

-- Which store a command went to, what obeying it looks like in a heartbeat, and when it was seen.
CREATE TABLE deliveries (
    command_id  TEXT    NOT NULL REFERENCES commands (id),
    store       TEXT    NOT NULL,
    capability  TEXT,
    expect      TEXT,
    sent_at     TEXT    NOT NULL,
    obeyed_at   TEXT,
    PRIMARY KEY (command_id, store)
) STRICT;
CREATE INDEX deliveries_waiting ON deliveries (store) WHERE obeyed_at IS NULL;

-- What needs a second person: a fleet-wide restoration (in waves) or a rollout, as requested.
CREATE TABLE approvals (
    id           TEXT    NOT NULL PRIMARY KEY,
    kind         TEXT    NOT NULL CHECK (kind IN ('WAVES', 'ROLLOUT')),
    subject      TEXT    NOT NULL,
    requested_by TEXT    NOT NULL,
    requested_at TEXT    NOT NULL,
    state        TEXT    NOT NULL CHECK (state IN ('PENDING', 'APPROVED', 'REFUSED')),
    decided_by   TEXT,
    decided_at   TEXT
) STRICT;

-- A restoration in waves; its per-store RESTOREs are in plan_commands.
CREATE TABLE wave_plans (
    id             TEXT    NOT NULL PRIMARY KEY,
    capability     TEXT    NOT NULL,
    stores_per_wave INTEGER NOT NULL,
    admitted_rate  INTEGER NOT NULL,
    state          TEXT    NOT NULL CHECK (state IN ('AWAITING_APPROVAL', 'RUNNING', 'PAUSED', 'STOPPED', 'DONE')),
    wave           INTEGER NOT NULL DEFAULT 0,
    detail         TEXT    NOT NULL DEFAULT '',
    created_at     TEXT    NOT NULL
) STRICT;

CREATE TABLE rollouts (
    id              TEXT    NOT NULL PRIMARY KEY,
    bundle          TEXT    NOT NULL,
    release_number  INTEGER NOT NULL,
    sha256          TEXT    NOT NULL,
    version         TEXT    NOT NULL,
    group_count     INTEGER NOT NULL,
    success_percent INTEGER NOT NULL,
    max_failures    INTEGER NOT NULL,
    max_failure_percent INTEGER NOT NULL,
    minimum_tried   INTEGER NOT NULL,
    state           TEXT    NOT NULL CHECK (state IN ('AWAITING_APPROVAL', 'RUNNING', 'PAUSED', 'HALTED', 'CANCELLED', 'DONE')),
    current_group   INTEGER NOT NULL DEFAULT -1,
    detail          TEXT    NOT NULL DEFAULT '',
    created_at      TEXT    NOT NULL
) STRICT;

-- The commands signed ahead for a plan (a restoration in waves or a rollout), one per store: signed
-- by whoever asked, approved by a second person, and kept so that the console goes on after a restart
-- without anyone's passphrase. planned_step is a rollout's group; step is the wave or group it was
-- sent in, NULL until then.
CREATE TABLE plan_commands (
    plan_id      TEXT    NOT NULL,
    store        TEXT    NOT NULL,
    position     INTEGER NOT NULL,
    planned_step INTEGER,
    step         INTEGER,
    command_id   TEXT    NOT NULL,
    envelope     TEXT    NOT NULL,
    sent_at      TEXT,
    PRIMARY KEY (plan_id, store)
) STRICT;

-- Capability transitions and anomalies as the heartbeats told them, for a store's own page.
CREATE TABLE store_events (
    sequence INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    store    TEXT    NOT NULL,
    at       TEXT    NOT NULL,
    what     TEXT    NOT NULL
) STRICT;
CREATE INDEX store_events_by_store ON store_events (store, sequence);
