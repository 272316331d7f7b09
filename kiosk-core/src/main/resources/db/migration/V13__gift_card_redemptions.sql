-- Gift cards: what a card needs besides its balance, and every redemption this store made.
-- Neither the card number nor its PIN is kept: a card is its keyed fingerprint, a PIN only a keyed
-- hash that proves a PIN typed offline is right (central sends it; it means nothing without the key).

ALTER TABLE gift_card_balances ADD COLUMN pin_check BLOB CHECK (pin_check IS NULL OR length(pin_check) = 32);

-- One row per redemption: authorised, then captured or voided. OFFLINE ones are this store's risk
-- until central's verdict (ACCEPTED or OVERDRAWN) comes back with its acknowledgement.
CREATE TABLE gift_card_redemptions (
    redemption_id    TEXT    NOT NULL PRIMARY KEY,
    card_fingerprint BLOB    NOT NULL CHECK (length(card_fingerprint) = 32),
    last_four        TEXT    NOT NULL CHECK (length(last_four) = 4),
    amount_minor     INTEGER NOT NULL CHECK (amount_minor > 0),
    currency         TEXT    NOT NULL CHECK (length(currency) = 3),
    mode             TEXT    NOT NULL CHECK (mode IN ('ONLINE', 'OFFLINE')),
    state            TEXT    NOT NULL CHECK (state IN ('AUTHORISED', 'CAPTURED', 'VOIDED')),
    actor            TEXT    NOT NULL,
    authorised_at    TEXT    NOT NULL,
    settled_at       TEXT,
    central_reference TEXT,
    verdict          TEXT    CHECK (verdict IS NULL OR verdict IN ('ACCEPTED', 'OVERDRAWN')),
    verdict_at       TEXT
) STRICT;

CREATE INDEX gift_card_redemptions_by_card ON gift_card_redemptions (card_fingerprint, authorised_at);
CREATE INDEX gift_card_redemptions_by_day ON gift_card_redemptions (mode, authorised_at);

-- Cards that may not be redeemed offline: overdrawn across stores, until central clears them.
CREATE TABLE gift_card_blocks (
    card_fingerprint BLOB    NOT NULL PRIMARY KEY CHECK (length(card_fingerprint) = 32),
    last_four        TEXT    NOT NULL,
    reason           TEXT    NOT NULL,
    blocked_at       TEXT    NOT NULL,
    cleared_at       TEXT
) STRICT, WITHOUT ROWID;

-- Wrong PINs in a row, and the lock they lead to.
CREATE TABLE gift_card_pin_failures (
    card_fingerprint BLOB    NOT NULL PRIMARY KEY CHECK (length(card_fingerprint) = 32),
    failures         INTEGER NOT NULL,
    locked_until     TEXT
) STRICT, WITHOUT ROWID;
