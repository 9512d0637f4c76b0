"""What one command needs while it runs: the session, the sender, the time, helpers for replies."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from datetime import date, datetime, timezone, tzinfo

from sqlmodel import Session

from bot.domain.agencies import Directory
from bot.domain.codes import lookup
from bot.domain.texts import chat as T
from bot.ports import Button, Inbound, Outbound
from storage import work
from storage.models import AgencyRow, ItemRow, RecipientRow

COORDINATOR = "coordinator"


@dataclass
class Ctx:
    session: Session
    inbound: Inbound
    now: datetime
    today: date
    plan_id: int | None
    plan_year: int
    province: str
    zone: tzinfo = timezone.utc
    recipient: RecipientRow | None = None
    agency: AgencyRow | None = None
    out: list[Outbound] = field(default_factory=list)

    @cached_property
    def directory(self) -> Directory:
        """Loaded only by the commands that look an agency up."""
        return work.directory_from_db(self.session, self.province)

    @property
    def coordinator(self) -> bool:
        return self.recipient is not None and self.recipient.role == COORDINATOR

    @property
    def actor(self) -> str:
        name = self.inbound.sender or f"{self.inbound.channel}:{self.inbound.chat_id}"
        return f"{name} ({self.agency.name})" if self.agency else name

    def reply(self, text: str, *, title: str = "", buttons: tuple[tuple[Button, ...], ...] = ()) -> None:
        self.out.append(Outbound(self.inbound.channel, self.inbound.chat_id, text, title, buttons))

    # --- item codes ---------------------------------------------------------------------
    def visible(self, row: ItemRow) -> bool:
        """Inspections are the inspector's and coordinators' business; surprise ones stay secret."""
        if row.type != "inspection":
            return True
        return self.coordinator or (self.agency is not None and self.agency.kind == "province_office")

    def find_item(self, typed: str) -> ItemRow | None:
        """The item a typed code names, or None after replying with suggestions."""
        codes = self._visible_codes()
        found = lookup(typed, codes)
        if found.code:
            row = work.item_by_code(self.session, plan_id=self.plan_id, code=found.code)
            if row is not None and self.visible(row):
                return row
        msg = T.UNKNOWN_CODE.format(typed=typed.strip()[:40])
        msg += T.SUGGEST.format(codes=", ".join(found.suggestions)) if found.suggestions else T.CODE_HINT
        self.reply(msg)
        return None

    def _visible_codes(self) -> list[str]:
        from sqlmodel import select
        q = select(ItemRow.code, ItemRow.type).where(ItemRow.plan_id == self.plan_id, ItemRow.retired == False)  # noqa: E712
        show_inspections = self.coordinator or (self.agency is not None and self.agency.kind == "province_office")
        return [c for c, t in self.session.exec(q) if t != "inspection" or show_inspections]
