"""People on the command line (issue 14 §3): `nhacviec handover AGENCY`, `invite --deputy/--leader`,
`leader set|list|remove`; bad input gets one Vietnamese line and changes nothing; every change is audited."""

from __future__ import annotations

import json
from datetime import datetime

from sqlmodel import Session, select

from bot.domain.texts import chat as chat_texts
from bot.ports import FixedClock, Inbound
from bot.core import CommandCore
from storage import registry, work
from storage.engine import make_engine
from storage.models import AuditRow, InviteRow, RecipientRow
from storage.store import SqlStore
from tests.chat_harness import ZONE

NOW = datetime(2023, 7, 10, 9, 0, tzinfo=ZONE)


def _engine(tmp_path):
    return make_engine(f"sqlite:///{tmp_path / 'data' / 'nhacviec.db'}")


def _link(tmp_path, chat: str) -> None:
    with Session(_engine(tmp_path)) as s:
        registry.link_chat(
            s,
            channel="telegram",
            chat_id=chat,
            agency_id=work.agency_ids(s)["so-tu-phap"],
            role="officer",
            display_name="Lan",
            now=NOW,
        )
        s.commit()


def _start(tmp_path, chat: str, code: str):
    core = CommandCore(SqlStore(_engine(tmp_path)), FixedClock(NOW), ZONE)
    return core.handle(Inbound("telegram", chat, f"/start {code}", sender="Minh"))


def _actions(tmp_path) -> list[str]:
    with Session(_engine(tmp_path)) as s:
        return list(s.exec(select(AuditRow.action).order_by(AuditRow.id)))


def test_handover_from_the_cli_ends_the_primary_and_tells_it(cli, tmp_path):
    cli("init")
    _link(tmp_path, "111")
    code, out, err = cli("--today", "10/7/2023", "handover", "so tu phap")
    assert code == 0, err
    assert "Sở Tư pháp (bàn giao)" in out and "cán bộ đầu mối hiện tại (telegram:111) thôi nhận nhắc việc" in out
    code, out, _ = cli("--today", "10/7/2023", "handover", "so tu phap", "--json")
    data = json.loads(out)
    assert data["purpose"] == "handover" and data["ends"] == ["telegram:111"]
    outs = _start(tmp_path, "222", data["code"])
    assert outs[0].text == chat_texts.START_HANDOVER.format(agency="Sở Tư pháp")
    assert outs[1].chat_id == "111" and "đã được bàn giao cho người khác (Minh)" in outs[1].text
    with Session(_engine(tmp_path)) as s:
        rows = [
            (r.chat_id, r.active, r.disabled_reason) for r in s.exec(select(RecipientRow).order_by(RecipientRow.id))
        ]
    assert rows == [("111", False, "handed_over"), ("222", True, "")]
    assert _actions(tmp_path)[-3:] == ["handover_invited", "handover_invited", "handed_over"]
    code, out, _ = cli("audit", "--json")
    assert code == 0 and "handed_over" in out


def test_handover_of_an_agency_without_officers_says_so(cli):
    cli("init")
    code, out, _ = cli("handover", "so noi vu")
    assert code == 0 and "Sở Nội vụ chưa có cán bộ đầu mối nào" in out


def test_deputy_and_leader_invites(cli, tmp_path):
    cli("init")
    _link(tmp_path, "111")
    code, out, _ = cli("invite", "so tu phap", "--deputy", "--json")
    assert code == 0 and json.loads(out)["purpose"] == "deputy"
    assert _start(tmp_path, "444", json.loads(out)["code"])[0].text == chat_texts.START_OK.format(
        agency="Sở Tư pháp", role=chat_texts.START_ROLE_DEPUTY
    )
    code, out, _ = cli("invite", "so tu phap", "--leader")
    assert code == 0 and "Sở Tư pháp (lãnh đạo phụ trách)" in out
    leader_code = out.split("/start ")[1].split()[0]
    assert "lãnh đạo phụ trách" in _start(tmp_path, "555", leader_code)[0].text
    code, out, _ = cli("officers")
    assert "cán bộ đầu mối (dự phòng)" in out and "lãnh đạo phụ trách" in out
    core = CommandCore(SqlStore(_engine(tmp_path)), FixedClock(NOW), ZONE)
    (reply,) = core.handle(Inbound("telegram", "555", "/xong PL1.2", sender="Bình"))
    assert reply.text == chat_texts.LEADER_VIEW_ONLY  # a leader reads, never acts
    (reply,) = core.handle(Inbound("telegram", "555", "/trehan", sender="Bình"))
    assert "PL1.2" in reply.text
    assert ["deputy_invited", "deputy_added", "leader_invited", "leader_set"] == [
        a for a in _actions(tmp_path) if a.startswith(("deputy", "leader"))
    ]
    with Session(_engine(tmp_path)) as s:
        invites = len(s.exec(select(InviteRow)).all())
    code, _, err = cli("invite", "so tu phap", "--deputy", "--leader")
    assert code == 2 and "Mỗi mã mời cho một vai trò" in err
    code, _, err = cli("invite", "vp ubnd tinh", "--role", "coordinator", "--deputy")
    assert code == 2 and "Mỗi mã mời cho một vai trò" in err
    with Session(_engine(tmp_path)) as s:
        assert len(s.exec(select(InviteRow)).all()) == invites


def test_leader_by_email_bad_input_changes_nothing(cli, tmp_path):
    cli("init")
    code, _, err = cli("leader", "set", "so tu phap", "--email", "khong-phai-email")
    assert code == 2 and "Địa chỉ thư điện tử không hợp lệ: khong-phai-email. Chưa có gì thay đổi." in err
    code, _, err = cli("leader", "set", "so khong ton tai", "--email", "a@b.vn")
    assert code == 2 and 'Không tìm thấy cơ quan "so khong ton tai"' in err
    cli("email", "add", "so tu phap", "vanthu@tuphap.gov.vn")
    code, _, err = cli("leader", "set", "so noi vu", "--email", "vanthu@tuphap.gov.vn")
    assert code == 2 and "vanthu@tuphap.gov.vn đang là cán bộ đầu mối của Sở Tư pháp" in err
    code, out, _ = cli("leader", "list")
    assert code == 0 and "Chưa cơ quan nào có lãnh đạo phụ trách" in out
    assert not any(a.startswith("leader") for a in _actions(tmp_path))

    code, out, _ = cli("leader", "set", "so tu phap", "--email", "lanhdao@tuphap.gov.vn", "--name", "Ông Bình")
    assert code == 0 and "Đã đặt lãnh đạo phụ trách Sở Tư pháp: lanhdao@tuphap.gov.vn" in out and "sau 5 ngày" in out
    code, out, _ = cli("leader", "list", "--json")
    assert json.loads(out) == [
        {"agency": "Sở Tư pháp", "chat": "email:lanhdao@tuphap.gov.vn", "name": "Ông Bình", "active": True}
    ]
    code, out, _ = cli("leader", "remove", "so tu phap")
    assert code == 0 and "Đã thôi gửi tổng hợp cho lãnh đạo phụ trách Sở Tư pháp (1)" in out
    code, _, err = cli("leader", "remove", "so tu phap")
    assert code == 2 and "Sở Tư pháp chưa có lãnh đạo phụ trách. Chưa có gì thay đổi." in err
    assert [a for a in _actions(tmp_path) if a.startswith("leader")] == ["leader_set", "leader_removed"]
    with Session(_engine(tmp_path)) as s:
        assert s.exec(select(InviteRow)).all() == []
