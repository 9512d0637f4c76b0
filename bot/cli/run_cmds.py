"""`run`: the bot on Telegram, Zalo or in the terminal, with the reminder scheduler in the same loop."""

from __future__ import annotations

import asyncio
import logging
import sys
from argparse import Namespace
from datetime import time

from sqlmodel import Session

from bot.cli.plan_cmds import CliError, cmd_init
from bot.core import CommandCore, CoreConfig
from bot.domain import texts
from bot.domain.texts import console as C
from storage import queries, registry, work
from storage.datafile import load_calendar
from storage.migrate import check

log = logging.getLogger(__name__)


def make_core(app) -> CommandCore:
    s = app.settings
    return CommandCore(app.store, app.clock, s.zone, CoreConfig(
        bot_username=s.telegram_bot_username, note_limit=s.note_limit, flood_commands=s.flood_commands,
        flood_seconds=s.flood_seconds, plan_slug=app.plan_slug, inspection_notice=s.inspection_notice,
        calendar=load_calendar(s.calendar_file), preferred_channel=s.preferred_channel))


def _ensure_ready(app) -> None:
    """The embedded default works on a fresh machine: create and load the database when needed."""
    rev = check(app.engine)
    with Session(app.engine) as session:
        has_plan = rev is not None and _has_plan(session)
    if not has_plan:
        cmd_init(app, Namespace(plan=None, agencies=None, strict=False, json=False, quiet=True))


def _has_plan(session: Session) -> bool:
    try:
        queries.get_plan(session=session)
        return True
    except queries.NotFound:
        return False


def cmd_run(app, args: Namespace) -> int:
    _ensure_ready(app)
    core = make_core(app)
    token = app.settings.telegram_bot_token
    if token is not None:
        return run_telegram(app, core, token.get_secret_value())
    if app.settings.zalo_bot_token is not None:
        return asyncio.run(run_zalo_only(app, core))
    return run_console(app, core, sys.stdin, sys.stdout)


def _scheduler(app, senders: dict):
    from bot.cli.remind_cmds import make_deps
    from jobs.scheduler import build_scheduler

    s = app.settings
    return build_scheduler(make_deps(app, senders), send_at=time(*s.hhmm(s.send_time)),
                           work_end=time(*s.hhmm(s.work_end)), retry_every=s.retry_every_seconds)


async def run_zalo_only(app, core: CommandCore) -> int:
    """Zalo alone: the channel and the scheduler in one event loop, until interrupted."""
    from bot.cli.run_zalo import ZaloRunner

    zalo = ZaloRunner(app, core)
    await zalo.start()
    scheduler = _scheduler(app, {"zalo": zalo.sender})
    scheduler.start()
    try:
        if zalo.task is not None:
            await zalo.task
        else:
            await asyncio.Event().wait()
    except (KeyboardInterrupt, asyncio.CancelledError):
        pass
    except Exception as e:  # noqa: BLE001 - e.g. a webhook set behind our back: say so and stop
        from bot.transports.zalo import WebhookSetError

        if isinstance(e, WebhookSetError):
            raise CliError(texts.ERR_ZALO_WEBHOOK) from None
        raise
    finally:
        scheduler.shutdown(wait=False)
        await zalo.close()
    return 0


def console_identities(app):
    from bot.transports.console import Identity

    with Session(app.engine) as session:
        plan_id = queries.get_plan(session=session, slug=app.plan_slug).id
        rows = work.open_counts(session, plan_id=plan_id)
    office = next((a for a, _ in rows if a.kind == "province_office"), None)
    out = []
    if office is not None:
        out.append(Identity(C.COORDINATOR_LABEL.format(agency=office.name), f"coordinator-{office.key}"))
    out += [Identity(C.OFFICER_LABEL.format(agency=a.name, n=n), f"officer-{a.key}") for a, n in rows if n]
    return out


def run_console(app, core: CommandCore, stdin, stdout) -> int:
    if app.settings.log_level != "DEBUG":
        logging.getLogger().setLevel(logging.WARNING)  # the terminal is the chat: keep it readable
    from bot.transports.console import CHANNEL, ConsoleSender, ConsoleTransport

    def link(identity) -> None:
        role, _, key = identity.chat_id.partition("-")
        with Session(app.engine) as session:
            agency_id = work.agency_ids(session)[key]
            registry.link_chat(session, channel=CHANNEL, chat_id=identity.chat_id, agency_id=agency_id, role=role,
                               display_name=identity.label, now=app.clock.now())
            session.commit()

    def reminders(identity) -> None:
        from bot.cli.remind_cmds import make_deps
        from jobs.sweep import run_sweep

        sender = ConsoleSender(core, stdout, {i.chat_id: i.label for i in identities})
        asyncio.run(run_sweep(make_deps(app, {CHANNEL: sender}), force=True))

    identities = console_identities(app)
    return ConsoleTransport(core, identities, link, stdin, stdout, on_pick=reminders).run()


def run_telegram(app, core: CommandCore, token: str) -> int:
    from bot.transports.telegram import UPDATES, TelegramTransport, webhook_options

    s = app.settings
    secret = s.telegram_webhook_secret.get_secret_value() if s.telegram_webhook_secret else ""
    if s.telegram_webhook_url and len(secret) < 8:
        raise CliError(texts.ERR_WEBHOOK_SECRET)

    def disable(channel: str, chat_id: str, reason: str) -> None:
        with Session(app.engine) as session:
            registry.disable(session, channel=channel, chat_id=chat_id, reason=reason)
            session.commit()

    def missing() -> list[str]:
        with Session(app.engine) as session:
            return registry.agencies_without_recipient(session)

    async def start_scheduler(application) -> None:
        from bot.transports.telegram import TelegramSender

        senders = {"telegram": TelegramSender(application.bot)}
        if s.zalo_bot_token is not None:   # both channels in one process, one loop
            from bot.cli.run_zalo import ZaloRunner

            zalo = ZaloRunner(app, core)
            await zalo.start()
            senders["zalo"] = zalo.sender
            application.bot_data["zalo"] = zalo
        scheduler = _scheduler(app, senders)
        scheduler.start()
        application.bot_data["scheduler"] = scheduler

    transport = TelegramTransport(core, on_permanent_failure=disable, on_start=missing, after_start=start_scheduler)
    application = transport.build(token, base_url=s.telegram_base_url)
    asyncio.set_event_loop(asyncio.new_event_loop())
    if s.telegram_webhook_url:
        application.run_webhook(**webhook_options(s.telegram_webhook_url, secret, s.telegram_webhook_listen,
                                                  s.telegram_webhook_port))
    else:
        application.run_polling(allowed_updates=UPDATES)
    return 0
