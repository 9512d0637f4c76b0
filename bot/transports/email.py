"""E-mail over SMTP (aiosmtplib): the wire code of the e-mail channel.

Builds one multipart/alternative message per Outbound (plain text + simple HTML, every text escaped,
the subject RFC 2047-encoded by the standard library) and sends it through the server named by
``SMTP_URL``. Buttons are never sent (mail is outbound only). SMTP replies become ``TransportError``:
a 5xx refusal of the recipient → permanent, recipient gone (delivery disables the address); any other
5xx → permanent; 4xx, timeouts and connection failures → transient (retried). The password appears in
no message, log line or error.
"""

from __future__ import annotations

import html
import logging
import mimetypes
from dataclasses import dataclass, field
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import formatdate, getaddresses, make_msgid
from urllib.parse import unquote, urlsplit

import aiosmtplib

from bot.ports import Outbound, TransportError

log = logging.getLogger(__name__)

TIMEOUT = 30.0  # seconds for connecting and for each SMTP reply


@dataclass(frozen=True)
class SmtpServer:
    """Where and how to send, read from ``SMTP_URL`` (the password is kept out of ``repr``)."""

    host: str
    port: int
    implicit_tls: bool  # smtps://: TLS from the first byte; smtp://: STARTTLS when offered
    user: str = ""
    password: str = field(default="", repr=False)

    @property
    def where(self) -> str:
        """host:port for messages and logs (never the credentials)."""
        return f"{self.host}:{self.port}"


def parse_smtp_url(url: str) -> SmtpServer:
    """``smtp://[user:password@]host[:port]`` or ``smtps://…``; user and password are percent-decoded.
    Raises ValueError with a message that never repeats the URL (it may hold the password)."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        raise ValueError("SMTP_URL is not a valid URL") from None
    scheme = parts.scheme.lower()
    if scheme not in ("smtp", "smtps"):
        raise ValueError("SMTP_URL must start with smtp:// or smtps://")
    if not parts.hostname:
        raise ValueError("SMTP_URL names no host")
    implicit = scheme == "smtps"
    return SmtpServer(
        host=parts.hostname,
        port=port or (465 if implicit else 587),
        implicit_tls=implicit,
        user=unquote(parts.username or ""),
        password=unquote(parts.password or ""),
    )


def parse_sender(text: str) -> Address:
    """``MAIL_FROM``: an address, optionally with a display name (``"Nhắc việc" <nv@tinh.gov.vn>``)."""
    pairs = getaddresses([text])
    name, addr = pairs[0] if pairs else ("", "")
    user, _, domain = addr.rpartition("@")
    if not user or not domain:
        raise ValueError("MAIL_FROM is not an e-mail address")
    return Address(display_name=name, username=user, domain=domain)


def _html(title: str, text: str, footer: str) -> str:
    """A simple HTML rendering of the plain text: a heading, paragraphs, line breaks; all of it escaped."""
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    body = "\n".join(f"<p>{'<br>'.join(html.escape(line) for line in p.splitlines())}</p>" for p in paragraphs)
    head = f'<h2 style="font-size:1.2em">{html.escape(title)}</h2>\n' if title else ""
    foot = "<br>".join(html.escape(line) for line in footer.splitlines())
    return (
        '<!DOCTYPE html>\n<html lang="vi"><head><meta charset="utf-8"></head>\n'
        '<body style="font-family:Arial,sans-serif;line-height:1.5">\n'
        f'{head}{body}\n<hr>\n<p style="color:#555;font-size:0.9em">{foot}</p>\n</body></html>\n'
    )


def build_message(out: Outbound, *, sender: Address, footer: str) -> EmailMessage:
    """The e-mail for one Outbound: subject = ``out.subject`` (else ``out.title``), plain text + HTML,
    the footer in both, the attachment if any; buttons are left out."""
    msg = EmailMessage(policy=SMTP)
    msg["From"] = sender
    msg["To"] = out.chat_id
    msg["Subject"] = " ".join((out.subject or out.title).split())  # one line, RFC 2047-encoded when sent
    msg["Date"] = formatdate(localtime=False, usegmt=True)
    msg["Message-ID"] = make_msgid(domain=sender.domain)
    plain = (f"{out.title}\n\n" if out.title else "") + out.text + f"\n\n-- \n{footer}\n"
    msg.set_content(plain, subtype="plain", charset="utf-8")
    msg.add_alternative(_html(out.title, out.text, footer), subtype="html", charset="utf-8")
    if out.attachment is not None:
        a = out.attachment
        mime = mimetypes.guess_type(a.filename)[0] or "application/octet-stream"
        maintype, _, subtype = mime.partition("/")
        msg.make_mixed()
        msg.add_attachment(a.data, maintype=maintype, subtype=subtype, filename=a.filename)
    return msg


class SmtpSender:
    """Sends each Outbound as one e-mail over its own SMTP connection (a digest a day per address)."""

    def __init__(self, server: SmtpServer, sender: Address, footer: str, *, timeout: float = TIMEOUT):
        self.server = server
        self.sender = sender
        self.footer = footer
        self.timeout = timeout

    async def send(self, out: Outbound) -> str:
        """Deliver ``out`` to the address ``out.chat_id``; returns the Message-ID. Raises TransportError."""
        msg = build_message(out, sender=self.sender, footer=self.footer)
        s = self.server
        try:
            await aiosmtplib.send(
                msg,
                sender=self.sender.addr_spec,
                recipients=[out.chat_id],
                hostname=s.host,
                port=s.port,
                username=s.user or None,
                password=s.password or None,
                use_tls=s.implicit_tls,
                start_tls=False if s.implicit_tls else None,  # None: STARTTLS whenever the server offers it
                timeout=self.timeout,
            )
        except aiosmtplib.SMTPRecipientsRefused as e:
            refused = e.recipients[0] if e.recipients else None
            code, text = (refused.code, refused.message) if refused else (550, "recipient refused")
            raise _error(code, _clean(text, s.password), recipient=True) from None
        except aiosmtplib.SMTPResponseException as e:  # sender refused, DATA refused, authentication…
            raise _error(e.code, _clean(e.message, s.password), recipient=False) from None
        except (aiosmtplib.SMTPException, OSError, TimeoutError) as e:  # connect/timeout/disconnect/TLS
            raise TransportError(
                f"SMTP {s.where}: {type(e).__name__}: {_clean(str(e), s.password)}", permanent=False
            ) from None
        log.info("e-mail sent to %s", out.chat_id)
        return str(msg["Message-ID"])


def _error(code: int, text: str, *, recipient: bool) -> TransportError:
    """5xx: permanent (the address is gone when the server refused the recipient); else transient."""
    message = f"SMTP {code}: {' '.join(str(text).split())}"[:300]
    if 500 <= code < 600:
        return TransportError(message, permanent=True, recipient_gone=recipient)
    return TransportError(message, permanent=False)


def _clean(text: str, password: str) -> str:
    return text.replace(password, "***") if password else text
