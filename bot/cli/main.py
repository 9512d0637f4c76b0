"""The ``nhacviec`` console command: argument parsing and dispatch (the app is built in bot/cli/app.py)."""

from __future__ import annotations

import argparse
import logging
import os
import sys

os.environ.setdefault("PTB_TIMEDELTA", "1")  # python-telegram-bot 22: durations as timedelta (no deprecation)

from pydantic import ValidationError  # noqa: E402
from sqlalchemy.exc import SQLAlchemyError  # noqa: E402

from bot.channels import registry  # noqa: E402
from bot.channels.base import ChannelError  # noqa: E402
from bot.cli import (
    agency_cmds,
    amend_cmds,
    directory_cmds,
    gov_cmds,
    import_cmds,
    migrate_cmds,
    officer_cmds,
    ops_cmds,  # noqa: E402
    plan_cmds,
    remind_cmds,
    report_cmds,
    run_cmds,
    web_cmds,
)
from bot.cli.app import App  # noqa: E402
from bot.cli.plan_cmds import CliError  # noqa: E402
from bot.domain import texts  # noqa: E402
from bot.domain.agencies import KINDS  # noqa: E402
from bot.domain.deadlines import parse_day  # noqa: E402
from bot.logsetup import setup_logging  # noqa: E402
from bot.ports import Clock, FixedClock, SystemClock  # noqa: E402
from config.settings import load_settings  # noqa: E402
from bot.files import DataFileError  # noqa: E402
from bot.domain.errors import DatabaseUnusable  # noqa: E402
from storage.copy import SameDatabase, TargetNotEmpty, copy_database, safe_url  # noqa: E402
from storage.migrate import unusable_reason  # noqa: E402

log = logging.getLogger(__name__)


def _day(text: str):
    d = parse_day(text)
    if d is None:
        raise argparse.ArgumentTypeError(texts.ERR_BAD_DATE.format(text=text))
    return d


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="nhacviec", description=texts.CLI_DESCRIPTION)
    p.add_argument("--today", type=_day, help="cố định ngày hôm nay (31/5/2023 hoặc 2023-05-31), cho demo và kiểm thử")
    p.add_argument("--plan-id", help="mã kế hoạch (mặc định: kế hoạch mới nhất)")
    sub = p.add_subparsers(dest="command", required=True)

    s = sub.add_parser("init", help="tạo/nâng cấp cơ sở dữ liệu và nạp kế hoạch, danh mục cơ quan")
    s.add_argument("--plan", help="tệp kế hoạch YAML (mặc định: kế hoạch 2023 kèm theo)")
    s.add_argument("--agencies", help="tệp danh mục cơ quan YAML")
    s.add_argument("--strict", action="store_true", help="dừng nếu có tên cơ quan không có trong danh mục")
    s.add_argument("--force", action="store_true", help="nạp lại tệp kế hoạch đã sửa mà không ghi văn bản sửa đổi")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=plan_cmds.cmd_init)

    s = sub.add_parser("plan", help="xem Kế hoạch, đặt hạn")
    psub = s.add_subparsers(dest="plan_command", required=True)
    ps = psub.add_parser("show", help="danh sách nhiệm vụ của Kế hoạch; MÃ: một nhiệm vụ và lịch sử sửa đổi")
    ps.add_argument("code", nargs="?", help="mã nhiệm vụ (vd. 3.II)")
    ps.add_argument("--type", choices=("task", "review", "inspection"))
    ps.add_argument("--json", action="store_true")
    ps.set_defaults(func=amend_cmds.cmd_plan_show)
    ps = psub.add_parser("set-due", help="đặt hạn cho một nhiệm vụ chưa có hạn")
    ps.add_argument("code")
    ps.add_argument("date")
    ps.add_argument("--actor", default="cán bộ theo dõi (CLI)")
    ps.add_argument("--json", action="store_true")
    ps.add_argument("--yes", "--force", dest="yes", action="store_true", help="chấp nhận ngày ngoài thời gian kế hoạch")
    ps.set_defaults(func=plan_cmds.cmd_set_due)
    import_cmds.add_commands(psub)
    amend_cmds.add_commands(psub)

    s = sub.add_parser("parse-deadline", help="đọc thử một cụm từ thời hạn ('-': đọc từng dòng từ stdin)")
    s.add_argument("phrase")
    s.add_argument("--year", type=int, default=2023)
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=plan_cmds.cmd_parse_deadline)

    s = sub.add_parser("resolve-agencies", help="xác định cơ quan trong một ô chủ trì/phối hợp")
    s.add_argument("cell")
    s.add_argument("--on", help="ngày để xác định cơ quan giữ vai trò (vd. 1/4/2023)")
    s.add_argument("--agencies", help="tệp danh mục cơ quan YAML")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=plan_cmds.cmd_resolve_agencies)

    s = sub.add_parser("agencies", help="danh mục cơ quan")
    asub = s.add_subparsers(dest="agencies_command", required=True)
    a = asub.add_parser("list", help="liệt kê cơ quan")
    a.add_argument("--kind", choices=KINDS)
    a.add_argument("--retired", action="store_true", help="các cơ quan không còn trong danh mục (giữ lịch sử)")
    a.add_argument("--json", action="store_true")
    a.set_defaults(func=agency_cmds.cmd_agencies_list)
    a = asub.add_parser("import", help="thêm UBND cấp xã từ tệp CSV (cột key,name,district)")
    a.add_argument("file")
    a.add_argument("--json", action="store_true")
    a.set_defaults(func=agency_cmds.cmd_agencies_import)

    ps = psub.add_parser("confirm", help="xác nhận thời hạn bị gắn cờ (vd. năm khác năm kế hoạch)")
    ps.add_argument("code")
    ps.add_argument("--actor", default="cán bộ theo dõi (CLI)")
    ps.set_defaults(func=ops_cmds.cmd_plan_confirm)

    s = sub.add_parser("remind", help="nhắc việc của một ngày (--today); --dry-run chỉ liệt kê")
    s.add_argument("--dry-run", action="store_true")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=remind_cmds.cmd_remind)

    s = sub.add_parser("status", help="tình trạng bộ lập lịch và gửi tin")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=ops_cmds.cmd_status)

    s = sub.add_parser("backup", help="sao lưu cơ sở dữ liệu SQLite (được cả khi bot đang chạy)")
    s.add_argument("file")
    s.set_defaults(func=ops_cmds.cmd_backup)

    s = sub.add_parser("inspection", help="lịch kiểm tra (Phụ lục II)")
    isub = s.add_subparsers(dest="inspection_command", required=True)
    i = isub.add_parser("schedule", help="đặt ngày kiểm tra: MÃ NGÀY")
    i.add_argument("code")
    i.add_argument("date")
    i.add_argument("--surprise", action="store_true", help="kiểm tra đột xuất: không báo trước cho đơn vị")
    i.add_argument("--actor", default="cán bộ theo dõi (CLI)")
    i.set_defaults(func=ops_cmds.cmd_inspection_schedule)

    s = sub.add_parser("export", help="xuất báo cáo Excel (Tổng hợp, Nhiệm vụ, Rà soát TTHC, Kiểm tra, Nhật ký)")
    s.add_argument("--format", choices=("xlsx",), default="xlsx")
    s.add_argument("--out", required=True)
    s.add_argument(
        "--circulation",
        action="store_true",  # reports helper (issue 12 §3)
        help="bản lưu hành: không gồm các cuộc kiểm tra đột xuất",
    )
    s.set_defaults(func=report_cmds.cmd_export)

    s = sub.add_parser("report", help="báo cáo tiến độ tóm tắt (như /baocao); --chart FILE lưu biểu đồ PNG")
    s.add_argument("--chart", help="lưu biểu đồ (PNG) vào tệp này")
    s.set_defaults(func=report_cmds.cmd_report)

    s = sub.add_parser(
        "draft-reminder", help="soạn dự thảo công văn đôn đốc (.docx) gửi các cơ quan có nhiệm vụ quá hạn"
    )
    s.add_argument("--agency", help="chỉ một cơ quan")
    s.add_argument("--out", required=True)
    s.set_defaults(func=report_cmds.cmd_draft_reminder)

    s = sub.add_parser("invite", help="tạo mã mời (dùng một lần) để liên kết cuộc trò chuyện với cơ quan")
    s.add_argument("agency")
    s.add_argument("--role", choices=("officer", "coordinator"), default="officer")
    s.add_argument("--force", action="store_true", help="cho phép cán bộ theo dõi ngoài văn phòng điều phối Kế hoạch")
    s.add_argument("--expires", default="7d", help="hiệu lực: 7d, 12h, 30m (mặc định 7d)")
    s.add_argument("--deputy", action="store_true", help="mời cán bộ dự phòng (nhận bản sao nhắc quá hạn)")
    s.add_argument("--leader", action="store_true", help="mời lãnh đạo phụ trách (nhận tổng hợp quá hạn)")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=officer_cmds.cmd_invite)
    officer_cmds.add_commands(sub)  # handover, leader

    s = sub.add_parser("officers", help="các cuộc trò chuyện đã liên kết")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=officer_cmds.cmd_officers)

    s = sub.add_parser("revoke", help="hủy liên kết một cuộc trò chuyện (CHAT hoặc kênh:CHAT)")
    s.add_argument("chat")
    s.set_defaults(func=officer_cmds.cmd_revoke)

    directory_cmds.add_commands(sub)
    gov_cmds.add_commands(sub)
    migrate_cmds.add_commands(sub, copy=copy_database, errors=(TargetNotEmpty, SameDatabase), safe_url=safe_url)
    web_cmds.add_commands(sub)

    s = sub.add_parser("run", help="chạy bot (chưa có token: trò chuyện ngay trong cửa sổ dòng lệnh)")
    s.set_defaults(func=run_cmds.cmd_run)

    for channel in registry.CHANNELS:  # a channel's own subcommands (e-mail addresses…)
        channel.add_commands(sub)
    return p


GLOBAL_OPTIONS = ("--today", "--plan-id")


def hoist_global_options(argv: list[str]) -> list[str]:
    """``remind --today 26/5/2023`` as well as ``--today 26/5/2023 remind``: the global options (and their
    values) move to the front wherever they are typed; nothing after ``--`` moves."""
    front: list[str] = []
    rest: list[str] = []
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg == "--":
            rest += argv[i:]
            break
        name = arg.split("=", 1)[0]
        if name in GLOBAL_OPTIONS:
            if "=" in arg or i + 1 >= len(argv):
                front.append(arg)
                i += 1
            else:
                front += [arg, argv[i + 1]]
                i += 2
            continue
        rest.append(arg)
        i += 1
    return front + rest


def main(argv: list[str] | None = None) -> int:
    """The ``nhacviec`` command; every failure a person can act on is one Vietnamese line (exit code 2)."""
    try:
        return _main(argv)
    except KeyboardInterrupt:
        print("\n" + texts.INTERRUPTED, file=sys.stderr)
        return 130


def _main(argv: list[str] | None) -> int:
    args = build_parser().parse_args(hoist_global_options(list(sys.argv[1:] if argv is None else argv)))
    try:
        settings = load_settings()
    except ValidationError as e:
        print(texts.ERR_SETTINGS.format(detail=_validation_summary(e)), file=sys.stderr)
        return 2
    setup_logging(settings.log_level, registry.secrets(settings))
    today = args.today or (parse_day(settings.today) if settings.today else None)
    if settings.today and today is None:
        print(
            texts.ERR_SETTINGS.format(detail=f"TODAY: {texts.ERR_BAD_DATE.format(text=settings.today)}"),
            file=sys.stderr,
        )
        return 2
    clock: Clock = FixedClock.on_day(today, settings.zone) if today else SystemClock()
    app = App(settings, clock, plan_slug=args.plan_id, read_only=_read_only(args))
    try:
        return args.func(app, args)
    except CliError as e:
        print(str(e), file=sys.stderr)
        return 2
    except DataFileError as e:
        print(texts.ERR_FILE.format(detail=e), file=sys.stderr)
        return 2
    except DatabaseUnusable as e:
        print(texts.ERR_DB.format(where=app.where, detail=e), file=sys.stderr)
        return 2
    except SQLAlchemyError as e:  # a file damaged past its header, a server gone: cause and next step
        log.debug("database error: %s", e, exc_info=True)
        print(texts.ERR_DB.format(where=app.where, detail=unusable_reason(e)), file=sys.stderr)
        return 2
    except ChannelError as e:
        print(str(e), file=sys.stderr)
        return 2
    finally:
        engine = app.__dict__.get("engine")  # built only if the command used the database
        if engine is not None:
            engine.dispose()  # its pooled connections closed (PostgreSQL: no leaked sockets)


READ_ONLY_COMMANDS = {"status", "officers", "export", "report", "draft-reminder"}


def _read_only(args: argparse.Namespace) -> bool:
    """Commands that only read the database open it read-only (they work on a read-only folder)."""
    if args.command in READ_ONLY_COMMANDS:
        return True
    if args.command == "plan" and getattr(args, "plan_command", "") == "show":
        return True
    if args.command == "agencies" and getattr(args, "agencies_command", "") == "list":
        return True
    return args.command == "remind" and bool(getattr(args, "dry_run", False))


def _validation_summary(e: ValidationError) -> str:
    """Each failed setting in Vietnamese (its name as in .env); the values are not repeated (they may be secrets)
    except a time zone's; pydantic's English goes to the log."""
    parts = []
    for err in e.errors():
        name = ".".join(str(x) for x in err["loc"]).upper()
        log.debug("setting %s: %s", name or "(model)", err["msg"])
        if not name:
            parts.append(texts.SETTING_MAIL_FROM if "MAIL_FROM" in err["msg"] else texts.SETTING_ERROR_DEFAULT)
            continue
        ctx = {**(err.get("ctx") or {}), "input": str(err.get("input", ""))[:60]}
        template = texts.SETTING_FIELD_ERROR.get(name) or texts.SETTING_ERROR.get(
            err["type"], texts.SETTING_ERROR_DEFAULT
        )
        try:
            detail = template.format(**ctx)
        except (KeyError, IndexError):
            detail = texts.SETTING_ERROR_DEFAULT
        parts.append(f"{name}: {detail}")
    return "; ".join(parts)


if __name__ == "__main__":
    sys.exit(main())
