"""Delivery notices in typed columns: reminder.chat, fallback_to, error, failed_attempts (they were
packed into last_error "attempts|error" and slot "a>b").

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-30 14:45:00
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('reminder') as batch:
        batch.add_column(sa.Column('chat', sqlmodel.sql.sqltypes.AutoString(length=140), nullable=False,
                                   server_default=''))
        batch.add_column(sa.Column('fallback_to', sqlmodel.sql.sqltypes.AutoString(length=140), nullable=False,
                                   server_default=''))
        batch.add_column(sa.Column('error', sqlmodel.sql.sqltypes.AutoString(), nullable=False, server_default=''))
        batch.add_column(sa.Column('failed_attempts', sa.Integer(), nullable=False, server_default='0'))


def downgrade() -> None:
    with op.batch_alter_table('reminder') as batch:
        batch.drop_column('failed_attempts')
        batch.drop_column('error')
        batch.drop_column('fallback_to')
        batch.drop_column('chat')
