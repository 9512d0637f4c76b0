"""Zalo's "Quota exceeded" streak in the database (shared by every process, kept across restarts):
two columns of channel_usage.

Revision ID: 0011
Revises: 0008
Create Date: 2026-11-30 18:00:00
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = '0011'
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('channel_usage') as batch:
        batch.add_column(sa.Column('quota_strikes', sa.Integer(), nullable=False, server_default='0'))
        batch.add_column(sa.Column('quota_since', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('channel_usage') as batch:
        batch.drop_column('quota_since')
        batch.drop_column('quota_strikes')
