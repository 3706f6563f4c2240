-- Scan sessions and their pages. A page row is committed only after its image blob is durable.
CREATE TABLE scan_sessions (
    id                INTEGER PRIMARY KEY,
    dossier_no        TEXT,
    component_id      TEXT,
    device            TEXT NOT NULL,
    duplex            INTEGER NOT NULL,
    dpi               INTEGER NOT NULL,
    mode              TEXT NOT NULL,
    source            TEXT NOT NULL,
    declared_sheets   INTEGER,
    backs_dropped     INTEGER NOT NULL DEFAULT 0,
    simplex_confirmed INTEGER NOT NULL DEFAULT 0,
    state             TEXT NOT NULL,        -- open | interrupted | closed
    next_sheet        INTEGER NOT NULL DEFAULT 1,
    last_fault        TEXT NOT NULL DEFAULT '',
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL
);
CREATE INDEX scan_sessions_component ON scan_sessions(dossier_no, component_id);

CREATE TABLE scan_pages (
    id            INTEGER PRIMARY KEY,
    session_id    INTEGER NOT NULL REFERENCES scan_sessions(id),
    position      REAL NOT NULL,
    sha256        TEXT NOT NULL,
    width         INTEGER NOT NULL,
    height        INTEGER NOT NULL,
    dpi           INTEGER NOT NULL,
    sheet         INTEGER NOT NULL,
    side          TEXT NOT NULL,
    derived_from  INTEGER REFERENCES scan_pages(id),
    transform     TEXT NOT NULL DEFAULT '',
    measures      TEXT NOT NULL DEFAULT '{}',
    active        INTEGER NOT NULL DEFAULT 1,
    created_at    TEXT NOT NULL
);
CREATE INDEX scan_pages_session ON scan_pages(session_id, active, position);

CREATE TABLE scan_overrides (
    session_id   INTEGER NOT NULL REFERENCES scan_sessions(id),
    finding_key  TEXT NOT NULL,
    reason       TEXT NOT NULL,
    actor        TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    PRIMARY KEY (session_id, finding_key)
);
