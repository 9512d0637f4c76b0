"""Serving the desk with uvicorn: inside a running event loop (beside the bot) or in a thread (tests,
benchmarks). Signals stay with the caller (``nhacviec run`` owns Ctrl-C and SIGTERM)."""

from __future__ import annotations

import asyncio
import contextlib
import threading
import time
from typing import Iterator

import uvicorn


class _Server(uvicorn.Server):
    """uvicorn without its own signal handling: whoever runs it decides when it stops."""

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        yield

    def install_signal_handlers(self) -> None:  # older uvicorn releases
        pass


def _config(app, host: str, port: int) -> uvicorn.Config:
    return uvicorn.Config(
        app, host=host, port=port, log_level="warning", access_log=False, lifespan="off", server_header=False
    )


async def serve(app, *, host: str, port: int, stop: asyncio.Event) -> None:
    """Serve until ``stop`` is set (then finish the requests in flight and close)."""
    server = _Server(_config(app, host, port))
    task = asyncio.ensure_future(server.serve())
    stopper = asyncio.ensure_future(stop.wait())
    try:
        await asyncio.wait([task, stopper], return_when=asyncio.FIRST_COMPLETED)
    finally:
        server.should_exit = True
        stopper.cancel()
        await asyncio.gather(task, stopper, return_exceptions=True)
    if task.done() and not task.cancelled() and task.exception() is not None:
        raise task.exception()


@contextlib.contextmanager
def in_thread(app, *, host: str = "127.0.0.1", port: int = 0) -> Iterator[str]:
    """Serve in a background thread; yields the base URL (``port=0``: a free port)."""
    server = _Server(_config(app, host, port))
    thread = threading.Thread(target=server.run, name="web-desk", daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the web desk did not start")
        time.sleep(0.01)
    bound = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://{host}:{bound}"
    finally:
        server.should_exit = True
        thread.join(10)
