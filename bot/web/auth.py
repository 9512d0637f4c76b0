"""Sign-in without passwords: one-time links, signed session cookies, CSRF tokens (standard library)."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import datetime

from bot.core.web_cmds import new_sign_in_link
from bot.ports import WebSignIn, WebStore
from bot.web.config import WebConfig


def new_link(
    store: WebStore, config: WebConfig, *, agency_key: str, role: str, now: datetime
) -> tuple[str, datetime, str]:
    """A one-time sign-in link: (url, expires_at, agency name), made as ``/web`` in the chat makes it."""
    return new_sign_in_link(store, base_url=config.base_url, agency_key=agency_key, role=role, now=now)


def _mac(secret: str, purpose: str, value: str) -> str:
    return hmac.new(secret.encode(), f"{purpose}:{value}".encode(), hashlib.sha256).hexdigest()


def sign_session(config: WebConfig, session_token: str) -> str:
    """The cookie's value: the session token and its signature."""
    return f"{session_token}.{_mac(config.secret, 'session', session_token)}"


def unsign_session(config: WebConfig, cookie: str | None) -> str | None:
    """The session token of a well-signed cookie (None otherwise)."""
    if not cookie or "." not in cookie:
        return None
    token, mac = cookie.rsplit(".", 1)
    return token if hmac.compare_digest(mac, _mac(config.secret, "session", token)) else None


def csrf_token(config: WebConfig, session_token: str) -> str:
    """The token every form of this session carries."""
    return _mac(config.secret, "csrf", session_token)


def csrf_ok(config: WebConfig, session_token: str, given: str | None) -> bool:
    return bool(given) and hmac.compare_digest(given, csrf_token(config, session_token))


def redeem(store: WebStore, config: WebConfig, *, link_token: str, now: datetime) -> tuple[WebSignIn, str]:
    """Use a sign-in link: (result, new session token)."""
    session_token = secrets.token_urlsafe(32)
    result = store.web_redeem_link(
        token=link_token, session_token=session_token, now=now, session_expires_at=now + config.session_ttl
    )
    return result, session_token


def login_csrf(config: WebConfig, link_token: str) -> str:
    """The sign-in form's token (there is no session yet: it is bound to the link)."""
    return _mac(config.secret, "login", link_token)


def login_csrf_ok(config: WebConfig, link_token: str, given: str | None) -> bool:
    return bool(given) and hmac.compare_digest(given, login_csrf(config, link_token))
