"""Chat replies that send people to the coordinating office name it as the plan's heading does (issue 11
§3): a centrally-run city's plan says "Văn phòng UBND thành phố", a ministry's "Văn phòng Bộ"; no
"tỉnh" leaks into help, refusals, invites, extension requests or a hand-over; the bundled Hải Dương demo
still says "Văn phòng UBND tỉnh". A missing plan number in the letter takes the issuer's symbol."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlmodel import Session

from bot.core import CommandCore
from bot.domain.report_data import PlanMeta
from bot.domain.texts import chat as chat_texts
from bot.plan_loading import load_plan_files
from bot.ports import FixedClock, Inbound
from bot.reports.letter import plan_citation
from storage import registry, work
from storage.store import SqlStore
from tests.chat_harness import DEMO_OFFICE, JULY, ZONE
from tests.conftest import NOW, loaded_engine
from tests.e2e.test_office_texts import CASES

HANDOVER = re.compile(r"/start (\S+)")


def _invite(engine, code: str, agency: str, role: str = "officer") -> str:
    with Session(engine) as s:
        ids = work.agency_ids(s)
        registry.create_invite(
            s, code=code, agency_id=ids[agency], role=role, now=NOW, expires_at=NOW + timedelta(days=7)
        )
        s.commit()
    return code


class Chat:
    """Telegram chats typing to the command core; every reply is kept."""

    def __init__(self, core: CommandCore):
        self.core, self.seen = core, []

    def say(self, chat: str, text: str) -> str:
        out = self.core.handle(Inbound("telegram", chat, text, sender=f"Người {chat}"))
        self.seen += [o.text for o in out]
        return "\n".join(o.text for o in out if o.chat_id == chat)


def _conversation(engine, lead: str, office_key: str) -> tuple[Chat, dict[str, str]]:
    chat = Chat(CommandCore(SqlStore(engine), FixedClock(NOW), ZONE))
    said = {
        "help_unlinked": chat.say("1", "/huongdan"),
        "need_code": chat.say("1", "/start"),
        "bad_code": chat.say("1", "/start KHONG-CO-MA"),
        "not_registered": chat.say("1", "/viec"),
        "link_need_code": chat.say("1", "/lienket"),
    }
    chat.say("2", f"/start {_invite(engine, 'officer-invite-1', lead)}")
    said["office_only"] = chat.say("2", "/dathan 1 30/9/2026")
    said["coordinator_only"] = chat.say("2", "/duyetgiahan 1")
    said["welcome_coordinator"] = chat.say(
        "3", f"/start {_invite(engine, 'coord-invite-1', office_key, 'coordinator')}"
    )
    said["help_coordinator"] = chat.say("3", "/huongdan")
    code = HANDOVER.search(chat.say("2", "/bangiao")).group(1)
    chat.say("4", f"/start {code}")
    said["handed_over"] = chat.say("2", "/viec")
    return chat, said


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_chat_names_the_plans_office_never_the_province(engine, tmp_path, case):
    _, directory, plan, office, _ = case
    (tmp_path / "dm.yaml").write_text(directory, encoding="utf-8")
    (tmp_path / "kh.yaml").write_text(plan, encoding="utf-8")
    load_plan_files(SqlStore(engine), tmp_path / "kh.yaml", tmp_path / "dm.yaml", now=NOW)
    lead = "stp" if case[0] == "city" else "cuc-hcht"
    office_key = "vp" if case[0] == "city" else "vp-bo"
    chat, said = _conversation(engine, lead, office_key)

    assert said["help_unlinked"].endswith(chat_texts.HELP_UNREGISTERED.format(office=office))
    assert said["need_code"] == chat_texts.START_NEED_CODE.format(office=office)
    assert said["bad_code"] == chat_texts.START_BAD.format(office=office)
    assert said["not_registered"] == chat_texts.NOT_REGISTERED.format(office=office)
    assert said["link_need_code"] == chat_texts.LINK_NEED_CODE.format(office=office)
    assert said["office_only"] == chat_texts.OFFICE_ONLY.format(command="dathan", office=office)
    assert said["coordinator_only"] == chat_texts.COORDINATOR_ONLY.format(office=office)
    assert chat_texts.START_ROLE_COORDINATOR.format(office=office) in said["welcome_coordinator"]
    assert chat_texts.HELP_COORDINATOR.format(office=office) in said["help_coordinator"]
    assert f"xin mã mời mới từ {office}." in said["handed_over"]
    for text in chat.seen:
        assert "tỉnh" not in text.lower(), text


def test_an_extension_request_goes_to_the_plans_office(engine, tmp_path):
    _, directory, plan, office, _ = CASES[0]
    (tmp_path / "dm.yaml").write_text(directory, encoding="utf-8")
    (tmp_path / "kh.yaml").write_text(plan, encoding="utf-8")
    load_plan_files(SqlStore(engine), tmp_path / "kh.yaml", tmp_path / "dm.yaml", now=NOW)
    chat = Chat(CommandCore(SqlStore(engine), FixedClock(NOW), ZONE))
    chat.say("2", f"/start {_invite(engine, 'officer-invite-1', 'stp')}")
    asked = chat.say("2", "/giahan 1 30/6/2026 chờ ý kiến của Bộ")
    assert f"tới {office}." in asked and chat_texts.EXT_NO_COORDINATOR.format(office=office) in asked
    assert "tỉnh" not in asked


def test_the_demo_still_names_the_provinces_office(db_url, plan, directory):
    engine = loaded_engine(db_url, plan, directory, JULY)
    try:
        core = CommandCore(SqlStore(engine), FixedClock(JULY), ZONE)
        reply = core.handle(Inbound("telegram", "9", "/viec"))[0].text
        assert DEMO_OFFICE == "Văn phòng UBND tỉnh" and reply == chat_texts.NOT_REGISTERED.format(office=DEMO_OFFICE)
    finally:
        engine.dispose()


@pytest.mark.parametrize(
    ("province", "issuer", "issued_as", "shown"),
    [
        ("Hải Dương", "UBND tỉnh Hải Dương", "Quyết định", "…/QĐ-UBND"),
        ("Hải Phòng", "UBND thành phố Hải Phòng", "Kế hoạch", "…/KH-UBND"),
        ("Bộ Tư pháp", "Bộ Tư pháp", "Quyết định", "…/QĐ-BTP"),
        ("Hà Nội", "Bộ Kế hoạch và Đầu tư", "Kế hoạch", "…/KH-BKHĐT"),
        ("Hà Nội", "Văn phòng Chính phủ", "Quyết định", "…/QĐ-…"),  # an issuer we cannot abbreviate
    ],
)
def test_a_missing_plan_number_takes_the_issuers_symbol(province, issuer, issued_as, shown):
    meta = PlanMeta("p", 2026, province, "Kế hoạch kiểm soát TTHC năm 2026", issuer=issuer, issued_as=issued_as)
    segments = plan_citation(meta)
    assert (shown, True) in segments


def test_a_coordinator_outside_the_office_is_refused_naming_the_plans_office(cli, tmp_path):
    _, directory, plan, office, _ = CASES[1]  # the ministry
    (tmp_path / "dm.yaml").write_text(directory, encoding="utf-8")
    (tmp_path / "kh.yaml").write_text(plan, encoding="utf-8")
    assert cli("init", "--plan", str(tmp_path / "kh.yaml"), "--agencies", str(tmp_path / "dm.yaml"))[0] == 0
    code, out, err = cli("invite", "Cục Hành chính tư pháp", "--role", "coordinator")
    assert code != 0 and f"không phải cơ quan điều phối Kế hoạch ({office})" in err
    assert "tỉnh" not in err and "Chưa tạo mã mời" in err
    code, out, _ = cli("invite", "Văn phòng Bộ", "--role", "coordinator")
    assert code == 0 and "/start " in out
