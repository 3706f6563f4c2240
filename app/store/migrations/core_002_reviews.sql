-- Supervisor quality reviews (kiểm soát chất lượng): one row per decision on a dossier.
CREATE TABLE reviews (
    id          INTEGER PRIMARY KEY,
    dossier_no  TEXT NOT NULL REFERENCES dossiers(number),
    reviewer    TEXT NOT NULL,
    decision    TEXT NOT NULL CHECK (decision IN ('approved', 'sent_back')),
    reason      TEXT NOT NULL DEFAULT '',
    sample_id   TEXT,
    created_at  TEXT NOT NULL
);
CREATE INDEX reviews_dossier ON reviews(dossier_no);
