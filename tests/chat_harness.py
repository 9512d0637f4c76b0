"""The real python-telegram-bot Application over a real SQLite file, with the network faked."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func
from sqlmodel import Session, select
from telegram import Update

from bot.core import CommandCore, CoreConfig
from bot.ports import FixedClock
from bot.transports.telegram import TelegramTransport
from storage import registry, work
from storage.store import SqlStore
from storage.models import AssignmentRow, AuditRow, ItemRow
from tests.telegram_fake import TOKEN, FakeBotAPI

ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
JULY = datetime(2023, 7, 10, 9, 0, tzinfo=ZONE)
DEMO_OFFICE = "Văn phòng UBND tỉnh"  # the bundled Hải Dương plan's coordinating office, as chat texts name it


async def register(h, chat_id: int, agency: str, role: str = "officer") -> None:
    """Link a chat the way an officer does: an invite, then /start CODE."""
    from tests.telegram_fake import message

    await h.send(message(chat_id, f"/start {h.invite(agency, role)}"))


class Ticks:
    """A monotonic clock for flood control that moves only when told (real elapsed time, faked)."""

    def __init__(self) -> None:
        self.value = 1000.0

    def __call__(self) -> float:
        return self.value


@dataclass
class Harness:
    app: object
    fake: FakeBotAPI
    engine: object
    clock: FixedClock
    core: CommandCore
    ticks: Ticks

    def elapse(self, seconds: float) -> None:
        """Real time passes (flood control), whatever the business clock says."""
        self.ticks.value += seconds

    async def send(self, update: dict) -> None:
        await self.app.process_update(Update.de_json(update, self.app.bot))

    def invite(
        self, agency_key: str, role: str = "officer", code: str | None = None, ttl: timedelta = timedelta(days=7)
    ) -> str:
        code = code or f"code-{agency_key}-{role}-{len(self.fake.calls)}"
        with Session(self.engine) as s:
            registry.create_invite(
                s,
                code=code,
                agency_id=work.agency_ids(s)[agency_key],
                role=role,
                now=self.clock.now(),
                expires_at=self.clock.now() + ttl,
            )
            s.commit()
        return code

    def assignment(self, code: str, agency_key: str, role: str = "lead") -> AssignmentRow:
        with Session(self.engine) as s:
            aid = work.agency_ids(s)[agency_key]
            return s.exec(
                select(AssignmentRow)
                .join(ItemRow)
                .where(ItemRow.code == code, AssignmentRow.agency_id == aid, AssignmentRow.role == role)
            ).one()

    def events(self, action: str | None = None) -> int:
        """Changes recorded about plan items (the audit trail's rows that name an item)."""
        with Session(self.engine) as s:
            q = select(func.count()).select_from(AuditRow).where(AuditRow.item_id.is_not(None))
            if action:
                q = q.where(AuditRow.action == action)
            return s.exec(q).one()


def build(engine, now: datetime, *, config: CoreConfig | None = None, on_failure=None) -> tuple:
    clock = FixedClock(now)
    ticks = Ticks()
    core = CommandCore(SqlStore(engine), clock, ZONE, config or CoreConfig(), monotonic=ticks)
    fake = FakeBotAPI()
    transport = TelegramTransport(core, on_permanent_failure=on_failure)
    app = transport.build(TOKEN, request=fake.request(), get_updates_request=fake.request())
    return Harness(app, fake, engine, clock, core, ticks), transport
