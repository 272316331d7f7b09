-- The exceptions workflow: who an exception is assigned to, and its history (raised, assigned,
-- notes, the actions taken, resolved), kept for good beside the audit log's own entries.
ALTER TABLE store_exceptions ADD COLUMN assigned_to TEXT;

CREATE TABLE store_exception_history (
    exception_id TEXT    NOT NULL REFERENCES store_exceptions (exception_id),
    entry_no     INTEGER NOT NULL CHECK (entry_no > 0),
    at           TEXT    NOT NULL,
    actor        TEXT    NOT NULL,
    entry        TEXT    NOT NULL CHECK (entry IN ('RAISED', 'ASSIGNED', 'NOTE', 'ACTION', 'RESOLVED')),
    action       TEXT,
    note         TEXT    NOT NULL,
    PRIMARY KEY (exception_id, entry_no)
) STRICT;
