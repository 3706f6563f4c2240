-- Earlier results managed by another agency (seed 002): who manages each such component, and
-- what was forwarded (to the certification desk or to the managing agency) with the answer.
CREATE TABLE result_managers (
    dossier_no    TEXT NOT NULL,
    component_id  TEXT NOT NULL,
    agency        TEXT NOT NULL,      -- the managing agency's code, chosen by the officer
    set_by        TEXT NOT NULL,
    set_at        TEXT NOT NULL,
    PRIMARY KEY (dossier_no, component_id)
);

CREATE TABLE forwards (
    id             INTEGER PRIMARY KEY,
    dossier_no     TEXT NOT NULL,
    component_id   TEXT NOT NULL,
    route          TEXT NOT NULL,     -- certification | managing_agency
    target_agency  TEXT NOT NULL,
    blob_sha       TEXT NOT NULL,     -- the file forwarded (unsigned or signed PDF)
    signed         INTEGER NOT NULL,
    outbox_id      INTEGER NOT NULL,
    state          TEXT NOT NULL,     -- queued | sent | matches | does_not_match
    server_id      TEXT NOT NULL DEFAULT '',
    note           TEXT NOT NULL DEFAULT '',
    checked_by     TEXT NOT NULL DEFAULT '',
    checked_at     REAL NOT NULL DEFAULT 0,   -- the server's time of the check (the poll's cursor)
    created_by     TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    UNIQUE (dossier_no, component_id, blob_sha, route)
);
CREATE INDEX forwards_server ON forwards(server_id);
