-- Bulk digitization lots (backlog archives) inspected by acceptance sampling, ISO 2859-1:
-- the plan fixed when the lot is opened, each round's random sample (nonce kept to redo the
-- draw) and the inspector's result per sampled item.
CREATE TABLE lots (
    id           INTEGER PRIMARY KEY,
    name         TEXT NOT NULL,
    size         INTEGER NOT NULL,
    aql          TEXT NOT NULL,
    level        TEXT NOT NULL,
    code_letter  TEXT NOT NULL,
    sample_size  INTEGER NOT NULL,
    accept       INTEGER NOT NULL,
    reject       INTEGER NOT NULL,
    state        TEXT NOT NULL,          -- open | inspecting | accepted | rejected
    round        INTEGER NOT NULL DEFAULT 0,
    created_by   TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
CREATE TABLE lot_samples (
    lot_id   INTEGER NOT NULL REFERENCES lots(id),
    round    INTEGER NOT NULL,
    nonce    TEXT NOT NULL,
    items    TEXT NOT NULL,             -- JSON list of the sampled item numbers (1..size)
    drawn_by TEXT NOT NULL,
    drawn_at TEXT NOT NULL,
    PRIMARY KEY (lot_id, round)
);
CREATE TABLE lot_inspections (
    lot_id      INTEGER NOT NULL REFERENCES lots(id),
    round       INTEGER NOT NULL,
    item        INTEGER NOT NULL,
    conforming  INTEGER NOT NULL,
    note        TEXT NOT NULL DEFAULT '',
    inspector   TEXT NOT NULL,
    at          TEXT NOT NULL,
    PRIMARY KEY (lot_id, round, item)
);
