-- The highest sequence accepted from each of regional IT's signing keys: a command with the same or
-- a lower sequence is a replay, whenever it arrives, across restarts.
CREATE TABLE command_sequences (
    key_id        TEXT    NOT NULL PRIMARY KEY,
    last_sequence INTEGER NOT NULL CHECK (last_sequence > 0),
    command_id    TEXT    NOT NULL,
    accepted_at   TEXT    NOT NULL
) STRICT;
