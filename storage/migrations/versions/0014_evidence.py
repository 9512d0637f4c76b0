"""Evidence of closings (issue 14 §4): files sent with /xong and cited documents, the evidence table.

Revision ID: 0014
Revises: 0008
Create Date: 2026-11-30 18:00:00
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = '0014'
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'evidence',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('item_id', sa.Integer(), nullable=False),
        sa.Column('assignment_id', sa.Integer(), nullable=False),
        sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column('channel', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column('file_id', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
        sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
        sa.Column('size', sa.Integer(), nullable=False),
        sa.Column('mime', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column('path', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
        sa.Column('number', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column('document_date', sa.Date(), nullable=True),
        sa.Column('actor', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column('at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(['assignment_id'], ['assignment.id']),
        sa.ForeignKeyConstraint(['item_id'], ['item.id']),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_evidence_item_id', 'evidence', ['item_id'])
    op.create_index('ix_evidence_assignment_id', 'evidence', ['assignment_id'])


def downgrade() -> None:
    op.drop_index('ix_evidence_assignment_id', 'evidence')
    op.drop_index('ix_evidence_item_id', 'evidence')
    op.drop_table('evidence')
