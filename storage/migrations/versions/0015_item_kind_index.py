"""A plan's items by deadline kind: /trehan finds the few ongoing and recurring items by index.

Revision ID: 0015
Revises: 0014
Create Date: 2026-11-30 19:00:00
"""

from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_item_plan_kind", "item", ["plan_id", "deadline_kind"])


def downgrade() -> None:
    op.drop_index("ix_item_plan_kind", table_name="item")
