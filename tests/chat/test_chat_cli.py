"""invite / officers / revoke, and `run` without a token: the console chat driven through its streams."""

from __future__ import annotations

import io
import json
import re
import sys

import pytest
from sqlmodel import Session, select

from bot.cli.main import main
from storage.engine import make_engine
from storage.models import InviteRow, RecipientRow


@pytest.fixture
def cli(cli):
    cli("init")
    return cli


def _engine(tmp_path):
    return make_engine(f"sqlite:///{tmp_path / 'data' / 'nhacviec.db'}")


def test_invite_json_and_hash_only(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("TELEGRAM_BOT_USERNAME", "@hd_nhacviec_bot")
    code, out, _ = cli("--today", "25/5/2023", "invite", "so tu phap", "--expires", "3d", "--json")
    data = json.loads(out)
    assert code == 0 and set(data) == {"agency", "role", "code", "link", "expires_at"}
    assert data["agency"] == "Sở Tư pháp" and data["role"] == "officer"
    assert re.fullmatch(r"[A-Za-z0-9_-]{24,64}", data["code"])  # deep-link alphabet, ≥ 96 bits
    assert data["link"] == f"https://t.me/hd_nhacviec_bot?start={data['code']}"
    assert data["expires_at"].startswith("2023-05-28T09:00:00+07:00")
    with Session(_engine(tmp_path)) as s:
        rows = s.exec(select(InviteRow)).all()
    assert len(rows) == 1 and rows[0].code_hash != data["code"] and data["code"] not in rows[0].code_hash
    _, out2, _ = cli("invite", "so tu phap", "--json")
    assert json.loads(out2)["code"] != data["code"]


def test_invite_human_output_and_coordinator(cli):
    code, out, _ = cli("invite", "VP UBND tỉnh", "--role", "coordinator")
    assert code == 0 and "Văn phòng UBND tỉnh (cán bộ theo dõi)" in out and "/start " in out and "Zalo" in out


def test_invite_ambiguous_or_unknown_agency(cli, tmp_path):
    code, _, err = cli("invite", "thanh")
    assert code == 2 and "Có phải" in err and "UBND huyện Thanh Hà" in err
    code, _, err = cli("invite", "Sở Vũ trụ")
    assert code == 2 and "Không tìm thấy cơ quan" in err
    code, _, err = cli("invite", "so tu phap", "--expires", "mai")
    assert code == 2 and "Thời hạn không hợp lệ" in err
    with Session(_engine(tmp_path)) as s:
        assert s.exec(select(InviteRow)).all() == []


def test_officers_and_revoke(cli, tmp_path):
    code, out, _ = cli("officers")
    assert code == 0 and "Chưa có" in out
    # link a console chat the way `run` does, then list and revoke it
    cli("--today", "25/5/2023", "run", stdin="3\nthoat\n")
    code, out, _ = cli("officers", "--json")
    rows = json.loads(out)
    assert [(r["channel"], r["agency"], r["role"]) for r in rows] == [("console", "Sở Nội vụ", "officer")]
    code, out, _ = cli("revoke", f"console:{rows[0]['chat_id']}")
    assert code == 0 and "Đã hủy liên kết" in out
    code, _, err = cli("revoke", "telegram:42")
    assert code == 2 and "Không có cuộc trò chuyện" in err
    code, _, err = cli("revoke", f"console:{rows[0]['chat_id']}")  # already revoked
    assert code == 2
    with Session(_engine(tmp_path)) as s:  # kept, inactive: its reminder history still names it
        assert [(r.active, r.disabled_reason) for r in s.exec(select(RecipientRow)).all()] == [(False, "revoked")]


def test_console_chat(cli):
    script = (
        "\n".join(
            [
                "x",
                "4",
                "/viec",
                "1",
                "1",
                "/xem pl1.2",
                "xong pl1.2 QĐ số 5/QĐ-STP ngày 1/6/2023",
                "xong pl1.2",
                "/trehan",
                "doi",
                "1",
                "/trehan",
                "thoat",
            ]
        )
        + "\n"
    )
    code, out, _ = cli("--today", "10/7/2023", "run", stdin=script)
    assert code == 0
    assert "Hãy gõ một số từ 1 đến" in out
    assert "Đang trò chuyện với tư cách: Cán bộ đầu mối — Sở Tư pháp" in out
    assert "【Nhiệm vụ chưa hoàn thành — Sở Tư pháp (7)】" in out and "1 — 📄 PL1.2" in out
    assert "1 — ✅ Báo hoàn thành" in out  # "1" opened PL1.2
    assert "✅ Đã ghi nhận Sở Tư pháp hoàn thành PL1.2" in out  # and "1" again pressed its ✅
    assert "Đã bổ sung văn bản cho nhiệm vụ PL1.2" in out  # the document sent afterwards is kept
    assert (
        "Nhiệm vụ PL1.2 đã được cán bộ đầu mối Sở Tư pháp báo hoàn thành lúc 09:00 ngày 10/7/2023; không thay đổi gì."
    ) in out  # the bare "xong" afterwards: no stale count
    assert "【Nhiệm vụ quá hạn tính đến ngày 10/7/2023: 19 nhiệm vụ của 13 cơ quan】" in out  # as the coordinator
    assert out.rstrip().endswith("Tạm biệt!")


def test_run_on_a_fresh_directory_sets_everything_up(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    assert main(["run"]) == 0
    out = capsys.readouterr().out
    assert "60 nhiệm vụ" in out and "Anh/chị là ai?" in out
    assert (tmp_path / "data" / "nhacviec.db").exists()


def test_unreachable_telegram_is_one_line_without_the_token(cli, monkeypatch):
    token = "4242:UNREACHABLE-secret-token"
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", token)
    monkeypatch.setenv("TELEGRAM_BASE_URL", "http://127.0.0.1:9/bot")  # nothing listens on the discard port
    code, out, err = cli("--today", "22/5/2023", "remind")
    assert code == 2 and "Không kết nối được tới Telegram" in err
    assert token not in out + err and "Traceback" not in err


def test_fallback_order_and_channels_come_from_the_registry(monkeypatch):
    from bot.channels import registry
    from config.settings import load_settings

    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    monkeypatch.setenv("ZALO_BOT_TOKEN", "z-secret-123")
    monkeypatch.setenv("FALLBACK_ORDER", "zalo, telegram")
    settings = load_settings()
    assert settings.fallback_channels == ("zalo", "telegram")
    assert [c.name for c in registry.configured(settings)] == ["zalo", "console"]
    assert registry.secrets(settings) == ["z-secret-123"]
    caps = {c.name: c.capabilities for c in registry.CHANNELS}
    assert (caps["telegram"].buttons, caps["telegram"].files, caps["telegram"].max_length) == (True, True, 4096)
    assert (caps["zalo"].buttons, caps["zalo"].files, caps["zalo"].max_length) == (False, False, 2000)
    assert caps["console"].buttons is False


def test_status_and_invite_with_several_zalo_bots(cli, monkeypatch):
    monkeypatch.delenv("ZALO_BOT_TOKEN", raising=False)
    monkeypatch.setenv("ZALO_BOT_TOKENS", "111:secret-a,222:secret-b")
    code, out, _ = cli("--today", "25/5/2023", "status", "--json")
    bots = json.loads(out)["channels"]["zalo"]["bots"]
    assert code == 0 and [(b["bot"], b["users"], b["messages"]) for b in bots] == [
        ("bot Zalo số 1", 0, 0),
        ("bot Zalo số 2", 0, 0),
    ]
    code, out, _ = cli("--today", "25/5/2023", "status")
    assert "bot Zalo số 2: 0/50 người dùng, 0/3000 tin nhắn tháng này" in out
    code, out, err = cli("invite", "so tu phap")
    assert code == 0 and "Zalo: nhắn cho bot Zalo số 1 (còn 50 chỗ)." in out
    assert "secret-a" not in out + err and "secret-b" not in out + err
