-- "Call a colleague": a kiosk (or a till) asks for help; the desk sees it until a colleague answers.
CREATE TABLE help_calls (
    call_id     TEXT NOT NULL PRIMARY KEY,
    caller      TEXT NOT NULL,
    screen      TEXT NOT NULL,
    called_at   TEXT NOT NULL,
    answered_by TEXT,
    answered_at TEXT
) STRICT;

CREATE INDEX help_calls_open ON help_calls (caller) WHERE answered_at IS NULL;
