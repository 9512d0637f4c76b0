"""The e-mail channel against a real SMTP server (aiosmtpd on 127.0.0.1), from `nhacviec remind` end to end."""

from __future__ import annotations

import json
import shutil
import socket
import ssl
import subprocess
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default as default_policy

import pytest
from aiosmtpd.controller import Controller
from sqlmodel import Session

from bot.channels.base import ChannelContext
from bot.channels.email import EmailChannel, normal_address
from bot.domain.texts import chat as chat_texts
from bot.domain.texts import reminders as reminder_texts
from bot.ports import Button, FixedClock, Outbound, TransportError
from bot.transports.email import SmtpSender, build_message, parse_sender, parse_smtp_url
from storage import registry, work
from storage.engine import make_engine

SUBJECT = "Nhắc việc ngày 26/5/2023 — Sở Nội vụ: 1 nhiệm vụ sắp đến hạn"
SENDER = '"Nhắc việc – Văn phòng UBND tỉnh" <nhacviec@haiduong.gov.vn>'
SNV = "snv@haiduong.gov.vn"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Recorder:
    """An aiosmtpd handler: records every message; ``script[address]`` lists RCPT replies to give first."""

    script: dict[str, list[str]] = field(default_factory=dict)
    messages: list[tuple[str, list[str], bytes, bool]] = field(default_factory=list)  # from, to, data, TLS?
    refused: list[tuple[str, str]] = field(default_factory=list)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        replies = self.script.get(address.lower())
        if replies:
            reply = replies.pop(0)
            self.refused.append((address, reply))
            return reply
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(
            (
                envelope.mail_from,
                list(envelope.rcpt_tos),
                envelope.original_content,
                server.transport.get_extra_info("ssl_object") is not None,
            )
        )
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list[EmailMessage]:
        return [
            message_from_bytes(data, policy=default_policy) for _, rcpts, data, _ in self.messages if address in rcpts
        ]


@pytest.fixture
def smtp():
    """A real SMTP server on 127.0.0.1 for the test; yields (recorder, port)."""
    rec = Recorder()
    port = _free_port()
    server = Controller(rec, hostname="127.0.0.1", port=port)
    server.start()
    yield rec, port
    server.stop()


@pytest.fixture
def mail_cli(cli, smtp, tmp_path, monkeypatch):
    """`nhacviec` over a temporary SQLite file, SMTP_URL pointing at the local server, the plan loaded."""
    _, port = smtp
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'mail.db'}")
    monkeypatch.setenv("SMTP_URL", f"smtp://127.0.0.1:{port}")
    monkeypatch.setenv("MAIL_FROM", SENDER)
    code, _, err = cli("init")
    assert code == 0, err
    return cli


def _link_coordinator(tmp_path, chat: str = "vp") -> None:
    """A coordinator of Văn phòng UBND tỉnh chatting in the terminal (its messages are printed)."""
    engine = make_engine(f"sqlite:///{tmp_path / 'mail.db'}")
    with Session(engine) as s:
        registry.link_chat(
            s,
            channel="console",
            chat_id=chat,
            agency_id=work.agency_ids(s)["vp-ubnd-tinh"],
            role="coordinator",
            display_name="Văn phòng",
            now=datetime(2023, 1, 1, tzinfo=timezone.utc),
        )
        s.commit()
    engine.dispose()


def _parts(msg: EmailMessage) -> tuple[str, str]:
    assert msg.get_content_type() == "multipart/alternative"
    return tuple(msg.get_body((kind,)).get_content().replace("\r\n", "\n") for kind in ("plain", "html"))


# --- the wire: URL, message -----------------------------------------------------------------------------


def test_smtp_url_forms_and_the_password_stays_hidden():
    plain = parse_smtp_url("smtp://mail.haiduong.gov.vn")
    assert (plain.host, plain.port, plain.implicit_tls, plain.user, plain.password) == (
        "mail.haiduong.gov.vn",
        587,
        False,
        "",
        "",
    )
    tls = parse_smtp_url("smtps://nhac%40viec:p%3As%40ss@mail.haiduong.gov.vn:2465")
    assert (tls.host, tls.port, tls.implicit_tls, tls.user, tls.password) == (
        "mail.haiduong.gov.vn",
        2465,
        True,
        "nhac@viec",
        "p:s@ss",
    )
    assert "p:s@ss" not in repr(tls) and "p%3As%40ss" not in repr(tls)
    assert parse_smtp_url("smtps://h").port == 465
    with pytest.raises(ValueError) as e:
        parse_smtp_url("http://u:hunter2@h")
    assert "hunter2" not in str(e.value)
    from config.settings import Settings

    s = Settings(smtp_url="smtps://u:p%3As%40ss@h", mail_from=SENDER, _env_file=None)
    assert set(EmailChannel().secrets(s)) == {"p:s@ss", "p%3As%40ss"}
    assert EmailChannel().configured(s) and not EmailChannel().configured(Settings(_env_file=None))


def test_message_is_multipart_with_an_encoded_vietnamese_subject_and_no_buttons():
    out = Outbound(
        "email",
        SNV,
        "⏰ Quá hạn (1)\n• 3.II <script>alert(1)</script> & co\n\nBáo xong: /xong MÃ",
        title="Nhắc việc Thứ Sáu 26/5/2023 — Sở Nội vụ",
        subject=SUBJECT,
        buttons=((Button("✅ Đã xong 3.II", "d:1"),),),
    )
    raw = bytes(
        build_message(
            out, sender=parse_sender(SENDER), footer=reminder_texts.EMAIL_FOOTER.format(office="Văn phòng UBND tỉnh")
        )
    )
    head = raw.split(b"\r\n\r\n", 1)[0]
    head.decode("ascii")  # every header is 7-bit (RFC 2047 words)
    assert b"=?utf-8?" in head and b"List-Unsubscribe" not in head
    msg = message_from_bytes(raw, policy=default_policy)
    assert msg["Subject"] == SUBJECT and msg["To"] == SNV
    assert msg["From"].addresses[0].display_name == "Nhắc việc – Văn phòng UBND tỉnh"
    plain, html = _parts(msg)
    assert plain.startswith("Nhắc việc Thứ Sáu 26/5/2023 — Sở Nội vụ\n") and "<script>" in plain
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in html and "<script>" not in html
    assert "/xong MÃ" in plain and "/xong MÃ" in html and "Telegram hoặc Zalo" in plain
    assert "Đã xong" not in plain + html and "d:1" not in plain + html
    assert EmailChannel.capabilities.buttons is False and EmailChannel.capabilities.inbound is False
    # without a subject the title is the subject
    assert (
        message_from_bytes(
            bytes(build_message(Outbound("email", SNV, "x", title="Tiêu đề"), sender=parse_sender(SENDER), footer="")),
            policy=default_policy,
        )["Subject"]
        == "Tiêu đề"
    )


def test_addresses_are_checked():
    assert normal_address("  SNV@HaiDuong.gov.vn ") == SNV
    for bad in (
        "snv@@haiduong.gov.vn",
        "snv",
        "snv@localhost",
        "s nv@haiduong.gov.vn",
        "snv@haiduong..vn",
        ".snv@haiduong.gov.vn",
        "a" * 96 + "@x.vn",
        "snv@-x.vn",
        "",
    ):
        assert normal_address(bad) is None, bad


# --- sending: errors ------------------------------------------------------------------------------------


async def test_refused_recipient_is_gone_a_busy_one_is_retried_and_a_dead_server_is_transient(smtp):
    rec, port = smtp
    sender = SmtpSender(parse_smtp_url(f"smtp://127.0.0.1:{port}"), parse_sender(SENDER), "")
    rec.script = {"gone@x.vn": ["550 5.1.1 Mailbox unavailable"], "busy@x.vn": ["451 4.3.0 Try again later"]}
    with pytest.raises(TransportError) as e:
        await sender.send(Outbound("email", "gone@x.vn", "x", subject="s"))
    assert e.value.permanent and e.value.recipient_gone and "550" in str(e.value)
    with pytest.raises(TransportError) as e:
        await sender.send(Outbound("email", "busy@x.vn", "x", subject="s"))
    assert not e.value.permanent and not e.value.recipient_gone and "451" in str(e.value)
    ref = await sender.send(Outbound("email", "busy@x.vn", "x", subject="s"))  # the retry goes through
    assert ref.startswith("<") and len(rec.to("busy@x.vn")) == 1

    dead = SmtpSender(
        parse_smtp_url(f"smtp://nhac:hunter2@127.0.0.1:{_free_port()}"), parse_sender(SENDER), "", timeout=5
    )
    with pytest.raises(TransportError) as e:
        await dead.send(Outbound("email", SNV, "x", subject="s"))
    assert not e.value.permanent and "hunter2" not in str(e.value)


def _self_signed(tmp_path) -> tuple[str, str]:
    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed")
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:P-256",
            "-nodes",
            "-keyout",
            str(key),
            "-out",
            str(cert),
            "-days",
            "2",
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
        ],
        check=True,
        capture_output=True,
    )
    return str(cert), str(key)


async def test_starttls_when_offered_and_implicit_tls_on_smtps(tmp_path, monkeypatch):
    cert, key = _self_signed(tmp_path)
    monkeypatch.setenv("SSL_CERT_FILE", cert)  # the client trusts the test's certificate
    server_ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_ctx.load_cert_chain(cert, key)
    for scheme, kwargs in (
        ("smtp", {"tls_context": server_ctx, "require_starttls": True}),
        ("smtps", {"ssl_context": server_ctx}),
    ):
        rec, port = Recorder(), _free_port()
        server = Controller(rec, hostname="127.0.0.1", port=port, **kwargs)
        server.start()
        try:
            sender = SmtpSender(parse_smtp_url(f"{scheme}://127.0.0.1:{port}"), parse_sender(SENDER), "")
            await sender.send(Outbound("email", SNV, "x", subject=SUBJECT))
        finally:
            server.stop()
        assert [(m[1], m[3]) for m in rec.messages] == [([SNV], True)], scheme  # delivered over TLS


# --- the CLI: email add / list / remove -------------------------------------------------------------------


def test_email_add_list_remove(mail_cli):
    code, out, _ = mail_cli("email", "add", "so noi vu", "SNV@HaiDuong.gov.vn", "--name", "Văn thư Sở")
    assert code == 0 and "snv@haiduong.gov.vn (Văn thư Sở) — cán bộ đầu mối của Sở Nội vụ" in out
    code, _, err = mail_cli("email", "add", "Sở Nội vụ", "snv@@haiduong")
    assert code == 2 and "Địa chỉ thư điện tử không hợp lệ" in err and "Không ghi gì" in err
    code, _, err = mail_cli("email", "add", "Sở Không Có", "x@haiduong.gov.vn")
    assert code == 2 and "Không tìm thấy cơ quan" in err
    code, out, _ = mail_cli("email", "list", "--json")
    rows = json.loads(out)
    assert [(r["address"], r["agency"], r["name"], r["active"]) for r in rows] == [
        (SNV, "Sở Nội vụ", "Văn thư Sở", True)
    ]
    code, out, _ = mail_cli("officers", "--json")
    assert [(o["channel"], o["chat_id"], o["role"]) for o in json.loads(out)] == [("email", SNV, "officer")]
    code, out, _ = mail_cli("email", "remove", SNV)
    assert code == 0 and SNV in out
    code, _, err = mail_cli("email", "remove", SNV)
    assert code == 2 and "nhacviec email list" in err
    code, out, _ = mail_cli("email", "list")
    assert "đã ngừng" in out


def test_settings_need_mail_from_and_never_print_the_url(cli, monkeypatch):
    monkeypatch.setenv("SMTP_URL", "smtp://u:hunter2@127.0.0.1:25")
    monkeypatch.delenv("MAIL_FROM", raising=False)
    code, out, err = cli("email", "list")
    assert code == 2 and "MAIL_FROM" in err and "hunter2" not in out + err
    monkeypatch.setenv("SMTP_URL", "imap://u:hunter2@127.0.0.1")
    code, out, err = cli("email", "list")
    assert code == 2 and "SMTP_URL" in err and "hunter2" not in out + err


# --- end to end: nhacviec remind --------------------------------------------------------------------------


def test_remind_mails_the_daily_digest_once(mail_cli, smtp):
    rec, _ = smtp
    assert mail_cli("email", "add", "Sở Nội vụ", SNV)[0] == 0
    code, out, _ = mail_cli("--today", "26/5/2023", "remind", "--dry-run", "--json")
    assert {"channel": "email", "chat_id": SNV} in next(e for e in json.loads(out) if e["code"] == "PL1.1")[
        "recipients"
    ]

    code, out, err = mail_cli("--today", "26/5/2023", "remind", "--json")
    assert code == 0, err
    assert json.loads(out)["messages"] == 1
    [msg] = rec.to(SNV)
    assert rec.messages[0][0] == "nhacviec@haiduong.gov.vn"
    # the subject is Outbound.subject when delivery sets it, else the digest's title — Vietnamese either way
    assert msg["Subject"].startswith("Nhắc việc") and "26/5/2023 — Sở Nội vụ" in msg["Subject"]
    plain, html = _parts(msg)
    assert "PL1.1" in plain and "PL1.1" in html
    assert "Telegram hoặc Zalo" in plain and "/xong MÃ" in html
    assert not any(
        label in plain + html for label in (chat_texts.BTN_DONE, chat_texts.BTN_PROGRESS_SHORT, chat_texts.BTN_DETAIL)
    )
    assert "List-Unsubscribe" not in msg

    code, out, _ = mail_cli("--today", "26/5/2023", "remind", "--json")
    assert json.loads(out)["messages"] == 0 and len(rec.to(SNV)) == 1  # never twice


def test_a_refused_address_is_disabled_and_coordinators_hear_of_it(mail_cli, smtp, tmp_path):
    rec, _ = smtp
    _link_coordinator(tmp_path)
    mail_cli("email", "add", "Sở Nội vụ", SNV)
    mail_cli("email", "add", "Sở Nội vụ", "cu@haiduong.gov.vn", "--name", "Địa chỉ cũ")
    rec.script = {"cu@haiduong.gov.vn": ["550 5.1.1 <cu@haiduong.gov.vn>: Recipient address rejected"]}
    code, out, err = mail_cli("--today", "26/5/2023", "remind")
    assert code == 0, err
    assert len(rec.to(SNV)) == 1 and rec.to("cu@haiduong.gov.vn") == []
    assert "── console:vp ──" in out and "mất kênh liên lạc: email:cu@haiduong.gov.vn" in out and "550" in out
    code, out, _ = mail_cli("email", "list", "--json")
    state = {r["address"]: (r["active"], r["disabled_reason"]) for r in json.loads(out)}
    assert state[SNV] == (True, "") and state["cu@haiduong.gov.vn"][0] is False
    assert "550" in state["cu@haiduong.gov.vn"][1]


async def test_a_busy_mailbox_is_retried(mail_cli, smtp):
    """451 on the first attempt: the reminder waits, the next retry run (the clock moved on) delivers it."""
    from bot.cli.main import App
    from config.settings import load_settings
    from jobs.sweep import run_retries, run_sweep

    rec, _ = smtp
    mail_cli("email", "add", "Sở Nội vụ", SNV)
    rec.script = {SNV: ["451 4.2.1 Mailbox busy, try again later"]}
    settings = load_settings()
    clock = FixedClock.on_day(datetime(2023, 5, 26).date(), settings.zone)
    app = App(settings, clock)
    channel = EmailChannel()
    running = await channel.start(
        ChannelContext(settings=settings, store=app.store, clock=clock, zone=settings.zone), listen=False
    )
    deps = app.sweep_deps({"email": running.sender})
    deps.wall = clock  # retries wait for real time: the test fixes real time, too
    try:
        first = await run_sweep(deps, force=True)
        # one digest waits: its reminders (a dated item and 5.IV's missed quarter I) are retried together
        assert (first.delivery.messages, first.delivery.retrying >= 1, first.delivery.failed) == (0, True, 0)
        assert [r for _, r in rec.refused] == ["451 4.2.1 Mailbox busy, try again later"] and rec.messages == []
        clock.advance(timedelta(minutes=5))
        again = await run_retries(deps)
        assert again.messages == 1 and len(rec.to(SNV)) == 1
    finally:
        await running.stop()
        app.engine.dispose()
    code, out, _ = mail_cli("email", "list", "--json")
    assert json.loads(out)[0]["active"] is True
