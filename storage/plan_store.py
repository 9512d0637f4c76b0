"""The plan part of the store (see bot.ports.PlanStore): loading plans and directories, the plan as a
whole, reports and the operator's commands. Methods take keyword-only arguments and return domain
dataclasses or plain data; each is one session (one transaction when it writes)."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import func, select
from sqlmodel import Session

from bot.domain.agencies import Agency, Directory, Lookup
from bot.domain.deadlines import Deadline
from bot.domain.errors import BackupUnsupported, NoPlan, UnknownAgencies, UnknownItem
from bot.domain.interpret import SyncReport
from bot.domain.operations import CodedItem, StatusFigures
from bot.domain.plan import Plan
from bot.domain.report_data import ReportData
from storage import audit, office, queries, registry, reports, successors, sync, work
from storage.amendments import SqlAmendStore
from storage.engine import sqlite_path
from storage.migrate import check, head_revision, upgrade
from storage.models import AgencyRow, PlanRow, ReminderRow, SweepRow


def _plan_id(s: Session, plan_slug: str | None) -> int:
    try:
        return queries.get_plan(session=s, slug=plan_slug).id
    except queries.NotFound:
        raise NoPlan(plan_slug or "") from None


class SqlPlanStore(SqlAmendStore):
    """Implements bot.ports.PlanStore."""

    # --- schema and files ------------------------------------------------------------------------
    def schema_revision(self) -> str | None:
        """The database's schema revision (None: empty); raises DatabaseUnusable for a foreign/newer one."""
        return check(self.engine)

    def schema_head(self) -> str:
        """The newest schema revision this program knows."""
        return head_revision()

    def upgrade_schema(self) -> tuple[str | None, str]:
        """Create or upgrade the schema: (revision before, revision after)."""
        return upgrade(self.engine)

    def has_plan(self, *, plan_slug: str | None = None) -> bool:
        """Whether the schema exists and holds a plan (the newest when no slug)."""
        if check(self.engine) is None:
            return False
        with self.session() as s:
            try:
                _plan_id(s, plan_slug)
                return True
            except NoPlan:
                return False

    def backup_to(self, *, target: Path) -> int:
        """Copy a SQLite database to ``target`` while the bot may keep writing; return its size in bytes.
        Raises BackupUnsupported for other databases."""
        path = sqlite_path(self.engine.url.render_as_string(hide_password=False))
        if path is None:
            raise BackupUnsupported(self.engine.url.get_backend_name())
        target.parent.mkdir(parents=True, exist_ok=True)
        src = sqlite3.connect(str(path), timeout=30)
        dst = sqlite3.connect(str(target))
        try:
            src.backup(dst)  # SQLite's online backup: a consistent copy while the bot keeps writing
        finally:
            dst.close()
            src.close()
        return target.stat().st_size

    # --- loading -----------------------------------------------------------------------------------
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
        """Interpret ``plan`` against ``directory`` plus the communes imported for it and upsert it
        (idempotent). Agencies not in that directory are retired (their open work deactivated, history
        kept), and so is the open work of other provinces' plans. ``sources`` (the files' paths and texts,
        the directory's province) is recorded for later commands. ``strict``: raise UnknownAgencies and
        write nothing if a cell names no agency."""
        with self.session() as s:
            imported = self._kept_imports(s, directory)
            if sources is not None:
                sources = {**sources, "imported": imported}
            succession = successors.move_to_successors(s, directory, now=now)  # before retiring: work moves
            retired, n_off = sync.retire_absent(s, set(directory.agencies) | set(imported))
            report = sync.sync_plan(s, plan, directory, now=now, source_file=source_file, sources=sources)
            quieted, n_quiet = sync.quiet_other_provinces(s, plan)
            report.agencies_retired, report.plans_quieted = succession.retired + retired, quieted
            report.agencies_added = succession.added + report.agencies_added
            report.moved = [(m.code, m.former, m.successor) for m in succession.moves]
            report.assignments_deactivated += n_off + n_quiet
            if strict and report.unknown_agencies:
                s.rollback()
                raise UnknownAgencies(report.unknown_agencies)
            s.commit()
        return report

    @staticmethod
    def _kept_imports(s: Session, directory: Directory) -> list[str]:
        """The communes ``agencies import`` added for this directory's province (kept on a reload)."""
        before = sync.recorded_sources(s)
        if not before or not sync.same_province(before.get("province"), directory.province):
            return []
        imported = before.get("imported")
        if imported is None:  # a database loaded before imports were recorded: every commune it alone knows
            imported = [
                r.key
                for r in s.exec(select(AgencyRow).where(AgencyRow.kind == "commune"))
                if r.key not in directory.agencies
            ]
        return sorted(imported)

    def loaded_sources(self, *, plan_slug: str | None = None) -> dict | None:
        """What ``init`` loaded (plan_file, plan_text, agencies_file, agencies_text, province, imported),
        from the newest plan's record; None for an empty database (a missing SQLite file is not created)."""
        path = sqlite_path(self.engine.url.render_as_string(hide_password=False))
        if (path is not None and not path.exists()) or check(self.engine) is None:
            return None
        with self.session() as s:
            return sync.recorded_sources(s, plan_slug)

    def known_directory(self, *, directory: Directory) -> Directory:
        """``directory`` plus the agencies only the database knows (imported communes)."""
        with self.session() as s:
            return sync.full_directory(s, directory)

    def import_agencies(
        self, *, agencies: list[Agency], plan: Plan, directory: Directory, now: datetime, source_file: str = ""
    ) -> tuple[list[str], list[str], SyncReport]:
        """Add or update agencies the directory file lacks (communes), then reload the plan so groups
        such as "UBND cấp xã" include them: (added keys, updated keys, the reload's report)."""
        with self.session() as s:
            added, updated = sync.add_agencies(s, agencies)
            known = directory
            for a in agencies:  # the communes as read, with the former communes they replace
                known = known.with_agency(a)
            succession = successors.move_to_successors(s, known, now=now)
            sources = sync.recorded_sources(s, plan.id)
            if sources is not None and "plan_text" in sources:  # the communes stay with this directory
                sources["imported"] = sorted(set(sources.get("imported") or ()) | {a.key for a in agencies})
            report = sync.sync_plan(
                s,
                plan,
                directory,
                now=now,
                source_file=source_file,
                sources=sources if sources and "plan_text" in sources else None,
            )
            report.agencies_retired = succession.retired + report.agencies_retired
            report.moved = [(m.code, m.former, m.successor) for m in succession.moves]
            s.commit()
        return added, updated, report

    def agencies(self, *, kind: str | None = None, retired: bool = False) -> list[dict]:
        """Agencies in the current directory (key, name, short, kind, parent) by kind then load order;
        ``retired``: only those no longer in it (kept for history), with ``successor`` (key) and
        ``successor_name`` when the directory says which agency replaced them."""
        with self.session() as s:
            q = select(
                AgencyRow.key,
                AgencyRow.name,
                AgencyRow.short,
                AgencyRow.kind,
                AgencyRow.parent_key,
                AgencyRow.successor_key,
            )
            q = q.where(AgencyRow.active.is_(not retired))
            if kind:
                q = q.where(AgencyRow.kind == kind)
            rows = s.execute(q.order_by(AgencyRow.kind, AgencyRow.id)).all()
            names: dict[str, str] = dict(s.execute(select(AgencyRow.key, AgencyRow.name)).all()) if retired else {}
        out = [{"key": k, "name": n, "short": sh, "kind": kd, "parent": p} for k, n, sh, kd, p, _ in rows]
        if retired:  # the agency that took over the work, when the directory names one
            for d, (*_, succ) in zip(out, rows):
                d["successor"] = succ
                d["successor_name"] = names.get(succ, "") if succ else ""
        return out

    def plan_office_name(self) -> str:
        """The coordinating office as the newest plan names it ("Văn phòng UBND thành phố", "Văn phòng Bộ");
        "" when no plan is loaded."""
        if check(self.engine) is None:
            return ""
        with self.session() as s:
            return office.plan_office(s)

    def find_agency(self, *, query: str) -> Lookup:
        """An agency typed by a person (name, short name or alias): one match or candidates."""
        with self.session() as s:
            return work.directory_from_db(s).lookup(query)

    # --- the plan ----------------------------------------------------------------------------------
    def plan_items(self, *, plan_slug: str | None = None) -> list[dict]:
        """Every live item with its agencies, reading and status, in plan order (``plan show``)."""
        with self.session() as s:
            return queries.plan_items(session=s, plan_id=_plan_id(s, plan_slug))

    def plan_codes(self, *, plan_slug: str | None = None) -> list[str]:
        """The codes of the plan's live items (for lookups with suggestions)."""
        with self.session() as s:
            return queries.item_codes(session=s, plan_id=_plan_id(s, plan_slug))

    def coded_item(self, *, code: str, plan_slug: str | None = None) -> CodedItem:
        """Type, secrecy and deadline in force of the item ``code`` (exact); UnknownItem if none."""
        with self.session() as s:
            row = work.item_by_code(s, plan_id=_plan_id(s, plan_slug), code=code)
            if row is None:
                raise UnknownItem(code)
            return CodedItem(row.code, row.type, row.surprise, queries.effective_deadline(row))

    def set_due(self, *, code: str, due: date, actor: str, now: datetime, plan_slug: str | None = None) -> Deadline:
        """A coordinator's date for the item ``code``: recorded, assignments re-sorted; the new reading."""
        with self.session() as s:
            try:
                row = queries.set_due(
                    session=s, plan_id=_plan_id(s, plan_slug), code=code, due=due, actor=actor, now=now
                )
            except queries.NotFound:
                raise UnknownItem(code) from None
            dl = queries.effective_deadline(row)
            s.commit()
        return dl

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
        """Set an inspection's date; return whether it is a surprise (never announced to the unit)."""
        with self.session() as s:
            row = work.item_by_code(s, plan_id=_plan_id(s, plan_slug), code=code)
            if row is None:
                raise UnknownItem(code)
            queries.schedule_inspection(session=s, item=row, day=day, actor=actor, now=now, surprise=surprise)
            secret = bool(row.surprise)
            s.commit()
        return secret

    # --- reports -----------------------------------------------------------------------------------
    def report_data(
        self, *, zone, plan_slug: str | None = None, plan_id: int | None = None, with_history: bool = False
    ) -> ReportData:
        """What reports are built from (bot.reports.build): rows, inspected units, the history if asked."""
        with self.session() as s:
            pid = plan_id if plan_id is not None else _plan_id(s, plan_slug)
            return reports.report_data(s, plan_id=pid, zone=zone, with_history=with_history)

    # --- operations --------------------------------------------------------------------------------
    def groups_waiting(self, *, plan_slug: str | None = None) -> dict[str, int]:
        """Empty group name → how many items wait for its members, as the last load counted."""
        with self.session() as s:
            q = select(PlanRow.meta)
            q = q.where(PlanRow.slug == plan_slug) if plan_slug else q.order_by(PlanRow.id.desc())
            meta = s.execute(q).scalars().first()
        return dict((meta or {}).get("waiting_groups") or {})

    def status_figures(self, *, since: datetime, month: str) -> StatusFigures:
        """Sweep and send figures for ``status``: sent since ``since``, retries, failures, chats."""
        with self.session() as s:
            last = s.execute(select(func.max(SweepRow.day)).where(SweepRow.finished_at.is_not(None))).scalar_one()
            counts: dict = dict(
                s.execute(
                    select(ReminderRow.status, func.count())
                    .where(
                        ((ReminderRow.status == "sent") & (ReminderRow.sent_at >= since))
                        | ((ReminderRow.status == "pending") & (ReminderRow.attempts > 0))
                        | (ReminderRow.status == "failed")
                    )
                    .group_by(ReminderRow.status)
                ).all()
            )
            disabled = [f"{r.channel}:{r.chat_id} ({a.name})" for r, a in registry.all_recipients(s) if not r.active]
            missing = registry.agencies_without_recipient(s)
            zalo = registry.usage(s, channel="zalo", month=month)
            return StatusFigures(
                last,
                counts.get("sent", 0),
                counts.get("pending", 0),
                counts.get("failed", 0),
                disabled,
                missing,
                zalo.sent if zalo else 0,
                bool(zalo and zalo.exhausted),
            )

    def create_invite(self, *, agency_key: str, code: str, role: str, now: datetime, expires_at: datetime) -> None:
        """A one-use invite (only its hash is stored) linking a chat to the agency ``agency_key``."""
        with self.session() as s:
            registry.create_invite(
                s, code=code, agency_id=work.agency_ids(s)[agency_key], role=role, now=now, expires_at=expires_at
            )
            s.commit()

    def officers(self) -> list[dict]:
        """Every linked chat: channel, chat_id, agency, role, name, active, disabled_reason, preferred,
        person, since (ISO)."""
        with self.session() as s:
            return [
                {
                    "channel": r.channel,
                    "chat_id": r.chat_id,
                    "agency": a.name,
                    "role": r.role,
                    "name": r.display_name,
                    "active": r.active,
                    "disabled_reason": r.disabled_reason,
                    "preferred": r.preferred,
                    "person": r.person,
                    "rank": r.rank,
                    "since": r.created_at.isoformat(),
                }
                for r, a in registry.all_recipients(s)
            ]

    def revoke_chat(
        self,
        *,
        chat_id: str,
        channel: str | None = None,
        actor: str = "CLI",
        via: str = "cli",
        now: datetime | None = None,
    ) -> int:
        """Deactivate a chat (history kept); the number of links revoked. ``actor``/``via``: who revoked
        it and where (the CLI, or the web desk)."""
        with self.session() as s:
            n = registry.remove_by_chat(s, chat_id=chat_id, channel=channel)
            if n:
                audit.write(
                    s,
                    action="revoked",
                    actor=actor,
                    now=now,
                    channel=via,
                    before={"chat": f"{channel or '*'}:{chat_id}"},
                    after={"revoked": n},
                )
            s.commit()
        return n
