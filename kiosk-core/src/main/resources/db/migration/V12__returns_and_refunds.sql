-- Returns, their refunds, and tills as devices that sign in.

-- Tills sign in with a device token, as kiosks do. SQLite cannot change a CHECK in place: the table
-- is rebuilt and every session row copied across, so nobody signed in is signed out by the upgrade.
CREATE TABLE sessions_v12 (
    token_hash  TEXT NOT NULL PRIMARY KEY,
    principal   TEXT NOT NULL,
    role        TEXT NOT NULL CHECK (role IN ('COLLEAGUE', 'SUPERVISOR', 'KIOSK', 'TILL')),
    created_at  TEXT NOT NULL,
    expires_at  TEXT NOT NULL
) STRICT;
INSERT INTO sessions_v12 (token_hash, principal, role, created_at, expires_at)
    SELECT token_hash, principal, role, created_at, expires_at FROM sessions;
DROP TABLE sessions;
ALTER TABLE sessions_v12 RENAME TO sessions;
CREATE INDEX sessions_by_expiry ON sessions (expires_at);

-- What kind of goods a line is: the returns policy excludes some categories or accepts them unopened only.
ALTER TABLE receipt_lines ADD COLUMN category TEXT NOT NULL DEFAULT 'GENERAL';

-- A return: what came back, against which purchase, and how the customer is refunded.
CREATE TABLE returns (
    return_id       TEXT    NOT NULL PRIMARY KEY,
    purchase_id     TEXT    NOT NULL,
    purchase_kind   TEXT    NOT NULL CHECK (purchase_kind IN ('RECEIPT', 'E_RECEIPT', 'ORDER', 'NO_RECEIPT')),
    channel         TEXT    NOT NULL CHECK (channel IN ('KIOSK', 'DESK')),
    actor           TEXT    NOT NULL,
    returned_at     TEXT    NOT NULL,
    refund_method   TEXT    NOT NULL
        CHECK (refund_method IN ('ORIGINAL_TENDER', 'DEFERRED_TO_ORIGINAL_TENDER', 'STORE_CREDIT', 'CASH')),
    amount_minor    INTEGER NOT NULL CHECK (amount_minor > 0),
    currency        TEXT    NOT NULL CHECK (length(currency) = 3),
    offline         INTEGER NOT NULL CHECK (offline IN (0, 1)),
    customer_key    TEXT    NOT NULL,
    override_reason TEXT
) STRICT;
CREATE INDEX returns_offline_by_day ON returns (returned_at) WHERE offline = 1;

CREATE TABLE return_lines (
    return_id   TEXT    NOT NULL REFERENCES returns (return_id),
    purchase_id TEXT    NOT NULL,
    line_no     INTEGER NOT NULL CHECK (line_no > 0),
    sku         TEXT    NOT NULL,
    quantity    INTEGER NOT NULL CHECK (quantity > 0),
    amount_minor INTEGER NOT NULL CHECK (amount_minor >= 0),
    reason      TEXT    NOT NULL,
    PRIMARY KEY (return_id, line_no)
) STRICT;
-- How many of a purchase's line have come back already, here or through a replayed request.
CREATE INDEX return_lines_by_purchase ON return_lines (purchase_id, line_no);

-- Money owed back to a customer's original tender: paid at once while REFUNDS is online, or kept
-- DUE (a printed promise) until REFUNDS is restored, then paid exactly once under the same id.
CREATE TABLE refunds (
    refund_id          TEXT    NOT NULL PRIMARY KEY,
    return_id          TEXT    NOT NULL REFERENCES returns (return_id),
    amount_minor       INTEGER NOT NULL CHECK (amount_minor > 0),
    currency           TEXT    NOT NULL CHECK (length(currency) = 3),
    tender_reference   TEXT    NOT NULL,
    state              TEXT    NOT NULL CHECK (state IN ('DUE', 'PAID', 'DECLINED')),
    created_at         TEXT    NOT NULL,
    settled_at         TEXT,
    central_reference  TEXT,
    attempts           INTEGER NOT NULL DEFAULT 0,
    last_error         TEXT
) STRICT;
CREATE INDEX refunds_due ON refunds (created_at) WHERE state = 'DUE';
