"""What loading, reading and reporting a plan ask of the database."""

from __future__ import annotations

from datetime import date, datetime, tzinfo
from pathlib import Path
from typing import Protocol

from bot.domain.agencies import Agency, Directory, Lookup
from bot.domain.amendments import Amendment, Applied, Note
from bot.domain.deadlines import Deadline
from bot.domain.interpret import SyncReport
from bot.domain.operations import CodedItem, StatusFigures
from bot.domain.plan import Plan
from bot.domain.report_data import ReportData


class PlanStore(Protocol):
    """Loading plans and directories, the plan as a whole, reports and operations (storage/plan_store.py).

    ``plan_slug=None`` means the newest plan; a missing plan raises ``bot.domain.errors.NoPlan``, a missing
    item ``UnknownItem``; a foreign, corrupt or newer database ``DatabaseUnusable``."""

    # schema and files
    def schema_revision(self) -> str | None:
        """The database's schema revision (None: empty)."""

    def schema_head(self) -> str:
        """The newest schema revision this program knows."""

    def upgrade_schema(self) -> tuple[str | None, str]:
        """Create or upgrade the schema: (revision before, revision after)."""

    def has_plan(self, *, plan_slug: str | None = None) -> bool:
        """Whether the schema exists and holds a plan."""

    def backup_to(self, *, target: Path) -> int:
        """Copy a SQLite database to ``target`` (online); its size in bytes. ``BackupUnsupported`` otherwise."""

    # loading
    def load_plan(
        self,
        *,
        plan: Plan,
        directory: Directory,
        now: datetime,
        source_file: str = "",
        strict: bool = False,
        sources: dict | None = None,
    ) -> SyncReport:
        """Interpret (bot.domain.interpret) and upsert a plan; agencies not in ``directory`` (nor imported
        for its province) are retired, other provinces' open work deactivated; ``sources`` recorded;
        ``strict``: ``UnknownAgencies``, nothing written."""

    def loaded_sources(self, *, plan_slug: str | None = None) -> dict | None:
        """What ``init`` loaded (plan_file, plan_text, agencies_file, agencies_text, province, imported);
        None for an empty database."""

    def known_directory(self, *, directory: Directory) -> Directory:
        """``directory`` plus the agencies only the database knows (imported communes)."""

    def import_agencies(
        self, *, agencies: list[Agency], plan: Plan, directory: Directory, now: datetime, source_file: str = ""
    ) -> tuple[list[str], list[str], SyncReport]:
        """Add/update communes, then reload the plan: (added keys, updated keys, report)."""

    def agencies(self, *, kind: str | None = None, retired: bool = False) -> list[dict]:
        """Agencies as dicts (key, name, short, kind, parent); ``retired``: only those retired, with
        ``successor`` and ``successor_name`` (empty when no agency replaced them)."""

    def plan_office_name(self) -> str:
        """The coordinating office as the newest plan names it; "" when no plan is loaded."""

    def find_agency(self, *, query: str) -> Lookup:
        """An agency typed by a person: one match or candidates."""

    # the plan
    def plan_items(self, *, plan_slug: str | None = None) -> list[dict]:
        """Every live item with agencies, reading and status (``plan show``)."""

    def plan_codes(self, *, plan_slug: str | None = None) -> list[str]:
        """Codes of the plan's live items."""

    def coded_item(self, *, code: str, plan_slug: str | None = None) -> CodedItem:
        """Type, secrecy and deadline in force of one item (exact code)."""

    def set_due(self, *, code: str, due: date, actor: str, now: datetime, plan_slug: str | None = None) -> Deadline:
        """Record a coordinator's date; the reading in force afterwards."""

    def schedule_inspection_by_code(
        self,
        *,
        code: str,
        day: date,
        actor: str,
        now: datetime,
        surprise: bool | None = None,
        plan_slug: str | None = None,
    ) -> bool:
        """Set an inspection's date; whether it is a surprise inspection."""

    # amend: amendments by a later decision (storage/amendments.py)
    def amend_apply(
        self,
        *,
        plan: Plan,
        directory: Directory,
        amendment: Amendment,
        document: str,
        effective: date,
        actor: str,
        now: datetime,
        zone: tzinfo,
        plan_file: str,
        plan_text: str,
        channel: str = "cli",
    ) -> Applied:
        """Apply ``amendment`` (what ``plan`` changes) as one transaction: statuses and evidence kept, removed
        items and assignments retired, work closed before ``effective`` kept on its old date, the new file
        recorded as the plan loaded; one audit row ("amendment") per item touched, with ``channel``."""

    def amend_history(self, *, item_id: int | None = None, code: str = "", plan_slug: str | None = None) -> list[Note]:
        """An item's amendments, oldest first (by id, or by exact code, retired items included)."""

    # reports
    def report_data(
        self, *, zone: tzinfo, plan_slug: str | None = None, plan_id: int | None = None, with_history: bool = False
    ) -> ReportData:
        """What bot.reports.build needs, loaded once (history only when asked: the workbook's log)."""

    # operations
    def groups_waiting(self, *, plan_slug: str | None = None) -> dict[str, int]:
        """Empty group name → how many items wait for its members, as the last load counted."""
        ...

    def status_figures(self, *, since: datetime, month: str) -> StatusFigures:
        """Figures for ``status``: last sweep, sends since ``since``, retries, failures, chats, Zalo usage."""

    def create_invite(self, *, agency_key: str, code: str, role: str, now: datetime, expires_at: datetime) -> None:
        """A one-use invite linking a chat to an agency."""

    def officers(self) -> list[dict]:
        """Every linked chat as a dict (channel, chat_id, agency, role, name, active, ...)."""

    def revoke_chat(
        self,
        *,
        chat_id: str,
        channel: str | None = None,
        actor: str = "CLI",
        via: str = "cli",
        now: datetime | None = None,
    ) -> int:
        """Deactivate a chat; the number of links revoked (audited as ``actor`` through ``via``)."""
