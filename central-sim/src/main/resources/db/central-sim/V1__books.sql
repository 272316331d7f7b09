-- Central simulator's books: what it applied from each store, what it paid and what each gift card
-- holds. Kept beside the demo's data so that a restarted demo goes on where it stopped.

CREATE TABLE applied_events (
    store       TEXT    NOT NULL,
    sequence    INTEGER NOT NULL,
    previous    INTEGER NOT NULL,
    event_key   TEXT    NOT NULL,
    capability  TEXT    NOT NULL,
    type        TEXT    NOT NULL,
    aggregate   TEXT    NOT NULL,
    payload     TEXT    NOT NULL,
    verdict     TEXT,
    applied_at  TEXT    NOT NULL,
    PRIMARY KEY (store, sequence),
    UNIQUE (store, event_key)
);

CREATE TABLE refused_duplicates (
    store       TEXT    NOT NULL,
    capability  TEXT    NOT NULL,
    refused     INTEGER NOT NULL,
    PRIMARY KEY (store, capability)
);

CREATE TABLE refunds_paid (
    refund_id   TEXT    PRIMARY KEY,
    reference   TEXT    NOT NULL,
    amount      INTEGER NOT NULL,
    currency    TEXT    NOT NULL,
    paid_at     TEXT    NOT NULL
);

CREATE TABLE gift_cards (
    fingerprint    TEXT    PRIMARY KEY,
    last_four      TEXT    NOT NULL,
    pin_check      TEXT,
    balance        INTEGER NOT NULL,
    currency       TEXT    NOT NULL,
    blocked        INTEGER NOT NULL,
    changed_at     TEXT    NOT NULL,
    offline_spends TEXT    NOT NULL
);

CREATE TABLE gift_card_redemptions (
    redemption_id TEXT    PRIMARY KEY,
    fingerprint   TEXT    NOT NULL,
    amount        INTEGER NOT NULL,
    reference     TEXT    NOT NULL,
    captured      INTEGER NOT NULL,
    voided        INTEGER NOT NULL,
    reversed      INTEGER NOT NULL
);
