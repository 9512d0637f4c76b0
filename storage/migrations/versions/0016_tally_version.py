"""A version per agency, bumped by the database on every write that can change its overdue counts: /trehan
keeps its counts between calls and recounts only the agencies whose version moved (storage/tallies.py).
Triggers, so that every writer is seen — this process, another, the CLI, a copy.

Revision ID: 0016
Revises: 0015
Create Date: 2026-11-30 21:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

# What an overdue count reads of an assignment: a change to any of these moves its agency's version.
COLUMNS = ("agency_id", "plan_id", "item_id", "role", "active", "status", "due")
_BUMP = "ON CONFLICT (agency_id) DO UPDATE SET version = tally_version.version + 1"

SQLITE = [
    f"""CREATE TRIGGER tally_assignment_insert AFTER INSERT ON assignment BEGIN
        INSERT INTO tally_version (agency_id, version) VALUES (NEW.agency_id, 1) {_BUMP};
    END""",
    f"""CREATE TRIGGER tally_assignment_update AFTER UPDATE OF {", ".join(COLUMNS)} ON assignment BEGIN
        INSERT INTO tally_version (agency_id, version) VALUES (NEW.agency_id, 1) {_BUMP};
        INSERT INTO tally_version (agency_id, version) SELECT OLD.agency_id, 1
            WHERE OLD.agency_id != NEW.agency_id {_BUMP};
    END""",
    f"""CREATE TRIGGER tally_assignment_delete AFTER DELETE ON assignment BEGIN
        INSERT INTO tally_version (agency_id, version) VALUES (OLD.agency_id, 1) {_BUMP};
    END""",
    f"""CREATE TRIGGER tally_item_kind AFTER UPDATE OF deadline_kind ON item BEGIN
        INSERT INTO tally_version (agency_id, version)
            SELECT DISTINCT agency_id, 1 FROM assignment WHERE item_id = NEW.id {_BUMP};
    END""",
]

_CHANGED = " OR ".join(f"n.{c} IS DISTINCT FROM o.{c}" for c in COLUMNS)
POSTGRESQL = [
    # One statement-level trigger per event (transition tables allow no more), the agencies bumped in
    # their id order: two bulk writers lock the version rows in the same order.
    f"""CREATE FUNCTION tally_bump_assignment() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'INSERT' THEN
            INSERT INTO tally_version (agency_id, version)
                SELECT DISTINCT agency_id, 1 FROM new_rows ORDER BY agency_id {_BUMP};
        ELSIF TG_OP = 'DELETE' THEN
            INSERT INTO tally_version (agency_id, version)
                SELECT DISTINCT agency_id, 1 FROM old_rows ORDER BY agency_id {_BUMP};
        ELSE
            INSERT INTO tally_version (agency_id, version)
                SELECT DISTINCT a, 1 FROM (
                    SELECT n.agency_id AS a FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE {_CHANGED}
                    UNION SELECT o.agency_id FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE {_CHANGED}
                ) changed ORDER BY a {_BUMP};
        END IF;
        RETURN NULL;
    END $$""",
    """CREATE TRIGGER tally_assignment_insert AFTER INSERT ON assignment REFERENCING NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION tally_bump_assignment()""",
    """CREATE TRIGGER tally_assignment_update AFTER UPDATE ON assignment
        REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION tally_bump_assignment()""",
    """CREATE TRIGGER tally_assignment_delete AFTER DELETE ON assignment REFERENCING OLD TABLE AS old_rows
        FOR EACH STATEMENT EXECUTE FUNCTION tally_bump_assignment()""",
    f"""CREATE FUNCTION tally_bump_item() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        INSERT INTO tally_version (agency_id, version)
            SELECT DISTINCT a.agency_id, 1 FROM new_items n JOIN old_items o ON o.id = n.id
                JOIN assignment a ON a.item_id = n.id
                WHERE n.deadline_kind IS DISTINCT FROM o.deadline_kind ORDER BY a.agency_id {_BUMP};
        RETURN NULL;
    END $$""",
    """CREATE TRIGGER tally_item_kind AFTER UPDATE ON item REFERENCING OLD TABLE AS old_items NEW TABLE AS new_items
        FOR EACH STATEMENT EXECUTE FUNCTION tally_bump_item()""",
]
TRIGGERS = (
    ("tally_assignment_insert", "assignment"),
    ("tally_assignment_update", "assignment"),
    ("tally_assignment_delete", "assignment"),
    ("tally_item_kind", "item"),
)


def upgrade() -> None:
    op.create_table(
        "tally_version",
        sa.Column("agency_id", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("version", sa.BigInteger(), nullable=False, server_default="0"),
    )
    sqlite = op.get_bind().dialect.name == "sqlite"
    for statement in SQLITE if sqlite else POSTGRESQL:
        op.execute(statement)


def downgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    for name, table in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}" + ("" if sqlite else f" ON {table}"))
    if not sqlite:
        op.execute("DROP FUNCTION IF EXISTS tally_bump_assignment()")
        op.execute("DROP FUNCTION IF EXISTS tally_bump_item()")
    op.drop_table("tally_version")
