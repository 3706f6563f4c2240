-- Many counters, one agency (issue 12): the workstation's identity registered with the
-- provincial system, the blocks of dossier numbers it leased, a world-unique idempotency key
-- (UUIDv4) stored with every outbox item and file step before the first attempt, versions of
-- corrected dossiers, and the province's status read back.
CREATE TABLE workstation (
    id              INTEGER PRIMARY KEY CHECK (id = 1),
    workstation_id  TEXT NOT NULL,
    agency          TEXT NOT NULL,
    name            TEXT NOT NULL,
    server          TEXT NOT NULL,
    registered_at   TEXT NOT NULL
);

CREATE TABLE number_leases (
    lease_id    TEXT PRIMARY KEY,
    agency      TEXT NOT NULL,
    day         TEXT NOT NULL,                -- yyyy-mm-dd, Vietnam time
    first       INTEGER NOT NULL,
    last        INTEGER NOT NULL,
    next        INTEGER NOT NULL,             -- next number to draw; > last when used up
    created_at  TEXT NOT NULL
);
CREATE INDEX number_leases_day ON number_leases(agency, day);

ALTER TABLE outbox ADD COLUMN idem_key TEXT;
ALTER TABLE outbox ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE outbox ADD COLUMN reason TEXT NOT NULL DEFAULT '';
ALTER TABLE outbox_files ADD COLUMN idem_key TEXT;
UPDATE outbox SET idem_key = lower(hex(randomblob(16))) WHERE idem_key IS NULL;
UPDATE outbox_files SET idem_key = lower(hex(randomblob(16))) WHERE idem_key IS NULL;

CREATE TABLE province_status (
    dossier_no   TEXT PRIMARY KEY,
    status       INTEGER NOT NULL,
    status_name  TEXT NOT NULL,
    note         TEXT NOT NULL DEFAULT '',
    version      INTEGER NOT NULL DEFAULT 1,
    history      TEXT NOT NULL DEFAULT '[]',
    checked_at   TEXT NOT NULL
);
