"""Items whose agencies follow a role handed over by a plan task: the role_switch table.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01 10:00:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'role_switch',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('plan_id', sa.Integer(), nullable=False),
        sa.Column('trigger_item_id', sa.Integer(), nullable=False),
        sa.Column('item_id', sa.Integer(), nullable=False),
        sa.Column('data', sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(['plan_id'], ['plan.id']),
        sa.ForeignKeyConstraint(['trigger_item_id'], ['item.id']),
        sa.ForeignKeyConstraint(['item_id'], ['item.id']),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_role_switch_plan_id', 'role_switch', ['plan_id'])
    op.create_index('ix_role_switch_trigger_item_id', 'role_switch', ['trigger_item_id'])


def downgrade() -> None:
    op.drop_index('ix_role_switch_trigger_item_id', 'role_switch')
    op.drop_index('ix_role_switch_plan_id', 'role_switch')
    op.drop_table('role_switch')
