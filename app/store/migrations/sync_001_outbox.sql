-- The durable outbox: each step (every file upload, the dossier record, status updates) is
-- recorded so that a crash or a pulled cable resumes where it stopped.
CREATE TABLE outbox (
    id             INTEGER PRIMARY KEY,
    kind           TEXT NOT NULL,              -- dossier | status
    dossier_no     TEXT NOT NULL,
    payload        TEXT NOT NULL,
    state          TEXT NOT NULL,              -- waiting | sending | sent | rejected | cancelled
    attempts       INTEGER NOT NULL DEFAULT 0,
    last_error     TEXT NOT NULL DEFAULT '',
    last_error_vi  TEXT NOT NULL DEFAULT '',
    done_steps     INTEGER NOT NULL DEFAULT 0,
    total_steps    INTEGER NOT NULL DEFAULT 0,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    sent_at        TEXT
);
CREATE INDEX outbox_state ON outbox(state);

CREATE TABLE outbox_files (
    outbox_id   INTEGER NOT NULL REFERENCES outbox(id),
    seq         INTEGER NOT NULL,
    blob_sha    TEXT NOT NULL,
    name        TEXT NOT NULL,
    component   TEXT NOT NULL,
    upload_id   TEXT,
    file_id     TEXT,
    PRIMARY KEY (outbox_id, seq)
);

-- Warehouse reuse: one row per component attached from the owner's data warehouse.
CREATE TABLE reuse_log (
    id              INTEGER PRIMARY KEY,
    dossier_no      TEXT NOT NULL,
    component_id    TEXT NOT NULL,
    code            TEXT NOT NULL,
    officer         TEXT NOT NULL,
    procedure_code  TEXT NOT NULL,
    day             TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    UNIQUE (dossier_no, component_id)
);
