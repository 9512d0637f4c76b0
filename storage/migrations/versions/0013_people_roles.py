"""People: primary and deputy officers (recipient.rank), hand-over, deputy and leader invites
(invite.purpose, invite.handover_from).

Revision ID: 0013
Revises: 0008
Create Date: 2026-11-30 18:00:00
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = '0013'
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('recipient') as batch:
        batch.add_column(sa.Column('rank', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False,
                                   server_default='primary'))
    with op.batch_alter_table('invite') as batch:
        batch.add_column(sa.Column('purpose', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False,
                                   server_default=''))
        batch.add_column(sa.Column('handover_from', sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('invite') as batch:
        batch.drop_column('handover_from')
        batch.drop_column('purpose')
    with op.batch_alter_table('recipient') as batch:
        batch.drop_column('rank')
