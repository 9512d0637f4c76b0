"""One request as a page function sees it, and the answers pages share (kept apart from the app so the
page functions can import it)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from bot.core.context import Ctx
from bot.domain.chat_records import Officer
from bot.domain.texts import web as web_texts
from bot.ports import Clock, Outbound, Store
from bot.web import auth
from bot.web.access import chat_view
from bot.web.config import COOKIE, WebConfig
from bot.web.desk import Desk


class Refused(Exception):
    """A page answers with an error page (status and message)."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass
class Page:
    """One request as a page function sees it."""

    request: Request
    store: Store
    clock: Clock
    config: WebConfig
    desk: Desk
    render: Callable[..., HTMLResponse]
    fragment: Callable[..., str] = lambda template, **context: ""  # a template rendered to safe HTML text
    officer: Officer | None = None
    session_token: str = ""
    form: dict[str, str] = field(default_factory=dict)
    files: dict[str, tuple[str, bytes]] = field(default_factory=dict)  # uploads: field → (file name, bytes)
    outbox: list[Outbound] = field(default_factory=list)  # messages to chats, sent once the page is answered

    @property
    def coordinator(self) -> bool:
        return self.officer is not None and self.officer.coordinator

    def require_coordinator(self) -> None:
        if not self.coordinator:
            raise Refused(403, web_texts.FORBIDDEN)

    @property
    def csrf(self) -> str:
        return auth.csrf_token(self.config, self.session_token)

    def today(self):
        return self.clock.now().astimezone(self.config.zone).date()

    def chat(self) -> Ctx:
        """The command core's context for this session (channel "web"), to run a chat command's code."""
        assert self.officer is not None
        return chat_view(self.store, self.officer, self.clock.now(), self.config.zone)

    def run_chat(self, ctx: Ctx) -> list[str]:
        """After a chat command's code ran on ``ctx``: its replies (shown on the page); its messages to
        other chats go to the outbox."""
        shown = [o.text for o in ctx.out if o.channel == ctx.inbound.channel]
        self.outbox.extend(o for o in ctx.out if o.channel != ctx.inbound.channel)
        return shown


NO_STORE = {
    "Cache-Control": "no-store",
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


def session_cookie(response: Response, config: WebConfig, session_token: str) -> None:
    """Set the signed session cookie (HttpOnly, SameSite=Strict, with an expiry)."""
    response.set_cookie(
        COOKIE,
        auth.sign_session(config, session_token),
        max_age=int(config.session_ttl.total_seconds()),
        httponly=True,
        samesite="strict",
        secure=config.secure_cookie,
        path="/",
    )


def redirect(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)
