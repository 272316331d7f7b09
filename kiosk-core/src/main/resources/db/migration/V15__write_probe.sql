-- One row the gateway writes at start-up and on every readiness check. Taking SQLite's write lock
-- (BEGIN IMMEDIATE) does not prove that the file, its WAL and its folder take writes; a commit does.
CREATE TABLE write_probe (
    id     INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
    writes INTEGER NOT NULL
) STRICT;
