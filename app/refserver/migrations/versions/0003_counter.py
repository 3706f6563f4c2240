"""The counter workflow (issue 20): warehouse documents carry a decision number and an abstract
(both searched), and citizens' requests to link their national-portal account are recorded.

Revision ID: 0003
Revises: 0002
"""

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

STEPS = """
ALTER TABLE warehouse ADD COLUMN decision_no TEXT NOT NULL DEFAULT '';
ALTER TABLE warehouse ADD COLUMN abstract TEXT NOT NULL DEFAULT '';
CREATE TABLE account_link_requests (id BIGSERIAL PRIMARY KEY, owner_id TEXT NOT NULL, dossier TEXT NOT NULL,
    agency TEXT NOT NULL, subject TEXT NOT NULL, at DOUBLE PRECISION NOT NULL)
"""


def upgrade() -> None:
    for stmt in STEPS.split(";"):
        if stmt.strip():
            op.execute(stmt)


def downgrade() -> None:
    op.execute("DROP TABLE account_link_requests")
    op.execute("ALTER TABLE warehouse DROP COLUMN abstract")
    op.execute("ALTER TABLE warehouse DROP COLUMN decision_no")
