"""Every action the audit trail writes has Vietnamese words in `nhacviec audit` (issue 10: periods were
shown as raw `period_done` / `period_undo`)."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from bot.domain import audit as A
from bot.domain import texts
from bot.domain.amendments import AMENDMENT
from storage import successors
from storage.chat_links import _REGISTRATION_ACTION
from tests.jobs.test_periods_remind import _core_reply
from tests.jobs.test_remind_cli import _link

ROOT = Path(__file__).resolve().parents[2]
LITERAL = re.compile(r"\baction=\"([a-z_]+)\"\s*[,)]")
ARGPARSE = {"store_true", "store_false", "append", "count", "store"}
PURPOSES = ("handover", "deputy", "leader")  # people_invite writes f"{purpose}_invited"


def _written_actions() -> set[str]:
    """The action names the code writes: audit.py's constants, literals at ``action="…"`` in storage and
    bot, the registration map, invite purposes, period statuses, successors and amendments."""
    names = {v for k, v in vars(A).items() if k.isupper() and isinstance(v, str)}
    for folder in ("storage", "bot"):
        for path in (ROOT / folder).rglob("*.py"):
            names |= set(LITERAL.findall(path.read_text(encoding="utf-8"))) - ARGPARSE
    names |= set(_REGISTRATION_ACTION.values()) | {f"{p}_invited" for p in PURPOSES}
    names |= {"period_done", "period_ended", "period_undo", successors.ACTION, AMENDMENT}
    return names


def test_every_audit_action_has_a_vietnamese_label():
    names = _written_actions()
    assert {"period_done", "period_undo", "done", "web_signed_in"} <= names  # the scan found them
    missing = sorted(n for n in names if n not in texts.AUDIT_ACTION)
    assert missing == []
    for name, label in texts.AUDIT_ACTION.items():
        assert label and label != name and not re.fullmatch(r"[a-z_]+", label), name
        assert re.search(r"[^\x00-\x7f]", label), f"{name}: {label!r} has no Vietnamese letters"


def test_audit_words_a_reported_and_undone_period(cli, tmp_path):
    cli("init")
    _link(tmp_path, "lan", "so-tu-phap")
    assert "quý II/2023" in _core_reply(date(2023, 6, 5), "/xong 5.IV")
    assert "Đã hoàn tác báo cáo quý II/2023" in _core_reply(date(2023, 6, 6), "/hoantac 5.IV")
    code, out, _ = cli("audit", "--agency", "so tu phap")
    assert code == 0
    assert texts.AUDIT_ACTION["period_done"] in out and texts.AUDIT_ACTION["period_undo"] in out
    assert "period_done" not in out and "period_undo" not in out
