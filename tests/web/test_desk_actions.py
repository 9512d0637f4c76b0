"""The desk's actions over HTTP (the quick loop; the browser tests drive the same pages): extensions
decided through the chat's own code with the officer told, revoking a chat after a confirmation, every
action on the audit trail with channel "web", and bad input refused with nothing changed."""

from __future__ import annotations

from contextlib import contextmanager
from datetime import date

import httpx

from bot.core import CommandCore
from bot.domain.texts import chat as chat_texts
from bot.domain.texts import web as web_texts
from bot.ports import Inbound
from bot.web import auth, server
from bot.web.app import create_app
from tests.sweep_harness import RecordingSender
from tests.web.conftest import ZONE, ask_extension, desk_parts

DOC = "Văn bản số 120/UBND-NC ngày 1/7/2023"


@contextmanager
def _desk(sqlite_url, plan, directory, key: str = "vp-ubnd-tinh", role: str = "coordinator"):
    """(client signed in, its CSRF token, store, sender): the desk served on 127.0.0.1 in a thread."""
    store, clock, config = desk_parts(sqlite_url, plan, directory)
    sender = RecordingSender()
    try:
        with server.in_thread(create_app(store, clock, config, {"telegram": sender})) as url:
            with httpx.Client(base_url=url) as client:
                path, _, _ = auth.new_link(store, config, agency_key=key, role=role, now=clock.now())
                token = path.rsplit("/", 1)[1]
                client.post("/dang-nhap", data={"token": token, "csrf": auth.login_csrf(config, token)})
                csrf = auth.csrf_token(config, auth.unsign_session(config, client.cookies.get("nhacviec_phien")))
                yield client, csrf, store, sender, clock
    finally:
        store.engine.dispose()


def _due(store, code: str = "PL1.2", agency: str = "Sở Tư pháp") -> date:
    data = store.report_data(zone=ZONE)
    return next(r["due"] for r in data.rows if r["code"] == code and r["agency"] == agency)


def _audit(store, action: str) -> list:
    return [e for e in store.audit_entries(zone=ZONE) if e.action == action]


def test_approving_an_extension_is_the_chats_decision_and_the_officer_is_told(sqlite_url, plan, directory):
    with _desk(sqlite_url, plan, directory) as (client, csrf, store, sender, clock):
        ask_extension(store, clock)
        (ext,) = store.web_pending_extensions()
        page = client.get("/gia-han")
        assert page.status_code == 200 and f'id="ext-{ext.id}"' in page.text and "chờ ý kiến thẩm định" in page.text
        # bad input: no decision, a document too long, a document dated in the future — nothing changes
        assert client.post(f"/gia-han/{ext.id}", data={"csrf": csrf}).status_code == 400
        long = client.post(f"/gia-han/{ext.id}", data={"csrf": csrf, "decision": "approve", "document": "x" * 301})
        assert long.status_code == 400 and web_texts.EXT_TOO_LONG.format(n=300) in long.text
        future = client.post(
            f"/gia-han/{ext.id}", data={"csrf": csrf, "decision": "approve", "document": "Công văn ngày 1/8/2023"}
        )
        assert chat_texts.EXT_FUTURE_DOCUMENT.format(typed="Công văn ngày 1/8/2023") in future.text
        assert client.post(f"/gia-han/{ext.id}", data={"decision": "approve"}).status_code == 403  # no CSRF token
        assert store.web_pending_extensions() == [ext] and _due(store) == date(2023, 5, 31)

        version = store.web_data_version()
        done = client.post(f"/gia-han/{ext.id}", data={"csrf": csrf, "decision": "approve", "document": DOC})
        assert done.status_code == 200
        assert "Đã duyệt gia hạn PL1.2 cho Sở Tư pháp: hạn gốc 31/5/2023, gia hạn đến 30/9/2023" in done.text
        assert web_texts.EXT_NONE in done.text and store.web_pending_extensions() == []
        assert _due(store) == date(2023, 9, 30) and store.web_data_version() != version  # the desk recounts
        (told,) = sender.to("111")
        assert told.channel == "telegram" and "đã được đồng ý" in told.text and DOC in told.text
        (row,) = _audit(store, "extension_approved")
        assert row.channel == "web" and row.after["document"] == DOC and "Văn phòng UBND tỉnh" in row.actor

        item = client.get(f"/nhiem-vu/{ext.item_id}").text  # the item page shows it as /xem does
        assert 'id="extended"' in item and "hạn gốc 31/5/2023, gia hạn đến 30/9/2023 theo " + DOC in item
        again = client.post(f"/gia-han/{ext.id}", data={"csrf": csrf, "decision": "refuse"})
        assert "đã được xử lý trước đó" in again.text and _due(store) == date(2023, 9, 30)


def test_declining_tells_the_officer_and_officers_cannot_decide(sqlite_url, plan, directory):
    with _desk(sqlite_url, plan, directory) as (client, csrf, store, sender, clock):
        ask_extension(store, clock)
        (ext,) = store.web_pending_extensions()
        done = client.post(f"/gia-han/{ext.id}", data={"csrf": csrf, "decision": "refuse", "note": "Chưa đủ căn cứ"})
        assert "Đã không đồng ý gia hạn PL1.2" in done.text
        (told,) = sender.to("111")
        assert "không được đồng ý; hạn vẫn là 31/5/2023" in told.text and "Chưa đủ căn cứ" in told.text
        assert [e.channel for e in _audit(store, "extension_refused")] == ["web"]
    with _desk(sqlite_url, plan, directory, key="so-tu-phap", role="officer") as (client, csrf, store, sender, clock):
        ask_extension(store, clock, chat="112")
        (ext,) = store.web_pending_extensions()
        assert client.get("/gia-han").status_code == 403
        assert client.post(f"/gia-han/{ext.id}", data={"csrf": csrf, "decision": "approve"}).status_code == 403
        assert store.web_pending_extensions() == [ext] and sender.sent == []


def test_invite_revoke_and_sign_in_are_audited_as_web(sqlite_url, plan, directory):
    with _desk(sqlite_url, plan, directory) as (client, csrf, store, sender, clock):
        assert [(e.channel, e.agency) for e in _audit(store, "web_signed_in")] == [("web", "Văn phòng UBND tỉnh")]
        version = store.web_data_version()
        assert client.post("/can-bo/moi", data={"csrf": csrf, "agency": "so-tu-phap", "role": "officer"}).is_success
        assert store.web_data_version() == version  # nothing the summaries count changed
        (invited,) = _audit(store, "invite_created")
        assert invited.channel == "web" and invited.agency == "Sở Tư pháp" and invited.after["role"] == "officer"

        ask_extension(store, clock)  # links telegram:111 to Sở Tư pháp
        shown = client.get("/can-bo").text
        assert 'value="telegram:111"' in shown
        # bad input: unknown chat, no CSRF token — nothing changes
        assert client.post("/can-bo/thu-hoi", data={"csrf": csrf, "chat": "telegram:999"}).status_code == 404
        assert client.post("/can-bo/thu-hoi", data={"chat": "telegram:111", "confirm": "yes"}).status_code == 403
        asked = client.post("/can-bo/thu-hoi", data={"csrf": csrf, "chat": "telegram:111"})
        assert asked.status_code == 200 and 'id="revoke-yes"' in asked.text  # a confirmation first
        assert _active(store, "111") and _audit(store, "revoked") == []

        done = client.post("/can-bo/thu-hoi", data={"csrf": csrf, "chat": "telegram:111", "confirm": "yes"})
        assert done.status_code == 200 and web_texts.REVOKE_DONE.split("{")[0] in done.text
        assert not _active(store, "111")
        (row,) = _audit(store, "revoked")
        assert row.channel == "web" and row.before == {"chat": "telegram:111"} and "Văn phòng UBND tỉnh" in row.actor
        again = client.post("/can-bo/thu-hoi", data={"csrf": csrf, "chat": "telegram:111", "confirm": "yes"})
        assert again.status_code == 404 and len(_audit(store, "revoked")) == 1


def _active(store, chat_id: str) -> bool:
    return any(c["active"] for c in store.officers() if c["chat_id"] == chat_id)


def test_hand_over_issues_the_cli_code_with_its_qr_and_the_new_officer_takes_the_seat(sqlite_url, plan, directory):
    with _desk(sqlite_url, plan, directory) as (client, csrf, store, sender, clock):
        ask_extension(store, clock)  # Lan's Telegram chat 111 is Sở Tư pháp's officer
        page = client.get("/can-bo").text
        assert 'id="handover-form"' in page and web_texts.HANDOVER_TITLE in page
        # bad input: an unknown agency, no CSRF token — no code, no audit row
        bad = client.post("/can-bo/ban-giao", data={"csrf": csrf, "agency": "so-khong-co"})
        assert bad.status_code == 400 and web_texts.HANDOVER_UNKNOWN_AGENCY.format(name="so-khong-co") in bad.text
        assert client.post("/can-bo/ban-giao", data={"agency": "so-tu-phap"}).status_code == 403
        assert _audit(store, "handover_invited") == []

        done = client.post("/can-bo/ban-giao", data={"csrf": csrf, "agency": "so-tu-phap"})
        assert done.status_code == 200 and 'id="handover"' in done.text and '<div class="qr"><svg' in done.text
        assert "Mã bàn giao cho Sở Tư pháp, dùng một lần, hết hạn" in done.text
        assert "Lan (telegram)" in done.text.split('id="handover-ends">')[1].split("</p>")[0]
        link = done.text.split('<code id="invite-link">')[1].split("</code>")[0]
        assert link.startswith("https://t.me/nhacviec_bot?start=")
        (row,) = _audit(store, "handover_invited")  # the row nhacviec handover writes, channel "web"
        assert row.channel == "web" and row.agency == "Sở Tư pháp" and row.after["outgoing"] == ["telegram:111"]
        assert "Văn phòng UBND tỉnh" in row.actor

        # the code works as the CLI's: the new officer takes the seat, Lan's chat no longer receives
        core = CommandCore(store, clock, ZONE)
        core.handle(Inbound("telegram", "222", "/start " + link.rsplit("=", 1)[1], sender="Minh"))
        assert _active(store, "222") and not _active(store, "111")
    with _desk(sqlite_url, plan, directory, key="so-tu-phap", role="officer") as (client, csrf, store, *_):
        before = len(_audit(store, "handover_invited"))
        assert client.post("/can-bo/ban-giao", data={"csrf": csrf, "agency": "so-tu-phap"}).status_code == 403
        assert len(_audit(store, "handover_invited")) == before
