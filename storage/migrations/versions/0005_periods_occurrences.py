"""Occurrences of recurring work: one row per assignment and period recorded as done.

Revision ID: 0005
Revises: 0004_gov
Create Date: 2026-11-30 15:40:00
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = '0005'
down_revision = '0004_gov'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'occurrence',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('assignment_id', sa.Integer(), nullable=False),
        sa.Column('period', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column('due', sa.Date(), nullable=False),
        sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column('closed_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column('closed_by', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column('note', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column('data', sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(['assignment_id'], ['assignment.id']),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('assignment_id', 'period'),
    )
    op.create_index(op.f('ix_occurrence_assignment_id'), 'occurrence', ['assignment_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_occurrence_assignment_id'), table_name='occurrence')
    op.drop_table('occurrence')
