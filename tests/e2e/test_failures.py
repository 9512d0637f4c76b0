"""Failures a person can act on (issue 12 §5): one Vietnamese sentence naming the cause and the next step, no
traceback, nothing written before the checks pass, read-only commands working read-only, global options
after the subcommand, output folders never invented."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.run_process import ROOT, clean_env

JULY = ("--today", "10/7/2023")


def _settled(db: Path) -> Path:
    """The database with its write-ahead log folded in and the side files gone (a file at rest)."""
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    for extra in db.parent.glob(db.name + "-*"):
        extra.unlink()
    return db


def _one_sentence(err: str) -> None:
    assert "Traceback" not in err and err.strip().count("\n") == 0, err


def test_global_options_after_the_subcommand(cli):
    assert cli("init")[0] == 0
    code, out, err = cli("remind", "--today", "26/5/2023", "--dry-run")
    assert code == 0, err
    assert code == 0 and out == cli("--today", "26/5/2023", "remind", "--dry-run")[1]
    code, out, _ = cli("plan", "show", "--plan-id", "hai-duong-2023", "--today=10/7/2023")
    assert code == 0 and "quá hạn" in out


def test_unsupported_database_url_is_one_sentence(cli, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "mysql://u:secret@db.example/nhacviec")
    code, out, err = cli("status")
    assert code == 2 and "mysql" in err and "PostgreSQL" in err and "secret" not in err
    _one_sentence(err)


def test_damaged_sqlite_file_is_one_sentence_and_left_alone(cli, tmp_path, monkeypatch):
    assert cli("init")[0] == 0
    db = _settled(tmp_path / "data" / "nhacviec.db")
    damaged = tmp_path / "damaged.db"
    data = bytearray(db.read_bytes())
    for off in range(4096 * 3, len(data) - 600, 8192):  # pages past the header overwritten
        data[off : off + 600] = b"\xde\xad" * 300
    damaged.write_bytes(bytes(data))
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{damaged}")
    for args in (("status",), ("plan", "show"), (*JULY, "remind")):
        code, _, err = cli(*args)
        assert code == 2 and "đã bị hỏng" in err and "sao lưu" in err, (args, err)
        _one_sentence(err)
    assert damaged.read_bytes() == bytes(data)


def test_another_programs_database_is_refused_before_any_write(cli, tmp_path, monkeypatch):
    foreign = tmp_path / "crm.db"
    with sqlite3.connect(foreign) as conn:
        conn.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
    before = foreign.read_bytes()
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{foreign}")
    for args in (("init",), ("status",), (*JULY, "remind")):
        code, _, err = cli(*args)
        assert code == 2 and "không phải của nhacviec" in err, err
    assert foreign.read_bytes() == before  # still in rollback-journal mode: no WAL
    with sqlite3.connect(foreign) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"


def test_status_leaves_an_empty_file_empty_and_creates_nothing(cli, tmp_path, monkeypatch):
    empty = tmp_path / "empty.db"
    empty.write_bytes(b"")
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{empty}")
    code, _, err = cli("status")
    assert code == 2 and "nhacviec init" in err and empty.read_bytes() == b""
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'nowhere' / 'x.db'}")
    for args in (("status",), ("plan", "show"), ("officers",), (*JULY, "remind")):
        code, _, err = cli(*args)
        assert code == 2 and "nhacviec init" in err, (args, err)
    assert not (tmp_path / "nowhere").exists()


def test_missing_plan_file_leaves_no_database(cli, tmp_path):
    code, _, err = cli("init", "--plan", "khong-co.yaml")
    assert code == 2 and "khong-co.yaml" in err
    assert not (tmp_path / "data").exists()


def test_read_only_commands_open_the_file_read_only(cli, tmp_path):
    from storage.engine import make_engine
    from sqlalchemy import text
    from sqlalchemy.exc import OperationalError

    assert cli("init")[0] == 0
    db = _settled(tmp_path / "data" / "nhacviec.db")
    before = db.read_bytes()
    (tmp_path / "out").mkdir()
    for args in (
        ("status",),
        ("plan", "show"),
        ("officers",),
        ("agencies", "list"),
        (*JULY, "remind", "--dry-run"),
        (*JULY, "export", "--out", "out/bc.xlsx"),
        (*JULY, "report"),
    ):
        code, _, err = cli(*args)
        assert code == 0, (args, err)
    assert db.read_bytes() == before
    engine = make_engine(f"sqlite:///{db}", read_only=True)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM item")).scalar() == 60
        with pytest.raises(OperationalError, match="readonly"):
            conn.execute(text("DELETE FROM item"))
    engine.dispose()


@pytest.mark.skipif(os.geteuid() != 0 and sys.platform != "linux", reason="needs chmod semantics")
def test_read_only_folder(cli, tmp_path):
    """A read-only folder (a copy on a read-only share): the read-only commands still answer."""
    assert cli("init")[0] == 0
    folder = _settled(tmp_path / "data" / "nhacviec.db").parent
    os.chmod(folder / "nhacviec.db", 0o444)
    os.chmod(folder, 0o555)
    try:
        code, out, err = cli("status")
        assert code == 0, err
        code, out, err = cli(*JULY, "plan", "show")
        assert code == 0 and "quá hạn" in out, err
    finally:
        os.chmod(folder, 0o755)
    assert sorted(p.name for p in folder.iterdir()) == ["nhacviec.db"] or os.geteuid() == 0


def test_export_to_a_missing_folder_fails_clearly(cli, tmp_path):
    assert cli("init")[0] == 0
    code, _, err = cli(*JULY, "export", "--out", str(tmp_path / "khong" / "co" / "x.xlsx"))
    assert code == 2 and "Không có thư mục" in err and "mkdir" in err
    assert not (tmp_path / "khong").exists()
    code, _, err = cli(*JULY, "draft-reminder", "--out", str(tmp_path / "khong" / "cv.docx"))
    assert code == 2 and "Không có thư mục" in err and not (tmp_path / "khong").exists()


def test_draft_reminder_with_nothing_overdue_is_an_answer(cli, tmp_path):
    assert cli("init")[0] == 0
    code, out, err = cli("--today", "1/3/2023", "draft-reminder", "--agency", "so tu phap", "--out", "cv.docx")
    assert code == 0 and "Không có nhiệm vụ quá hạn nào đến 1/3/2023 của Sở Tư pháp" in out, err
    assert not (tmp_path / "cv.docx").exists()


def test_terminal_chat_files_are_kept_apart_and_ignored_by_git(tmp_path):
    from bot.ports import Attachment
    from bot.transports.console import REPORTS_FOLDER, save_attachment

    first = save_attachment(Attachment(filename="bao-cao.xlsx", data=b"1"), tmp_path / REPORTS_FOLDER)
    second = save_attachment(Attachment(filename="bao-cao.xlsx", data=b"2"), tmp_path / REPORTS_FOLDER)
    assert first.name == "bao-cao.xlsx" and second.name == "bao-cao-2.xlsx"
    assert first.read_bytes() == b"1" and second.read_bytes() == b"2"
    assert "/data/reports/" in (ROOT / ".gitignore").read_text().splitlines()
    assert "./data/reports/" in (ROOT / "README.md").read_text()


@pytest.mark.slow
def test_ctrl_c_in_the_terminal_chat_is_one_polite_line(tmp_path):
    env = clean_env(f"sqlite:///{tmp_path / 'nhacviec.db'}")
    out_path, err_path = tmp_path / "out.txt", tmp_path / "err.txt"
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        proc = subprocess.Popen(
            [sys.executable, "-m", "bot.cli.main", "--today", "25/5/2023", "run"],
            cwd=tmp_path,
            env=env,
            stdin=subprocess.PIPE,
            stdout=out,
            stderr=err,
        )
        deadline = time.monotonic() + 60

        def wait_for(words: str) -> None:
            while words not in out_path.read_text(encoding="utf-8", errors="replace"):
                assert time.monotonic() < deadline and proc.poll() is None
                time.sleep(0.05)

        wait_for("Chọn số")
        proc.stdin.write("4\n".encode())
        proc.stdin.flush()
        wait_for("Đang trò chuyện với tư cách")
        time.sleep(0.3)
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=30)
        proc.stdin.close()
    text = out_path.read_text(encoding="utf-8")
    assert "Đã dừng trò chuyện" in text.strip().splitlines()[-1]
    assert "Traceback" not in err_path.read_text(encoding="utf-8") and proc.returncode in (0, 130)


def test_settings_errors_are_vietnamese(cli, monkeypatch):
    monkeypatch.setenv("TIMEZONE", "Sao/Hoa")
    monkeypatch.setenv("FLOOD_COMMANDS", "hai mươi")
    monkeypatch.setenv("NOTE_LIMIT", "5")
    monkeypatch.setenv("SEND_TIME", "25:99")
    code, _, err = cli("status")
    assert code == 2
    _one_sentence(err)
    assert 'TIMEZONE: không có múi giờ "Sao/Hoa"' in err and "FLOOD_COMMANDS: phải là số nguyên" in err
    assert "NOTE_LIMIT: phải lớn hơn hoặc bằng 50" in err and "SEND_TIME: cần dạng giờ:phút" in err
    for english in ("Input should", "Value error", "String should", "unknown time zone"):
        assert english not in err
