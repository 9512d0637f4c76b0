"""Extensions (gia hạn) of one agency's deadline, and the append-only audit trail (audit_log), which
triggers keep append-only; the status history so far is copied into it.

Revision ID: 0004_gov
Revises: 0003
Create Date: 2026-11-30 15:30:00
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = '0004_gov'
down_revision = '0003'
branch_labels = None
depends_on = None

_REFUSE = "audit_log is append-only"


def upgrade() -> None:
    op.create_table(
        'extension',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('plan_id', sa.Integer(), nullable=False),
        sa.Column('item_id', sa.Integer(), nullable=False),
        sa.Column('assignment_id', sa.Integer(), nullable=False),
        sa.Column('agency_id', sa.Integer(), nullable=False),
        sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column('original_due', sa.Date(), nullable=False),
        sa.Column('new_due', sa.Date(), nullable=False),
        sa.Column('reason', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column('requested_by', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column('requested_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column('channel', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column('chat_id', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column('decided_by', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column('decided_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column('document', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column('decision_note', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.ForeignKeyConstraint(['agency_id'], ['agency.id']),
        sa.ForeignKeyConstraint(['assignment_id'], ['assignment.id']),
        sa.ForeignKeyConstraint(['item_id'], ['item.id']),
        sa.ForeignKeyConstraint(['plan_id'], ['plan.id']),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_extension_item_id', 'extension', ['item_id'])
    op.create_index('ix_extension_assignment', 'extension', ['assignment_id', 'status'])
    op.create_table(
        'audit_log',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column('business_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column('actor', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column('channel', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column('action', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column('plan_id', sa.Integer(), nullable=True),
        sa.Column('item_id', sa.Integer(), nullable=True),
        sa.Column('assignment_id', sa.Integer(), nullable=True),
        sa.Column('agency_id', sa.Integer(), nullable=True),
        sa.Column('code', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column('agency', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
        sa.Column('before', sa.JSON(), nullable=False),
        sa.Column('after', sa.JSON(), nullable=False),
        sa.Column('note', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_audit_log_at', 'audit_log', ['at'])
    op.create_index('ix_audit_log_agency_at', 'audit_log', ['agency_id', 'at'])
    # The history so far: one audit row per status event (real and business time were the same clock).
    op.execute(
        "INSERT INTO audit_log (at, business_at, actor, channel, action, plan_id, item_id, assignment_id, agency_id, "
        "code, agency, before, after, note) "
        "SELECT e.at, e.at, e.actor, '', e.action, i.plan_id, e.item_id, e.assignment_id, a.agency_id, i.code, "
        "COALESCE(g.name, ''), '{}', e.data, e.note FROM status_event e JOIN item i ON i.id = e.item_id "
        "LEFT JOIN assignment a ON a.id = e.assignment_id LEFT JOIN agency g ON g.id = a.agency_id ORDER BY e.id")
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS "
                   f"$$ BEGIN RAISE EXCEPTION '{_REFUSE}'; END $$")
        op.execute("CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log "
                   "FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()")
    else:
        for verb in ("UPDATE", "DELETE"):
            op.execute(f"CREATE TRIGGER audit_log_no_{verb.lower()} BEFORE {verb} ON audit_log "
                       f"BEGIN SELECT RAISE(ABORT, '{_REFUSE}'); END")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS audit_log_append_only ON audit_log")
        op.execute("DROP FUNCTION IF EXISTS audit_log_append_only()")
    op.drop_index('ix_audit_log_agency_at', table_name='audit_log')
    op.drop_index('ix_audit_log_at', table_name='audit_log')
    op.drop_table('audit_log')
    op.drop_index('ix_extension_assignment', table_name='extension')
    op.drop_index('ix_extension_item_id', table_name='extension')
    op.drop_table('extension')
