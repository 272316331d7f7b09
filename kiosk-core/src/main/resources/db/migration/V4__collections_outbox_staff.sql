-- Click-and-collect at the desk: searchable orders, collections, the transactional outbox,
-- idempotent writes, staff sign-in and the manager's exceptions.

-- Every change to an order bumps its version, so a desk can say which version it saw.
ALTER TABLE orders ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
-- Postcode without spaces, upper case: what a name-and-postcode search compares.
ALTER TABLE orders ADD COLUMN postcode_key TEXT NOT NULL DEFAULT '';
UPDATE orders SET postcode_key = upper(replace(postcode, ' ', ''));
CREATE INDEX orders_by_collection_code ON orders (collection_code_hash);
CREATE INDEX orders_by_postcode_key ON orders (postcode_key);

-- Customer names, tokenised for case- and accent-insensitive prefix search.
CREATE VIRTUAL TABLE orders_by_name USING fts5(
    customer_name, order_id UNINDEXED, tokenize = 'unicode61 remove_diacritics 2');
INSERT INTO orders_by_name (rowid, customer_name, order_id) SELECT rowid, customer_name, order_id FROM orders;
CREATE TRIGGER orders_by_name_insert AFTER INSERT ON orders BEGIN
    INSERT INTO orders_by_name (rowid, customer_name, order_id) VALUES (new.rowid, new.customer_name, new.order_id);
END;
CREATE TRIGGER orders_by_name_update AFTER UPDATE OF customer_name ON orders BEGIN
    UPDATE orders_by_name SET customer_name = new.customer_name WHERE rowid = new.rowid;
END;

-- A hand-over at the desk: some or all of an order's lines.
CREATE TABLE collections (
    collection_id TEXT    NOT NULL PRIMARY KEY,
    order_id      TEXT    NOT NULL REFERENCES orders (order_id),
    collected_at  TEXT    NOT NULL,
    staff_id      TEXT    NOT NULL,
    verification  TEXT    NOT NULL CHECK (verification IN ('COLLECTION_CODE', 'QR_CODE', 'ID_SEEN')),
    offline       INTEGER NOT NULL CHECK (offline IN (0, 1)),
    printer_id    TEXT
) STRICT;
CREATE INDEX collections_by_order ON collections (order_id);

CREATE TABLE collection_lines (
    collection_id TEXT    NOT NULL REFERENCES collections (collection_id),
    line_no       INTEGER NOT NULL,
    quantity      INTEGER NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (collection_id, line_no)
) STRICT;

-- The transactional outbox: each business change writes its event here in the same transaction.
-- The relay (sync) publishes in sequence order; an event is done only when central acknowledges it.
CREATE TABLE outbox_events (
    sequence        INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    idempotency_key TEXT    NOT NULL UNIQUE,
    capability      TEXT    NOT NULL CHECK (capability IN ('ORDERS', 'REFUNDS', 'GIFT_CARDS', 'PAYMENTS', 'LOYALTY')),
    type            TEXT    NOT NULL,
    aggregate_id    TEXT    NOT NULL,
    occurred_at     TEXT    NOT NULL,
    payload         TEXT    NOT NULL CHECK (json_valid(payload)),
    state           TEXT    NOT NULL DEFAULT 'STORED' CHECK (state IN ('STORED', 'PUBLISHED', 'ACKNOWLEDGED')),
    published_at    TEXT,
    acknowledged_at TEXT
) STRICT;
CREATE INDEX outbox_by_state ON outbox_events (state, capability, sequence);

-- Writes that carry an Idempotency-Key: the same key replays the first answer.
CREATE TABLE idempotent_requests (
    scope        TEXT NOT NULL,
    key          TEXT NOT NULL,
    fingerprint  TEXT NOT NULL,
    outcome      TEXT NOT NULL CHECK (json_valid(outcome)),
    created_at   TEXT NOT NULL,
    PRIMARY KEY (scope, key)
) STRICT;

-- Colleagues who may sign in. PINs are kept only as PBKDF2 hashes.
CREATE TABLE staff (
    staff_id        TEXT    NOT NULL PRIMARY KEY,
    display_name    TEXT    NOT NULL,
    role            TEXT    NOT NULL CHECK (role IN ('COLLEAGUE', 'SUPERVISOR')),
    pin_hash        TEXT    NOT NULL,
    failed_attempts INTEGER NOT NULL DEFAULT 0,
    locked_until    TEXT
) STRICT;

-- Signed-in staff and kiosk devices. Only the token's hash is kept.
CREATE TABLE sessions (
    token_hash  TEXT NOT NULL PRIMARY KEY,
    principal   TEXT NOT NULL,
    role        TEXT NOT NULL CHECK (role IN ('COLLEAGUE', 'SUPERVISOR', 'KIOSK')),
    created_at  TEXT NOT NULL,
    expires_at  TEXT NOT NULL
) STRICT;
CREATE INDEX sessions_by_expiry ON sessions (expires_at);

-- What the store manager must look at: conflicts central reported, and their resolution.
CREATE TABLE store_exceptions (
    exception_id TEXT NOT NULL PRIMARY KEY,
    kind         TEXT NOT NULL,
    aggregate_id TEXT NOT NULL,
    detail       TEXT NOT NULL,
    raised_at    TEXT NOT NULL,
    resolved_at  TEXT,
    resolved_by  TEXT,
    resolution   TEXT
) STRICT;
CREATE INDEX store_exceptions_open ON store_exceptions (resolved_at, raised_at);
