"""The electronic results returned with a dossier (status 10), by dossier: Decision 766's share of
dossiers returned with an electronic result is counted agency-wide from them.

Revision ID: 0004
Revises: 0003
"""

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("CREATE TABLE dossier_results (ma_ho_so TEXT NOT NULL, code TEXT NOT NULL, "
               "PRIMARY KEY (ma_ho_so, code))")


def downgrade() -> None:
    op.execute("DROP TABLE dossier_results")
