-- Units of an order line the desk sets aside, declined, damaged or missing: no longer waiting, and
-- recorded per hand-over with the reason, for central to settle with the customer.
ALTER TABLE order_lines ADD COLUMN quantity_not_collected INTEGER NOT NULL DEFAULT 0 CHECK (quantity_not_collected >= 0);

CREATE TABLE collection_not_collected (
    collection_id TEXT    NOT NULL REFERENCES collections (collection_id),
    line_no       INTEGER NOT NULL,
    quantity      INTEGER NOT NULL CHECK (quantity > 0),
    reason        TEXT    NOT NULL CHECK (reason IN ('DECLINED', 'DAMAGED', 'MISSING')),
    PRIMARY KEY (collection_id, line_no)
) STRICT;
