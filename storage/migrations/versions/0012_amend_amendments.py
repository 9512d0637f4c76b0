"""Amendments by a later decision: the amendment table, item/assignment retired_on.

Revision ID: 0012
Revises: 0008
Create Date: 2026-11-30 17:30:00
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = '0012'
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'amendment',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('plan_id', sa.Integer(), nullable=False),
        sa.Column('document', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column('effective', sa.Date(), nullable=False),
        sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column('actor', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column('diff', sa.JSON(), nullable=False),
        sa.Column('kept', sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(['plan_id'], ['plan.id']),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_amendment_plan_id', 'amendment', ['plan_id'])
    with op.batch_alter_table('item') as batch:
        batch.add_column(sa.Column('retired_on', sa.Date(), nullable=True))
    with op.batch_alter_table('assignment') as batch:
        batch.add_column(sa.Column('retired_on', sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('assignment') as batch:
        batch.drop_column('retired_on')
    with op.batch_alter_table('item') as batch:
        batch.drop_column('retired_on')
    op.drop_index('ix_amendment_plan_id', 'amendment')
    op.drop_table('amendment')
