"""The reference server's schema on PostgreSQL (the SQLite schema of app/refserver/db.py, with
PostgreSQL types and serial ids).

Revision ID: 0001
Revises:
"""

from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

TABLES = """
CREATE TABLE users (username TEXT PRIMARY KEY, password_sha256 TEXT NOT NULL, scopes TEXT NOT NULL);
CREATE TABLE clients (client_id TEXT PRIMARY KEY, secret_sha256 TEXT NOT NULL, scopes TEXT NOT NULL);
CREATE TABLE refresh_tokens (token TEXT PRIMARY KEY, subject TEXT NOT NULL, scopes TEXT NOT NULL,
    expires DOUBLE PRECISION NOT NULL);
CREATE TABLE accounts (owner_id TEXT PRIMARY KEY, state TEXT NOT NULL, name TEXT NOT NULL DEFAULT '');
CREATE TABLE uploads (id TEXT PRIMARY KEY, name TEXT NOT NULL, size BIGINT NOT NULL, sha256 TEXT NOT NULL,
    chunk_size BIGINT NOT NULL, file_id TEXT, created_by TEXT NOT NULL, created DOUBLE PRECISION NOT NULL);
CREATE TABLE upload_chunks (upload_id TEXT NOT NULL, idx INTEGER NOT NULL, sha256 TEXT NOT NULL,
    size BIGINT NOT NULL, PRIMARY KEY (upload_id, idx));
CREATE TABLE files (id TEXT PRIMARY KEY, name TEXT NOT NULL, sha256 TEXT NOT NULL, size BIGINT NOT NULL);
CREATE TABLE dossiers (ma_ho_so TEXT PRIMARY KEY, body TEXT NOT NULL, status INTEGER NOT NULL,
    received DOUBLE PRECISION NOT NULL, submitted_by TEXT NOT NULL, workstation_id TEXT NOT NULL DEFAULT '',
    version INTEGER NOT NULL DEFAULT 1);
CREATE TABLE dossier_status (id BIGSERIAL PRIMARY KEY, ma_ho_so TEXT NOT NULL, status INTEGER NOT NULL,
    at TEXT NOT NULL, note TEXT NOT NULL DEFAULT '');
CREATE INDEX dossier_status_dossier ON dossier_status(ma_ho_so);
CREATE TABLE idempotency_keys (subject TEXT NOT NULL, key TEXT NOT NULL, fingerprint TEXT NOT NULL,
    status INTEGER NOT NULL, body TEXT NOT NULL, created DOUBLE PRECISION NOT NULL, PRIMARY KEY (subject,
    key));
CREATE TABLE workstations (id TEXT PRIMARY KEY, agency TEXT NOT NULL, name TEXT NOT NULL,
    registered_by TEXT NOT NULL, registrations INTEGER NOT NULL DEFAULT 1, created DOUBLE PRECISION NOT NULL,
    UNIQUE (agency, name));
CREATE TABLE day_counters (agency TEXT NOT NULL, day TEXT NOT NULL, next_seq INTEGER NOT NULL,
    PRIMARY KEY (agency, day));
CREATE TABLE number_leases (id TEXT PRIMARY KEY, workstation_id TEXT NOT NULL, agency TEXT NOT NULL,
    day TEXT NOT NULL, first INTEGER NOT NULL, last INTEGER NOT NULL, revoked INTEGER NOT NULL DEFAULT 0,
    created DOUBLE PRECISION NOT NULL);
CREATE INDEX number_leases_ws ON number_leases(workstation_id, agency, day);
CREATE TABLE dossier_versions (ma_ho_so TEXT NOT NULL, version INTEGER NOT NULL, body TEXT NOT NULL,
    reason TEXT NOT NULL, received DOUBLE PRECISION NOT NULL, submitted_by TEXT NOT NULL,
    workstation_id TEXT NOT NULL, PRIMARY KEY (ma_ho_so, version));
CREATE TABLE warehouse (code TEXT PRIMARY KEY, owner TEXT NOT NULL, type TEXT NOT NULL,
    type_name TEXT NOT NULL, issuer TEXT NOT NULL, issued TEXT NOT NULL, use_count INTEGER NOT NULL DEFAULT 0,
    file_id TEXT NOT NULL, title TEXT NOT NULL);
CREATE TABLE warehouse_uses (id BIGSERIAL PRIMARY KEY, code TEXT NOT NULL, dossier TEXT NOT NULL,
    at DOUBLE PRECISION NOT NULL);
CREATE TABLE feedback (id BIGSERIAL PRIMARY KEY, code TEXT NOT NULL, reason TEXT NOT NULL, note TEXT NOT NULL,
    at DOUBLE PRECISION NOT NULL);
"""


def upgrade() -> None:
    for stmt in TABLES.split(";"):
        if stmt.strip():
            op.execute(stmt)
