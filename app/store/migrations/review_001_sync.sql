-- Review decisions read from the provincial server (the supervisor's desk is agency-wide):
-- one row per server decision, so a poll applies each once; the newest "at" is the cursor.
CREATE TABLE review_remote (
    decision_id  TEXT PRIMARY KEY,
    dossier_no   TEXT NOT NULL,
    reviewer     TEXT NOT NULL,
    officer      TEXT NOT NULL,
    decision     TEXT NOT NULL,
    reason       TEXT NOT NULL,
    components   TEXT NOT NULL,   -- JSON [{component, reason}]
    version      INTEGER NOT NULL,
    at           REAL NOT NULL,   -- the server's time of the decision
    received_at  TEXT NOT NULL
);
CREATE INDEX review_remote_dossier ON review_remote(dossier_no);
