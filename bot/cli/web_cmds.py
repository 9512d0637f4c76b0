"""`web` (serve the desk), `web-link` (a one-time sign-in link), and the desk beside the bot in `run`."""

from __future__ import annotations

import asyncio
import logging
import secrets
from argparse import Namespace
from datetime import time
from typing import Mapping

from bot.cli.officer_cmds import resolve_agency
from bot.cli.render import print_json
from bot.domain.report_data import PeriodRules
from bot.domain.texts import vn_date
from bot.domain.texts import web as web_texts
from bot.ports import Sender
from bot.web import auth
from bot.web.config import WebConfig

log = logging.getLogger(__name__)


def add_commands(sub) -> None:
    """Register `web` and `web-link`."""
    s = sub.add_parser("web", help="bàn làm việc trên trình duyệt cho cán bộ theo dõi")
    s.add_argument("--host", default="127.0.0.1")
    s.add_argument("--port", type=int, default=8080)
    s.set_defaults(func=cmd_web)
    s = sub.add_parser("web-link", help="đường dẫn đăng nhập bàn làm việc (dùng một lần, hiệu lực 15 phút)")
    s.add_argument("agency")
    s.add_argument("--role", choices=("officer", "coordinator"), default="officer")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_web_link)


def web_config(app, *, port: int | None = None, warn: bool = True) -> WebConfig:
    """The desk's settings from the app's (WEB_SECRET; without it a secret for this process only)."""
    s = app.settings
    secret = s.web_secret.get_secret_value() if s.web_secret else ""
    if not secret:
        if warn:
            log.warning("WEB_SECRET is not set: sessions end when this process stops")
        secret = secrets.token_urlsafe(32)
    base = s.web_base_url or f"http://127.0.0.1:{port or s.web_port or 8080}"
    return WebConfig(
        secret=secret,
        base_url=base,
        zone=s.zone,
        plan_slug=app.plan_slug,
        calendar=app.calendar,
        bot_username=s.telegram_bot_username,
        secure_cookie=base.startswith("https://"),
        send_time=time(*s.hhmm(s.send_time)),
        period_rules=PeriodRules(app.period_due, s.default_recurrence),  # as the CLI's reports
    )


def _serving():
    """bot.web.app and bot.web.server (Starlette, Jinja2, uvicorn), imported only when the desk is served."""
    from bot.web import app as desk, server  # uvicorn, Starlette, Jinja2 are heavy: loaded when serving

    return desk, server


def desk_app(app, *, port: int | None = None, senders: Mapping[str, Sender] | None = None):
    """The desk's ASGI app over the app's store and clock; ``senders`` tell officers of the desk's
    decisions (the running chat channels)."""
    desk, _ = _serving()
    return desk.create_app(app.store, app.clock, web_config(app, port=port), senders)


def cmd_web(app, args: Namespace) -> int:
    app.ensure_ready()
    print(web_texts.CLI_SERVING.format(host=args.host, port=args.port), flush=True)
    stop = asyncio.Event()

    _, server = _serving()

    async def main() -> None:
        async with app.started_channels(listen=False) as running:  # send only: the officers' notices
            senders = {name: r.sender for name, r in running.items()}
            await server.serve(
                desk_app(app, port=args.port, senders=senders), host=args.host, port=args.port, stop=stop
            )

    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        return 130
    return 0


def cmd_web_link(app, args: Namespace) -> int:
    app.require_schema()
    agency = resolve_agency(app, args.agency)
    url, expires_at, name = auth.new_link(
        app.store, web_config(app, warn=False), agency_key=agency.key, role=args.role, now=app.clock.now()
    )
    if args.json:
        print_json({"url": url, "expires_at": expires_at.isoformat(), "agency": name, "role": args.role})
        return 0
    local = expires_at.astimezone(app.settings.zone)
    print(
        web_texts.CLI_LINK.format(
            agency=name, role=web_texts.ROLE[args.role], url=url, expires=f"{local:%H:%M} {vn_date(local.date())}"
        )
    )
    return 0


def start_beside(app, senders: Mapping[str, Sender] | None = None) -> tuple[asyncio.Future, asyncio.Event] | None:
    """In `run`: serve the desk in the running loop when WEB_PORT is set (None otherwise), telling
    officers through the bot's own ``senders``."""
    port = app.settings.web_port
    if not port:
        return None
    stop = asyncio.Event()
    _, server = _serving()
    task = asyncio.ensure_future(
        server.serve(desk_app(app, senders=senders), host=app.settings.web_host, port=port, stop=stop)
    )
    log.info("web desk on %s:%s", app.settings.web_host, port)
    return task, stop


async def stop_beside(handle: tuple[asyncio.Future, asyncio.Event] | None) -> None:
    """Stop the desk started by ``start_beside`` (requests in flight finish)."""
    if handle is not None:
        handle[1].set()
        await asyncio.gather(handle[0], return_exceptions=True)
