"""`run`: every configured chat channel (or the terminal chat) and the reminder scheduler, in one
event loop, until Ctrl-C, SIGTERM or the terminal chat's "thoát"."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from argparse import Namespace

from bot.cli import web_cmds
from bot.cli.app import App, senders_of, wait_any

log = logging.getLogger(__name__)


def cmd_run(app: App, args: Namespace) -> int:
    app.ensure_ready()
    try:
        return asyncio.run(serve(app))
    except KeyboardInterrupt:  # a second Ctrl-C while stopping
        return 130


async def serve(app: App, stop: asyncio.Event | None = None) -> int:
    """The one async main: start the channels, then the scheduler over their senders; on the way out
    (stop, a signal, a channel ending) the scheduler stops first, then every channel drains and closes."""
    stop = stop or asyncio.Event()
    _on_signals(stop)
    scheduler = None
    try:
        async with app.started_channels(listen=True) as running:
            desk = web_cmds.start_beside(app, senders_of(running))  # the web desk in this loop when WEB_PORT is set
            if not all(getattr(ch, "terminal", False) for ch in app.channels_to_start(listen=True)):
                scheduler = app.scheduler(senders_of(running))
                scheduler.start()
            try:
                await wait_any(running, stop)
            finally:
                if scheduler is not None:
                    await scheduler.drain()  # no new wake-ups; a sweep in flight finishes before channels close
                await web_cmds.stop_beside(desk)
    except asyncio.CancelledError:
        pass
    log.info("stopped: scheduler and channels closed")
    return 0


def _on_signals(stop: asyncio.Event) -> None:
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):  # not the main thread, Windows
            loop.add_signal_handler(sig, stop.set)
