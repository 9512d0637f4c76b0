"""Sends taken before they are made: reminder.lease_owner, lease_expires_at, ambiguous; the
sender_lease table (one sender across processes).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-30 15:10:00
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('reminder') as batch:
        batch.add_column(sa.Column('lease_owner', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False,
                                   server_default=''))
        batch.add_column(sa.Column('lease_expires_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))
        batch.add_column(sa.Column('ambiguous', sa.Integer(), nullable=False, server_default='0'))
    op.create_table(
        'sender_lease',
        sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column('holder', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column('acquired_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column('expires_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint('name'),
    )


def downgrade() -> None:
    op.drop_table('sender_lease')
    with op.batch_alter_table('reminder') as batch:
        batch.drop_column('ambiguous')
        batch.drop_column('lease_expires_at')
        batch.drop_column('lease_owner')
