-- The audit chain's scheme and key fingerprint. Entries are keyed (HMAC-SHA-256 with a
-- per-workspace key kept outside this database); entries written before keying are re-keyed once,
-- at the first open by this version, and an "audit.chain.keyed" entry records whether the old
-- chain was intact then.
CREATE TABLE audit_meta (
    name   TEXT PRIMARY KEY,
    value  TEXT NOT NULL
);
