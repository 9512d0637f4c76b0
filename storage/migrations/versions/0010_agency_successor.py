"""A retired agency's successor (a directory's ``replaces:``): agency.successor_key.

Revision ID: 0010
Revises: 0008
Create Date: 2026-11-30 18:00:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0010'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('agency') as batch:
        batch.add_column(sa.Column('successor_key', sa.String(length=100), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('agency') as batch:
        batch.drop_column('successor_key')
