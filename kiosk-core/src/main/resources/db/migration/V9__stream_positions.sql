-- Where each downstream stream from central stands: the snapshot generation being loaded or
-- followed, the last sequence applied in it, and the snapshot's progress in chunks.
CREATE TABLE stream_positions (
    stream       TEXT    NOT NULL PRIMARY KEY,
    generation   INTEGER NOT NULL,
    sequence     INTEGER NOT NULL,
    chunks_done  INTEGER NOT NULL,
    chunks_total INTEGER NOT NULL,
    complete     INTEGER NOT NULL CHECK (complete IN (0, 1)),
    updated_at   TEXT    NOT NULL
) STRICT;
