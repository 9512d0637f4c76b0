"""The e-mail channel: the daily digest to agencies' official (công vụ) mailboxes, outbound only.

Turned on by ``SMTP_URL`` (with ``MAIL_FROM``). An address is a recipient with channel ``email`` and
chat_id = the address, an officer of its agency, added with ``nhacviec email add "AGENCY" ADDRESS``.
Mail has no buttons and nobody answers it: delivery drops the buttons, and the footer tells how to
answer by chat (Telegram/Zalo). Wire code lives in ``bot.transports.email``.
"""

from __future__ import annotations

import asyncio

import re
from argparse import Namespace
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from bot.channels.base import ChannelContext, Running
from bot.cli.plan_cmds import CliError
from bot.cli.render import print_json, table
from bot.domain import texts
from bot.domain.texts import reminders as reminder_texts
from bot.ports import Capabilities, Sender
from bot.transports.email import SmtpSender, parse_sender, parse_smtp_url

# local@domain: the dot-atom of RFC 5322 (what official mailboxes use), a domain of letters, digits and
# hyphens with at least one dot; at most 100 characters (the recipient table's chat_id).
_LOCAL = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_ADDRESS = re.compile(rf"^{_LOCAL}@{_LABEL}(?:\.{_LABEL})+$")


def normal_address(text: str) -> str | None:
    """The address as stored (trimmed, lower case), or None when it is not a plain e-mail address."""
    address = text.strip().lower()
    if len(address) > 100 or not _ADDRESS.match(address):
        return None
    return address


@dataclass
class _Running:
    sender: Sender

    async def wait(self) -> None:
        """Mail only sends: nothing ends by itself."""
        await asyncio.Event().wait()

    async def stop(self) -> None:
        """Nothing to close: every message opens and closes its own SMTP connection."""


class EmailChannel:
    """The e-mail channel plug-in (see bot.channels.base.Channel)."""

    name = "email"
    terminal = False
    capabilities = Capabilities(buttons=False, files=True, max_length=100_000, inbound=False)

    def configured(self, settings: Any) -> bool:
        """On when SMTP_URL is set (the settings require MAIL_FROM with it)."""
        return settings.smtp_url is not None

    def secrets(self, settings: Any) -> list[str]:
        """The SMTP password, as written in the URL and percent-decoded."""
        if settings.smtp_url is None:
            return []
        url = settings.smtp_url.get_secret_value()
        try:
            raw = urlsplit(url).password or ""
        except ValueError:
            return []
        return [s for s in {raw, parse_smtp_url(url).password} if s]

    def add_commands(self, sub: Any) -> None:
        """``nhacviec email add|list|remove``."""
        s = sub.add_parser("email", help=texts.EMAIL_HELP)
        esub = s.add_subparsers(dest="email_command", required=True)
        e = esub.add_parser("add", help=texts.EMAIL_ADD_HELP)
        e.add_argument("agency")
        e.add_argument("address")
        e.add_argument("--name", default="", help=texts.EMAIL_NAME_HELP)
        e.set_defaults(func=cmd_email_add)
        e = esub.add_parser("list", help=texts.EMAIL_LIST_HELP)
        e.add_argument("--json", action="store_true")
        e.set_defaults(func=cmd_email_list)
        e = esub.add_parser("remove", help=texts.EMAIL_REMOVE_HELP)
        e.add_argument("address")
        e.set_defaults(func=cmd_email_remove)

    async def start(self, ctx: ChannelContext, *, listen: bool) -> Running:
        """A sender over the configured SMTP server (``listen`` is ignored: mail is outbound only)."""
        settings = ctx.settings
        server = parse_smtp_url(settings.smtp_url.get_secret_value())
        office = ctx.store.plan_office_name() or reminder_texts.OFFICE_UNKNOWN
        return _Running(SmtpSender(server, parse_sender(settings.mail_from), email_footer(office)))


def email_footer(office: str) -> str:
    """The footer of every e-mail, naming the coordinating office of the plan."""
    return reminder_texts.EMAIL_FOOTER.format(office=office)


CHANNEL = EmailChannel()


# --- nhacviec email add | list | remove ---------------------------------------------------------------


def cmd_email_add(app, args: Namespace) -> int:
    """Link an address to the agency named (accents/case tolerant); a malformed address writes nothing."""
    app.require_schema()
    address = normal_address(args.address)
    if address is None:
        raise CliError(texts.EMAIL_BAD_ADDRESS.format(address=args.address))
    found = app.store.email_agency(name=args.agency)
    if found.agency is None:
        names = ", ".join(a.name for a in found.candidates[:8])
        raise CliError(
            texts.ERR_AGENCY.format(name=args.agency)
            + (" " + texts.ERR_CANDIDATES.format(names=names) if names else "")
        )
    name = " ".join(args.name.split())
    agency = app.store.add_email_address(agency_key=found.agency.key, address=address, name=name, now=app.clock.now())
    print(texts.EMAIL_ADDED.format(address=address, name=f" ({name})" if name else "", agency=agency))
    if not CHANNEL.configured(app.settings):
        print(texts.EMAIL_NOT_CONFIGURED)
    return 0


def cmd_email_list(app, args: Namespace) -> int:
    """Every address with its agency and whether mail still goes to it."""
    app.require_schema()
    rows = app.store.email_addresses()
    if args.json:
        print_json(rows)
        return 0
    if not rows:
        print(texts.EMAIL_NONE)
        return 0
    table(
        texts.EMAIL_HEADERS,
        [
            (
                r["address"],
                r["agency"],
                r["name"],
                texts.ACTIVE[True] if r["active"] else texts.EMAIL_DISABLED.format(reason=r["disabled_reason"]),
            )
            for r in rows
        ],
        limits=(40, 40, 24, 50),
    )
    return 0


def cmd_email_remove(app, args: Namespace) -> int:
    """Stop mailing an address (kept, inactive, for the history)."""
    app.require_schema()
    address = normal_address(args.address) or args.address.strip()
    if not app.store.remove_email_address(address=address):
        raise CliError(texts.EMAIL_REMOVE_NONE.format(address=address))
    print(texts.EMAIL_REMOVED.format(address=address))
    return 0
