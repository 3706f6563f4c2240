-- Core tables: dossiers, their components, documents, the audit chain and counters.
CREATE TABLE dossiers (
    number          TEXT PRIMARY KEY,
    agency          TEXT NOT NULL,
    received_date   TEXT NOT NULL,           -- yyyy-mm-dd, Vietnam time
    seq             INTEGER NOT NULL,
    procedure_code  TEXT NOT NULL,
    procedure_name  TEXT NOT NULL,
    owner_id        TEXT NOT NULL,
    owner_kind      TEXT NOT NULL,
    owner_name      TEXT NOT NULL DEFAULT '',
    submitter_id    TEXT NOT NULL,
    submitter_kind  TEXT NOT NULL,
    submitter_name  TEXT NOT NULL DEFAULT '',
    state           TEXT NOT NULL,
    created_by      TEXT NOT NULL,
    received_at     TEXT NOT NULL,           -- ISO 8601 with +07:00
    updated_at      TEXT NOT NULL,
    UNIQUE (agency, received_date, seq)
);
CREATE INDEX dossiers_owner ON dossiers(owner_id);
CREATE INDEX dossiers_received ON dossiers(received_date);

CREATE TABLE components (
    dossier_no    TEXT NOT NULL REFERENCES dossiers(number),
    component_id  TEXT NOT NULL,
    position      INTEGER NOT NULL,
    name          TEXT NOT NULL,
    doc_type      TEXT NOT NULL,
    reusable      INTEGER NOT NULL,
    category      TEXT NOT NULL,
    required      INTEGER NOT NULL,
    state         TEXT NOT NULL,
    fee           INTEGER NOT NULL DEFAULT 0,
    updated_at    TEXT NOT NULL,
    PRIMARY KEY (dossier_no, component_id)
);

CREATE TABLE documents (
    id             INTEGER PRIMARY KEY,
    dossier_no     TEXT NOT NULL REFERENCES dossiers(number),
    component_id   TEXT NOT NULL,
    ordinal        INTEGER NOT NULL,
    source         TEXT NOT NULL,
    pdf_sha256     TEXT NOT NULL,
    signed_sha256  TEXT,
    code           TEXT,
    type_code      TEXT NOT NULL DEFAULT '',
    metadata       TEXT NOT NULL DEFAULT '{}',
    created_at     TEXT NOT NULL,
    UNIQUE (dossier_no, ordinal)
);
CREATE INDEX documents_component ON documents(dossier_no, component_id);

CREATE TABLE audit_log (
    id         INTEGER PRIMARY KEY,
    ts         TEXT NOT NULL,
    actor      TEXT NOT NULL,
    action     TEXT NOT NULL,
    dossier    TEXT,
    objects    TEXT NOT NULL,
    details    TEXT NOT NULL,
    prev_hash  TEXT NOT NULL,
    hash       TEXT NOT NULL
);
