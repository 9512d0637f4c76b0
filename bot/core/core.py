"""Dispatch: who is asking, what they typed or pressed, and which command answers."""

from __future__ import annotations

import logging
import time
from collections import deque
from dataclasses import dataclass, replace
from datetime import timedelta, tzinfo
from typing import Callable

from bot.core import (
    admin_cmds,
    evidence_cmds,
    extension_cmds,
    handover_cmds,
    link_cmds,
    view_cmds,
    web_cmds,
    work_cmds,
)
from bot.core.context import Ctx
from bot.domain.callbacks import valid_callback
from bot.domain.chat_records import INVITE_EXPIRED, INVITE_OK, INVITE_USED
from bot.domain.choices import CHOICES, CHOICES_UNSENT, number_choices
from bot.domain.commands import parse_command
from bot.domain.sanitize import clean_text
from bot.domain.texts import chat as chat_texts
from bot.domain.texts import evidence as ev_texts
from bot.domain.texts import vn_date
from bot.ports import Clock, Inbound, Outbound, Store

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class CoreConfig:
    bot_username: str = ""
    note_limit: int = 1000  # characters of a note kept; longer notes are cut with a notice
    flood_commands: int = 20  # at most this many commands per chat ...
    flood_seconds: int = 60  # ... within this many seconds; more are refused politely
    dialog_minutes: int = 30  # how long a pending question (progress note, choices) waits
    page_size: int = 8  # items per /todo page
    plan_slug: str | None = None
    inspection_notice: int = 7  # working days an inspected unit is told ahead
    calendar: object = None  # WorkCalendar, to say when the notice goes out
    preferred_channel: str = ""  # telegram | zalo: the channel reminders prefer when an officer has both
    period_due: object = None  # DueDefaults: recurring work's due day per cadence when the phrase names none
    default_recurrence: str = "quarterly"  # "Định kỳ" naming no period
    # False: officers cannot close ongoing work mid-plan (a coordinator ends it, with a reason); the
    # composition root sets False, the default keeps the older behaviour for embedders and old tests.
    officers_close_ongoing: bool = True
    # Issue 14 §4: /xong on an item whose product is a document asks for its number and date (or its file)
    # first; False by default for embedders and older tests, the composition root sets EVIDENCE_ASK_DOCUMENT.
    ask_document: bool = False
    evidence_max_bytes: int = 20 * 1024 * 1024  # a file larger than this is refused when files are stored
    web_base_url: str = ""  # the web desk's public address (WEB_BASE_URL): /web answers with a sign-in link


class CommandCore:
    """One command core for every channel. It sends nothing itself: it returns replies."""

    def __init__(
        self,
        store: Store,
        clock: Clock,
        zone: tzinfo,
        config: CoreConfig | None = None,
        *,
        monotonic: Callable[[], float] = time.monotonic,
    ):
        self.store = store
        self.clock = clock
        self.zone = zone
        self.config = config or CoreConfig()
        self.monotonic = monotonic  # real elapsed time for flood control (the business clock may stand still)
        self._recent: dict[tuple[str, str], deque] = {}

    # --- entry point ------------------------------------------------------------------------
    def handle(self, inbound: Inbound) -> list[Outbound]:
        """The replies to one message or button press (the text cleaned of control characters first)."""
        inbound = replace(inbound, text=clean_text(inbound.text), sender=clean_text(inbound.sender))
        now = self.clock.now()
        if inbound.edited:
            return [Outbound(inbound.channel, inbound.chat_id, chat_texts.EDITED)] if not inbound.group else []
        command = (
            None
            if inbound.callback
            else parse_command(inbound.text, bot_username=self.config.bot_username, bare=inbound.bare)
        )
        if command is None and inbound.callback is None and (inbound.group or inbound.text.lstrip().startswith("/")):
            return []  # people talking among themselves in a group, or a command for another bot
        if self._flooded(inbound):
            typed = inbound.text.strip()[:40] or "nút bấm"
            return [
                Outbound(
                    inbound.channel,
                    inbound.chat_id,
                    chat_texts.THROTTLED.format(command=typed, seconds=self.config.flood_seconds),
                )
            ]
        ctx = self._context(inbound, now)
        self._dispatch(ctx, command)
        if not inbound.buttons and any(o.buttons for o in ctx.out):
            ctx.out = self._as_choices(ctx)
        return ctx.out

    def _as_choices(self, ctx: Ctx) -> list[Outbound]:
        """Buttons become numbered lines; the numbers are kept in the database for the next message."""
        outs, mapping = number_choices(ctx.out)
        pending = ctx.dialog
        if pending is None or pending.kind in (CHOICES, CHOICES_UNSENT):
            kept = {k: v for k, v in pending.data.items() if not k.isdigit()} if pending and ctx.fresh_dialog else {}
            # kept as not yet seen: the transport confirms them once the reply is delivered, forgets them if
            # it never is (a "1" must mean what was seen)
            ctx.set_dialog(CHOICES_UNSENT, {**kept, **mapping}, timedelta(minutes=self.config.dialog_minutes))
            outs = [replace(o, choices=True) if o is not before else o for o, before in zip(outs, ctx.out)]
        return outs

    def reply_settled(self, out: Outbound, delivered: bool = True) -> None:
        """What a transport reports once a reply's fate is known: its numbered choices, if any, count from
        now on when it reached the chat, and are forgotten when it never did."""
        if not out.choices:
            return
        if delivered:
            self.store.confirm_choices(channel=out.channel, chat_id=out.chat_id)
        else:
            self.store.clear_dialog(channel=out.channel, chat_id=out.chat_id)

    def _flooded(self, inbound: Inbound) -> bool:
        """More than ``flood_commands`` in ``flood_seconds`` of real time (not the business clock,
        which stands still under --today)."""
        now = self.monotonic()
        recent = self._recent.setdefault((inbound.channel, inbound.chat_id), deque())
        while recent and now - recent[0] >= self.config.flood_seconds:
            recent.popleft()
        if len(recent) >= self.config.flood_commands:
            return True
        recent.append(now)
        return False

    def _context(self, inbound: Inbound, now) -> Ctx:
        found = self.store.chat_context(
            channel=inbound.channel, chat_id=inbound.chat_id, plan_slug=self.config.plan_slug
        )
        plan = found.plan
        return Ctx(
            store=self.store,
            inbound=inbound,
            now=now,
            today=now.astimezone(self.zone).date(),
            plan_id=plan.id if plan else None,
            plan_year=plan.year if plan else now.year,
            province=plan.province if plan else "",
            zone=self.zone,
            officer=found.officer,
            plan_title=plan.title if plan else "",
            plan_office=plan.office if plan else "",
            stored_dialog=found.dialog,
        )

    def _dispatch(self, ctx: Ctx, command) -> None:
        inbound = ctx.inbound
        if command is not None and command.name in ("start", "help"):
            (self._start if command.name == "start" else self._help)(ctx, command.args)
            return
        if command is not None and command.name == "link":  # linked or not: it links a chat
            ctx.clear_dialog()
            link_cmds.cmd_link(ctx, command.args, zone=self.zone, prefer=self.config.preferred_channel)
            return
        if ctx.officer is None:
            if not handover_cmds.answer_unlinked(ctx):
                ctx.reply(chat_texts.NOT_REGISTERED.format(office=ctx.office))
            return
        if ctx.officer.leader and not _leader_may(command, inbound):
            ctx.reply(chat_texts.LEADER_VIEW_ONLY)
            return
        if ctx.plan_id is None:
            ctx.reply(chat_texts.NOT_REGISTERED.format(office=ctx.office))
            return
        if inbound.callback is not None:
            if not valid_callback(inbound.callback):  # forged or malformed: never parsed further
                ctx.reply(chat_texts.BUTTON_STALE)
                return
            work_cmds.on_button(ctx, inbound.callback, self.config)
            return
        if command is None:
            if not work_cmds.on_plain_text(ctx, inbound.text, self.config):
                ctx.reply(ev_texts.FILE_HINT if inbound.file is not None else chat_texts.FREE_TEXT)
            return
        ctx.clear_dialog()
        if command.name == "unknown":
            ctx.reply(chat_texts.UNKNOWN_COMMAND.format(typed=command.typed[:30]))
        elif command.name == "logout":
            self._logout(ctx)
        else:
            handler = next(
                getattr(m, f"cmd_{command.name}")
                for m in (work_cmds, view_cmds, admin_cmds, extension_cmds, handover_cmds, evidence_cmds, web_cmds)
                if hasattr(m, f"cmd_{command.name}")
            )
            handler(ctx, command.args, self.config)

    # --- registration -------------------------------------------------------------------------
    def _start(self, ctx: Ctx, args: str) -> None:
        code = args.split()[0] if args.split() else ""
        if not code:
            if ctx.agency is not None:
                ctx.reply(chat_texts.START_OK.format(agency=ctx.agency.name, role=""))
            else:
                ctx.reply(chat_texts.START_NEED_CODE.format(office=ctx.office))
            return
        result = self.store.redeem_invite(
            code=code,
            channel=ctx.inbound.channel,
            chat_id=ctx.inbound.chat_id,
            display_name=ctx.inbound.sender,
            now=ctx.now,
            prefer=self.config.preferred_channel,
        )
        if result.status == INVITE_OK:
            log.info(
                "chat %s:%s linked to %s as %s (%s)",
                ctx.inbound.channel,
                ctx.inbound.chat_id,
                result.agency,
                result.role,
                result.purpose or "invite",
            )
            if result.purpose == "handover" and result.role == "officer" and result.rank == "primary":
                ctx.reply(chat_texts.START_HANDOVER.format(agency=result.agency))
            else:
                ctx.reply(chat_texts.START_OK.format(agency=result.agency, role=_role_words(result, ctx.office)))
            handover_cmds.tell_ended(ctx, result.agency, result.ended)
        elif result.status == INVITE_USED:
            ctx.reply(chat_texts.START_USED)
        elif result.status == INVITE_EXPIRED:
            when = vn_date(result.expires_at.astimezone(self.zone).date())
            ctx.reply(chat_texts.START_EXPIRED.format(when=when, office=ctx.office))
        else:
            ctx.reply(chat_texts.START_BAD.format(office=ctx.office))

    def _help(self, ctx: Ctx, _args: str) -> None:
        plan = ctx.plan_title or (
            chat_texts.HELP_PLAN.format(year=ctx.plan_year, province=ctx.province)
            if ctx.plan_id is not None
            else chat_texts.HELP_NO_PLAN
        )
        text = chat_texts.HELP.format(plan=plan)
        if ctx.coordinator:
            text += (
                "\n" + chat_texts.HELP_COORDINATOR.format(office=ctx.office) + "\n" + chat_texts.HELP_COORDINATOR_TRUST
            )
        if ctx.officer is not None and not ctx.officer.leader:
            text += "\n" + chat_texts.HELP_PEOPLE
            if self.config.web_base_url:  # the desk is served: /web gives a sign-in link
                text += "\n" + chat_texts.HELP_WEB
        if ctx.officer is None:
            text += "\n" + chat_texts.HELP_UNREGISTERED.format(office=ctx.office)
        ctx.reply(text)

    def _logout(self, ctx: Ctx) -> None:
        name = ctx.agency.name if ctx.agency else ""
        self.store.unlink_chat(channel=ctx.inbound.channel, chat_id=ctx.inbound.chat_id, now=ctx.now)
        ctx.reply(chat_texts.LOGOUT_OK.format(agency=name))


_LEADER_COMMANDS = frozenset({"todo", "task", "late", "logout", "unknown"})


def _leader_may(command, inbound: Inbound) -> bool:
    """A leader reads (/viec, /xem, /trehan) and never acts: no buttons, no updates."""
    return inbound.callback is None and command is not None and command.name in _LEADER_COMMANDS


def _role_words(result, office: str) -> str:
    """What the welcome says of the chat's role."""
    if result.role == "coordinator":
        return chat_texts.START_ROLE_COORDINATOR.format(office=office)
    if result.role == "leader":
        return chat_texts.START_ROLE_LEADER
    return chat_texts.START_ROLE_DEPUTY if result.rank == "deputy" else ""
