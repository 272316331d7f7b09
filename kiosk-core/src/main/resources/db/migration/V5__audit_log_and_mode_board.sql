-- The audit log: append-only, each entry holding the hash of the one before, so an edit or a
-- deletion shows. The triggers refuse changes; the hash chain shows changes made around them.
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

-- Each capability's state on the mode board, kept so an isolation survives a restart.
CREATE TABLE capability_states (
    capability  TEXT NOT NULL PRIMARY KEY CHECK (capability IN ('ORDERS', 'REFUNDS', 'GIFT_CARDS', 'PAYMENTS', 'LOYALTY')),
    state       TEXT NOT NULL CHECK (state IN ('ONLINE', 'DEGRADED', 'ISOLATED', 'RESTORING')),
    since       TEXT NOT NULL,
    reason      TEXT NOT NULL,
    isolated_by TEXT CHECK (isolated_by IN ('STORE_MANAGER', 'REGIONAL_IT'))
) STRICT;

-- Notices regional IT replaced: the words shown for a capability in a state, to customers or colleagues.
CREATE TABLE notices (
    capability TEXT NOT NULL,
    state      TEXT NOT NULL,
    audience   TEXT NOT NULL CHECK (audience IN ('CUSTOMER', 'COLLEAGUE')),
    text       TEXT NOT NULL,
    changed_at TEXT NOT NULL,
    PRIMARY KEY (capability, state, audience)
) STRICT;

-- Outbox events are acknowledged by the relay; the mode board reads the backlog per capability.
CREATE INDEX outbox_unacknowledged ON outbox_events (capability, state) WHERE state <> 'ACKNOWLEDGED';
