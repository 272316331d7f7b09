-- The store's mirror of central's gift-card balances. Cards are found by a keyed hash (HMAC) of
-- their number, never by the number itself, and shown by their last four digits.
CREATE TABLE gift_card_balances (
    card_fingerprint BLOB    NOT NULL PRIMARY KEY CHECK (length(card_fingerprint) = 32),
    last_four        TEXT    NOT NULL CHECK (length(last_four) = 4),
    balance_minor    INTEGER NOT NULL,
    currency         TEXT    NOT NULL CHECK (length(currency) = 3),
    as_of            TEXT    NOT NULL
) STRICT, WITHOUT ROWID;
