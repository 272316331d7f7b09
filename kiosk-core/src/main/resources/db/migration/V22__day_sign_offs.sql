-- The store manager's sign-off of a store-day's report: who confirmed it, when, and with what note.
-- One per day; the same confirmation is also an entry in the audit log.
CREATE TABLE day_sign_offs (
    day        TEXT NOT NULL PRIMARY KEY CHECK (length(day) = 10),
    staff_id   TEXT NOT NULL,
    note       TEXT NOT NULL CHECK (length(note) > 0),
    signed_at  TEXT NOT NULL
) STRICT;

-- The day report reads each capability's transitions from the audit log: the last one before the
-- day began and those during it.
CREATE INDEX audit_log_capability_transitions ON audit_log (subject, at) WHERE action LIKE 'capability.%';

-- The day report counts the day's work by when it happened. (The outbox is not indexed by time:
-- what it reads there is the unacknowledged rows, which outbox_unacknowledged already finds.)
CREATE INDEX collections_by_day ON collections (collected_at);
CREATE INDEX returns_by_day ON returns (returned_at);
CREATE INDEX store_exceptions_by_resolved_at ON store_exceptions (resolved_at) WHERE resolved_at IS NOT NULL;
