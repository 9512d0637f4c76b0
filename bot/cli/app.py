"""The composition root: settings → engine → store → clock → calendar → command core → channels →
scheduler, each built once here and nowhere else. Command modules get everything from ``App``."""

from __future__ import annotations

import asyncio
import logging
from contextlib import AsyncExitStack, asynccontextmanager
from datetime import time
from functools import cached_property
from typing import AsyncIterator, TextIO

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from bot.channels import registry
from bot.channels.base import Channel, ChannelContext, Running
from bot.cli import plan_cmds
from bot.cli.plan_cmds import CliError
from bot.core import CommandCore, CoreConfig
from bot.domain import texts
from bot.domain.periods import DueDefaults, DueRule
from bot.domain.reminders import ReminderPolicy
from bot.plan_loading import ensure_ready
from bot.ports import Clock, Sender
from config.settings import Settings
from jobs.delivery import DeliveryConfig
from jobs.limiter import RateLimiter
from jobs.scheduler import build_scheduler
from jobs.leadership import LeaseConfig
from jobs.sweep import SweepDeps, run_sweep
from bot.files import load_calendar
from storage.engine import make_engine
from storage.migrate import check, head_revision
from storage.store import SqlStore

log = logging.getLogger(__name__)


class App:
    """What every command needs, built once from the settings."""

    def __init__(
        self,
        settings: Settings,
        clock: Clock,
        plan_slug: str | None = None,
        *,
        stdin: TextIO | None = None,
        stdout: TextIO | None = None,
        read_only: bool = False,
    ):
        self.settings = settings
        self.read_only = read_only  # a command that only reads: the SQLite file is opened read-only
        self.clock = clock
        self.plan_slug = plan_slug
        self.stdin, self.stdout = stdin, stdout  # the terminal chat's streams (None: sys.stdin/stdout)

    # --- the database -----------------------------------------------------------------------------
    @cached_property
    def engine(self):
        return make_engine(self.settings.database_url, read_only=self.read_only)

    @cached_property
    def store(self) -> SqlStore:
        """The one store every command uses (bot.ports.Store)."""
        return SqlStore(self.engine)

    def require_schema(self) -> None:
        rev = check(self.engine)
        if rev is None:
            raise CliError(texts.ERR_NO_PLAN)
        if rev != head_revision():
            raise CliError(texts.ERR_DB.format(where=self.where, detail=texts.DB_OLD_SCHEMA))

    def ensure_ready(self) -> None:
        """The embedded default works on a fresh machine: create and load the database when needed."""
        report = ensure_ready(
            self.store,
            self.settings.plan_file,
            self.settings.agencies_file,
            now=self.clock.now(),
            plan_slug=self.plan_slug,
        )
        if report is not None:
            plan_cmds.print_load_summary(report)

    @property
    def where(self) -> str:
        try:
            return make_url(self.settings.database_url).render_as_string(hide_password=True)
        except ArgumentError:
            return "DATABASE_URL"

    # --- the domain's settings ------------------------------------------------------------------------
    @cached_property
    def calendar(self):
        return load_calendar(self.settings.calendar_file)

    @cached_property
    def policy(self) -> ReminderPolicy:
        s = self.settings
        return ReminderPolicy(
            before=s.remind_before_days,
            overdue_every=s.overdue_every,
            escalate_after=s.escalate_after,
            escalate_every_days=s.escalate_every_days,
            leader_after=s.leader_after_working_days,
            leader_every_days=s.leader_every_days,
            heads_up_before=s.heads_up_before,
            inspection_notice=s.inspection_notice,
            default_recurrence=s.default_recurrence,
            period_due=self.period_due,
        )

    @cached_property
    def period_due(self) -> DueDefaults:
        """Recurring work's default due day per cadence (PERIOD_DUE_*)."""
        s = self.settings
        return DueDefaults(
            weekly=DueRule.parse(s.period_due_weekly),
            monthly=DueRule.parse(s.period_due_monthly),
            quarterly=DueRule.parse(s.period_due_quarterly),
            half_yearly=DueRule.parse(s.period_due_half_yearly),
            yearly=DueRule.parse(s.period_due_yearly),
        )

    # --- the command core -------------------------------------------------------------------------------
    @cached_property
    def core(self) -> CommandCore:
        s = self.settings
        return CommandCore(
            self.store,
            self.clock,
            s.zone,
            CoreConfig(
                bot_username=s.telegram_bot_username,
                note_limit=s.note_limit,
                flood_commands=s.flood_commands,
                flood_seconds=s.flood_seconds,
                plan_slug=self.plan_slug,
                inspection_notice=s.inspection_notice,
                calendar=self.calendar,
                preferred_channel=s.preferred_channel,
                period_due=self.period_due,
                default_recurrence=s.default_recurrence,
                officers_close_ongoing=False,
                ask_document=s.evidence_ask_document,
                evidence_max_bytes=s.evidence_max_mb * 1024 * 1024,
                web_base_url=s.web_base_url,
            ),
        )

    # --- reminders ------------------------------------------------------------------------------------------
    def sweep_deps(self, senders: dict[str, Sender]) -> SweepDeps:
        """The sweep's dependencies over ``senders`` (the only place SweepDeps is built)."""
        s = self.settings
        return SweepDeps(
            store=self.store,
            clock=self.clock,
            zone=s.zone,
            calendar=self.calendar,
            policy=self.policy,
            senders=senders,
            limiter=RateLimiter(s.rate_per_second, s.rate_per_chat_seconds),
            delivery=DeliveryConfig(**self._delivery_options()),
            # renewed at least three times per lease, whatever the settings say
            lease=LeaseConfig(s.sender_lease_seconds, min(s.sender_lease_renew_seconds, s.sender_lease_seconds / 3)),
        )

    def _delivery_options(self) -> dict:
        s = self.settings
        options = dict(
            max_attempts=s.retry_max_attempts,
            escalate_after=s.escalate_after,
            plan_slug=self.plan_slug,
            default_recurrence=s.default_recurrence,
            calendar=self.calendar,
            period_due=self.period_due,
        )
        known = set(registry.names())
        options["fallback_order"] = tuple(c for c in s.fallback_channels if c in known)
        return options

    def scheduler(self, senders: dict[str, Sender]):
        """APScheduler waking the daily sweep and the retries, in the running event loop."""
        s = self.settings
        return build_scheduler(
            self.sweep_deps(senders),
            send_at=time(*s.hhmm(s.send_time)),
            work_end=time(*s.hhmm(s.work_end)),
            retry_every=s.retry_every_seconds,
        )

    async def forced_sweep(self, senders: dict[str, Sender]):
        """Today's reminders again through ``senders`` (nobody gets one twice)."""
        return await run_sweep(self.sweep_deps(senders), force=True)

    # --- channels -----------------------------------------------------------------------------------------
    def channels_to_start(self, *, listen: bool) -> list[Channel]:
        """`run` (listen): every configured chat channel, or the terminal chat when there is none;
        `remind` (send only): every configured channel, the terminal printout included."""
        configured = registry.configured(self.settings)
        if not listen:
            return configured
        chats = [c for c in configured if not getattr(c, "terminal", False)]
        return chats or [c for c in configured if getattr(c, "terminal", False)]

    def channel_context(self, *, listen: bool) -> ChannelContext:
        return ChannelContext(
            settings=self.settings,
            store=self.store,
            clock=self.clock,
            zone=self.settings.zone,
            core=self.core if listen else None,
            sweep=self.forced_sweep,
            stdin=self.stdin,
            stdout=self.stdout,
        )

    def channel_status(self) -> dict[str, dict]:
        """Per configured channel, what it reports for `status` (users, messages per bot…)."""
        ctx = self.channel_context(listen=False)
        return {c.name: c.status(ctx) for c in registry.configured(self.settings) if hasattr(c, "status")}

    def invite_hints(self) -> list[str]:
        """Lines the configured channels add to an invite (Zalo: which bot has room left)."""
        ctx = self.channel_context(listen=False)
        hints = [c.invite_hint(ctx) for c in registry.configured(self.settings) if hasattr(c, "invite_hint")]
        return [h for h in hints if h]

    @asynccontextmanager
    async def started_channels(self, *, listen: bool) -> AsyncIterator[dict[str, Running]]:
        """Start the channels (in registry order); on leaving, stop them all (last started, first stopped)."""
        ctx = self.channel_context(listen=listen)
        async with AsyncExitStack() as stack:
            running: dict[str, Running] = {}
            for channel in self.channels_to_start(listen=listen):
                started = await channel.start(ctx, listen=listen)
                stack.push_async_callback(started.stop)
                running[channel.name] = started
            yield running


def senders_of(running: dict[str, Running]) -> dict[str, Sender]:
    return {name: r.sender for name, r in running.items()}


async def wait_any(running: dict[str, Running], stop: asyncio.Event) -> None:
    """Until ``stop`` is set or a channel ends by itself (its error, if any, is raised)."""
    waits = [asyncio.ensure_future(r.wait()) for r in running.values()]
    stopper = asyncio.ensure_future(stop.wait())
    try:
        done, _ = await asyncio.wait([*waits, stopper], return_when=asyncio.FIRST_COMPLETED)
        for task in done:
            if task is not stopper:
                task.result()
    finally:
        for task in [*waits, stopper]:
            task.cancel()
        await asyncio.gather(*waits, stopper, return_exceptions=True)
