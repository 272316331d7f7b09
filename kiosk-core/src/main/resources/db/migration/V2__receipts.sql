-- The store's receipt journal: each sale the tills post, which returns are checked against.
CREATE TABLE receipts (
    receipt_id  TEXT    NOT NULL PRIMARY KEY,
    till_id     TEXT    NOT NULL,
    issued_at   TEXT    NOT NULL,
    total_minor INTEGER NOT NULL,
    currency    TEXT    NOT NULL CHECK (length(currency) = 3),
    loyalty_id  TEXT
) STRICT;

CREATE TABLE receipt_lines (
    receipt_id       TEXT    NOT NULL REFERENCES receipts (receipt_id),
    line_no          INTEGER NOT NULL CHECK (line_no > 0),
    sku              TEXT    NOT NULL,
    description      TEXT    NOT NULL,
    quantity         INTEGER NOT NULL CHECK (quantity > 0),
    unit_price_minor INTEGER NOT NULL CHECK (unit_price_minor >= 0),
    PRIMARY KEY (receipt_id, line_no)
) STRICT;

CREATE TABLE receipt_tenders (
    receipt_id   TEXT    NOT NULL REFERENCES receipts (receipt_id),
    tender_no    INTEGER NOT NULL CHECK (tender_no > 0),
    kind         TEXT    NOT NULL CHECK (kind IN ('CARD', 'CASH', 'GIFT_CARD')),
    amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
    reference    TEXT    NOT NULL,
    PRIMARY KEY (receipt_id, tender_no)
) STRICT;

CREATE INDEX receipts_by_issued_at ON receipts (issued_at);
