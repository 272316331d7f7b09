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

-- A signed FREEZE from regional IT: no release installs before `until` unless it is a fix.
CREATE TABLE update_freeze (
    id      INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
    until   TEXT    NOT NULL,
    reason  TEXT    NOT NULL,
    key_id  TEXT    NOT NULL,
    set_at  TEXT    NOT NULL
) STRICT;

-- Releases regional IT announced (UPDATE_AVAILABLE) or a manager brought on a USB stick; the
-- updater takes the newest one not yet handled (an old one is refused as not newer, with its code).
CREATE TABLE release_announcement (
    id          INTEGER NOT NULL PRIMARY KEY,
    release     INTEGER NOT NULL CHECK (release > 0),
    bundle      TEXT    NOT NULL,
    sha256      TEXT    NOT NULL,
    urgent      INTEGER NOT NULL CHECK (urgent IN (0, 1)),
    source      TEXT    NOT NULL,
    announced_at TEXT   NOT NULL,
    handled     INTEGER NOT NULL DEFAULT 0 CHECK (handled IN (0, 1)),
    UNIQUE (release, sha256)
) STRICT;
