"""Accounts with roles, an agency and a disabled flag; Argon2id hashes (the SHA-256 ones of
0001 kept as ``legacy_sha256`` until the account's next login); hashed rotating refresh tokens
(the clear ones dropped); login failures for throttling; the log of warehouse reads.

Revision ID: 0002
Revises: 0001
"""

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

STEPS = """
ALTER TABLE users RENAME COLUMN password_sha256 TO legacy_sha256;
ALTER TABLE users ALTER COLUMN legacy_sha256 SET DEFAULT '';
ALTER TABLE users ALTER COLUMN scopes SET DEFAULT '';
ALTER TABLE users ADD COLUMN secret_hash TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN roles TEXT NOT NULL DEFAULT 'officer';
ALTER TABLE users ADD COLUMN agency TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0;
ALTER TABLE clients RENAME COLUMN secret_sha256 TO legacy_sha256;
ALTER TABLE clients ALTER COLUMN legacy_sha256 SET DEFAULT '';
ALTER TABLE clients ALTER COLUMN scopes SET DEFAULT '';
ALTER TABLE clients ADD COLUMN secret_hash TEXT NOT NULL DEFAULT '';
ALTER TABLE clients ADD COLUMN roles TEXT NOT NULL DEFAULT 'workstation';
ALTER TABLE clients ADD COLUMN agency TEXT NOT NULL DEFAULT '';
ALTER TABLE clients ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0;
DROP TABLE refresh_tokens;
CREATE TABLE refresh_tokens (token_hash TEXT PRIMARY KEY, subject TEXT NOT NULL, family TEXT NOT NULL,
    expires DOUBLE PRECISION NOT NULL, used INTEGER NOT NULL DEFAULT 0, revoked INTEGER NOT NULL DEFAULT 0);
CREATE INDEX refresh_tokens_family ON refresh_tokens(family);
CREATE TABLE login_failures (key TEXT NOT NULL, at DOUBLE PRECISION NOT NULL);
CREATE INDEX login_failures_key ON login_failures(key, at);
CREATE TABLE warehouse_reads (id BIGSERIAL PRIMARY KEY, subject TEXT NOT NULL, agency TEXT NOT NULL,
    owner TEXT NOT NULL, dossier TEXT NOT NULL, code TEXT NOT NULL, action TEXT NOT NULL,
    at DOUBLE PRECISION NOT NULL);
ALTER TABLE warehouse_uses ADD COLUMN subject TEXT NOT NULL DEFAULT '';
ALTER TABLE feedback ADD COLUMN subject TEXT NOT NULL DEFAULT '';
"""


def upgrade() -> None:
    for stmt in STEPS.split(";"):
        if stmt.strip():
            op.execute(stmt)
