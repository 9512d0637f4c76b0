"""What one command needs while it runs: the store, the sender, the time, helpers for replies."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone, tzinfo
from functools import cached_property
from typing import Any

from bot.domain.chat_records import AgencyRef, Dialog, ItemInfo, ItemWork, KnownAgencies, Officer
from bot.domain.codes import canonical, lookup
from bot.domain.texts import chat as chat_texts
from bot.ports import Button, Inbound, Outbound, Store


@dataclass
class Ctx:
    store: Store  # the core asks chat use cases, and extensions' (bot.ports.GovernanceStore)
    inbound: Inbound
    now: datetime
    today: date
    plan_id: int | None
    plan_year: int
    province: str
    zone: tzinfo = timezone.utc
    plan_title: str = ""  # the plan's own title (issue 11 §3: no demo wording)
    # the coordinating office as the plan names it, read with the chat context ("" → asked of the store
    # when a text needs it, e.g. on the web desk)
    plan_office: str = ""
    officer: Officer | None = None
    stored_dialog: Dialog | None = None  # the chat's dialog row as stored (possibly expired)
    carried: dict[str, Any] = field(default_factory=dict)  # a numbered choice's dialog, kept after it is answered
    fresh_dialog: bool = False  # the dialog was set while handling this message
    out: list[Outbound] = field(default_factory=list)

    @property
    def agency(self) -> AgencyRef | None:
        return self.officer.agency if self.officer else None

    @cached_property
    def agencies(self) -> KnownAgencies:
        """Loaded only by the commands that look an agency up."""
        return self.store.known_agencies(province=self.province)

    @cached_property
    def office(self) -> str:
        """ "Văn phòng UBND tỉnh", "Văn phòng UBND thành phố", "Văn phòng Bộ": who coordinates the plan, for
        texts that send people to it (no statement when the chat context carried it)."""
        return self.plan_office or self.store.plan_office_name() or chat_texts.OFFICE_UNKNOWN

    @property
    def coordinator(self) -> bool:
        return self.officer is not None and self.officer.coordinator

    @property
    def actor(self) -> str:
        name = self.inbound.sender or f"{self.inbound.channel}:{self.inbound.chat_id}"
        return f"{name} ({self.agency.name})" if self.agency else name

    def reply(self, text: str, *, title: str = "", buttons: tuple[tuple[Button, ...], ...] = ()) -> None:
        self.out.append(Outbound(self.inbound.channel, self.inbound.chat_id, text, title, buttons))

    # --- the pending question -------------------------------------------------------------
    @property
    def dialog(self) -> Dialog | None:
        """The chat's pending question, if it has not expired."""
        d = self.stored_dialog
        return d if d is not None and d.live(self.now) else None

    def set_dialog(self, kind: str, data: dict[str, Any], ttl: timedelta) -> None:
        expires_at = self.now + ttl
        self.store.set_dialog(
            channel=self.inbound.channel, chat_id=self.inbound.chat_id, kind=kind, data=data, expires_at=expires_at
        )
        self.stored_dialog = Dialog(kind, data, expires_at)
        self.fresh_dialog = True

    def clear_dialog(self) -> None:
        """Forget the pending question (no statement when there is none)."""
        if self.stored_dialog is not None:
            self.store.clear_dialog(channel=self.inbound.channel, chat_id=self.inbound.chat_id)
            self.stored_dialog = None

    # --- item codes ---------------------------------------------------------------------
    @property
    def sees_inspections(self) -> bool:
        """Inspections are the inspector's and coordinators' business; surprise ones stay secret."""
        return self.coordinator or (self.agency is not None and self.agency.kind == "province_office")

    def visible(self, item: ItemInfo) -> bool:
        return item.type != "inspection" or self.sees_inspections

    def find_item(self, typed: str) -> ItemWork | None:
        """The item a typed code names (one query when it is well formed and known), or None after
        replying with suggestions (which loads the plan's codes)."""
        canon = canonical(typed)
        if canon:
            found = self.store.find_item(plan_id=self.plan_id, code=canon)
            if found is not None and self.visible(found.item):
                return found
        codes = self.store.item_codes(plan_id=self.plan_id, inspections=self.sees_inspections)
        hit = lookup(typed, codes)
        if hit.code and hit.code != canon:
            found = self.store.find_item(plan_id=self.plan_id, code=hit.code)
            if found is not None and self.visible(found.item):
                return found
        msg = chat_texts.UNKNOWN_CODE.format(typed=typed.strip()[:40])
        msg += chat_texts.SUGGEST.format(codes=", ".join(hit.suggestions)) if hit.suggestions else chat_texts.CODE_HINT
        self.reply(msg)
        return None
