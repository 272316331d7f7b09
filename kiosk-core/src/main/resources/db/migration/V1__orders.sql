-- Click-and-collect orders waiting in the store: the desk's working copy of central's manifest.
-- The collection code is kept only as a hash.
CREATE TABLE orders (
    order_id             TEXT    NOT NULL PRIMARY KEY,
    customer_name        TEXT    NOT NULL,
    postcode             TEXT    NOT NULL,
    masked_contact       TEXT    NOT NULL,
    pickup_by            TEXT    NOT NULL,
    status               TEXT    NOT NULL CHECK (status IN ('READY', 'PARTLY_COLLECTED', 'COLLECTED',
                                                            'EXPIRED', 'CANCELLED', 'RETURNED_TO_SENDER')),
    collection_code_hash TEXT    NOT NULL,
    updated_at           TEXT    NOT NULL
) STRICT;

CREATE TABLE order_lines (
    order_id           TEXT    NOT NULL REFERENCES orders (order_id),
    line_no            INTEGER NOT NULL CHECK (line_no > 0),
    sku                TEXT    NOT NULL,
    description        TEXT    NOT NULL,
    quantity           INTEGER NOT NULL CHECK (quantity > 0),
    quantity_collected INTEGER NOT NULL DEFAULT 0 CHECK (quantity_collected BETWEEN 0 AND quantity),
    unit_price_minor   INTEGER NOT NULL CHECK (unit_price_minor >= 0),
    currency           TEXT    NOT NULL CHECK (length(currency) = 3),
    PRIMARY KEY (order_id, line_no)
) STRICT;

CREATE TABLE parcels (
    order_id      TEXT    NOT NULL REFERENCES orders (order_id),
    parcel_no     INTEGER NOT NULL CHECK (parcel_no > 0),
    location_kind TEXT    NOT NULL CHECK (location_kind IN ('SHELF', 'BAY', 'LOCKER')),
    location_code TEXT    NOT NULL,
    PRIMARY KEY (order_id, parcel_no)
) STRICT;

CREATE INDEX orders_by_status_and_pickup ON orders (status, pickup_by);
