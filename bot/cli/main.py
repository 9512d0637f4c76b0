"""The ``nhacviec`` console command: argument parsing and dispatch (the app is built in bot/cli/app.py)."""

from __future__ import annotations

import argparse
import os
import sys

os.environ.setdefault("PTB_TIMEDELTA", "1")   # python-telegram-bot 22: durations as timedelta (no deprecation)

from pydantic import ValidationError  # noqa: E402

from bot.channels import registry  # noqa: E402
from bot.channels.base import ChannelError  # noqa: E402
from bot.cli import (agency_cmds, directory_cmds, import_cmds, officer_cmds, ops_cmds, plan_cmds, remind_cmds,  # noqa: E402
                     report_cmds, run_cmds, web_cmds)
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
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=plan_cmds.cmd_init)

    s = sub.add_parser("plan", help="xem kế hoạch, đặt hạn")
    psub = s.add_subparsers(dest="plan_command", required=True)
    ps = psub.add_parser("show", help="danh sách các mục của kế hoạch")
    ps.add_argument("--type", choices=("task", "review", "inspection"))
    ps.add_argument("--json", action="store_true")
    ps.set_defaults(func=plan_cmds.cmd_plan_show)
    ps = psub.add_parser("set-due", help="đặt hạn cho một mục chưa có hạn")
    ps.add_argument("code")
    ps.add_argument("date")
    ps.add_argument("--actor", default="điều phối viên (CLI)")
    ps.add_argument("--json", action="store_true")
    ps.set_defaults(func=plan_cmds.cmd_set_due)
    import_cmds.add_commands(psub)

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
    a.add_argument("--json", action="store_true")
    a.set_defaults(func=agency_cmds.cmd_agencies_list)
    a = asub.add_parser("import", help="thêm UBND cấp xã từ tệp CSV (cột key,name,district)")
    a.add_argument("file")
    a.add_argument("--json", action="store_true")
    a.set_defaults(func=agency_cmds.cmd_agencies_import)

    ps = psub.add_parser("confirm", help="xác nhận thời hạn bị gắn cờ (vd. năm khác năm kế hoạch)")
    ps.add_argument("code")
    ps.add_argument("--actor", default="điều phối viên (CLI)")
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
    i.add_argument("--actor", default="điều phối viên (CLI)")
    i.set_defaults(func=ops_cmds.cmd_inspection_schedule)

    s = sub.add_parser("export", help="xuất báo cáo Excel (Tổng hợp, Nhiệm vụ, Rà soát TTHC, Kiểm tra, Nhật ký)")
    s.add_argument("--format", choices=("xlsx",), default="xlsx")
    s.add_argument("--out", required=True)
    s.add_argument("--circulation", action="store_true",  # reports helper (issue 12 §3)
                   help="bản lưu hành: không gồm các cuộc kiểm tra đột xuất")
    s.set_defaults(func=report_cmds.cmd_export)

    s = sub.add_parser("report", help="báo cáo tiến độ tóm tắt (như /baocao); --chart FILE lưu biểu đồ PNG")
    s.add_argument("--chart", help="lưu biểu đồ (PNG) vào tệp này")
    s.set_defaults(func=report_cmds.cmd_report)

    s = sub.add_parser("draft-reminder", help="soạn dự thảo công văn đôn đốc (.docx) gửi các cơ quan có việc quá hạn")
    s.add_argument("--agency", help="chỉ một cơ quan")
    s.add_argument("--out", required=True)
    s.set_defaults(func=report_cmds.cmd_draft_reminder)

    s = sub.add_parser("invite", help="tạo mã mời (dùng một lần) để liên kết cuộc trò chuyện với cơ quan")
    s.add_argument("agency")
    s.add_argument("--role", choices=("officer", "coordinator"), default="officer")
    s.add_argument("--expires", default="7d", help="hiệu lực: 7d, 12h, 30m (mặc định 7d)")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=officer_cmds.cmd_invite)

    s = sub.add_parser("officers", help="các cuộc trò chuyện đã liên kết")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=officer_cmds.cmd_officers)

    s = sub.add_parser("revoke", help="hủy liên kết một cuộc trò chuyện (CHAT hoặc kênh:CHAT)")
    s.add_argument("chat")
    s.set_defaults(func=officer_cmds.cmd_revoke)

    directory_cmds.add_commands(sub)
    web_cmds.add_commands(sub)

    s = sub.add_parser("run", help="chạy bot (chưa có token: trò chuyện trên terminal)")
    s.set_defaults(func=run_cmds.cmd_run)

    for channel in registry.CHANNELS:   # a channel's own subcommands (e-mail addresses…)
        channel.add_commands(sub)
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        settings = load_settings()
    except ValidationError as e:
        print(texts.ERR_SETTINGS.format(detail=_validation_summary(e)), file=sys.stderr)
        return 2
    setup_logging(settings.log_level, registry.secrets(settings))
    today = args.today or (parse_day(settings.today) if settings.today else None)
    if settings.today and today is None:
        print(texts.ERR_SETTINGS.format(detail=f"TODAY: {texts.ERR_BAD_DATE.format(text=settings.today)}"),
              file=sys.stderr)
        return 2
    clock: Clock = FixedClock.on_day(today, settings.zone) if today else SystemClock()
    app = App(settings, clock, plan_slug=args.plan_id)
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
    except ChannelError as e:
        print(str(e), file=sys.stderr)
        return 2


def _validation_summary(e: ValidationError) -> str:
    return "; ".join(f"{'.'.join(str(x) for x in err['loc']).upper()}: {err['msg']}" for err in e.errors())


if __name__ == "__main__":
    sys.exit(main())
