"""The channel part of the store (see bot.ports.ChannelStore)."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import select

from bot.domain.agencies import Lookup
from storage import registry, work
from storage.base import SqlBase
from storage.models import AgencyRow, RecipientRow

EMAIL = "email"   # the channel name of e-mail recipients


class SqlChannelStore(SqlBase):
    """Implements bot.ports.ChannelStore."""

    # --- e-mail addresses (recipients with channel "email", chat_id = the address; officers of their agency)

    def email_agency(self, *, name: str) -> Lookup:
        """The agency a person typed, found as `invite` finds it (accents and case do not matter)."""
        with self.session() as s:
            return work.directory_from_db(s).lookup(name)

    def add_email_address(self, *, agency_key: str, address: str, name: str, now: datetime) -> str:
        """Link ``address`` as an officer of the agency ``agency_key`` (again active if it was disabled);
        returns the agency's name."""
        with self.session() as s:
            agency = s.exec(select(AgencyRow).where(AgencyRow.key == agency_key)).one()
            registry.link_chat(s, channel=EMAIL, chat_id=address, agency_id=agency.id, role="officer",
                               display_name=name, now=now)
            s.commit()
            return agency.name

    def email_addresses(self) -> list[dict]:
        """Every e-mail address, active or not, oldest first: dicts with address, agency, name, active,
        disabled_reason, since (ISO time)."""
        with self.session() as s:
            q = (select(RecipientRow, AgencyRow.name).join(AgencyRow, AgencyRow.id == RecipientRow.agency_id)
                 .where(RecipientRow.channel == EMAIL).order_by(RecipientRow.id))
            return [{"address": r.chat_id, "agency": agency, "name": r.display_name, "active": r.active,
                     "disabled_reason": r.disabled_reason, "since": r.created_at.isoformat()}
                    for r, agency in s.exec(q)]

    def remove_email_address(self, *, address: str) -> bool:
        """Stop sending to ``address`` (the row stays, inactive, for the reminders' history); False if
        no active address matches."""
        with self.session() as s:
            n = registry.remove_by_chat(s, chat_id=address, channel=EMAIL)
            s.commit()
            return n > 0
