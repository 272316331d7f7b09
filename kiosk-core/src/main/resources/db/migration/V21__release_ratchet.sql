-- Gateway updates (issue 17): the highest release number this store has accepted, raised only after
-- every check on a release has passed, never lowered; a rollback switches files, not this.
CREATE TABLE release_ratchet (
    id              INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
    highest_release INTEGER NOT NULL CHECK (highest_release >= 0),
    version         TEXT    NOT NULL,
    accepted_at     TEXT    NOT NULL
) STRICT;

-- Where this store's update stands, for the status page and the heartbeat; every move is audited.
CREATE TABLE update_state (
    id      INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
    state   TEXT    NOT NULL CHECK (state IN ('IDLE', 'DOWNLOADING', 'STAGED', 'WAITING', 'INSTALLING', 'CHECKING',
                                              'INSTALLED', 'ROLLED_BACK', 'REFUSED')),
    version TEXT    NOT NULL,
    detail  TEXT    NOT NULL,
    since   TEXT    NOT NULL
) STRICT;
