"""Screenshots of every desk page at desktop and phone widths (for review; the images are not committed).

    python bench/web_screens.py --out /tmp/desk-screens

Loads the bundled plan into a temporary SQLite database (an officer's chat linked, an extension asked in
it), serves the desk on 127.0.0.1 and drives the OS's Chromium (Debian's ``chromium`` package) with
Playwright, signed in as a coordinator: every page, Kế hoạch's reading of an uploaded plan (the test
suite's Quảng Ninh document, tests/e2e/own_plan_doc.py, with ``directory new``'s directory), and the
difference of its amended version once it is loaded.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from datetime import datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from playwright.sync_api import sync_playwright  # noqa: E402

from bot.core import CommandCore  # noqa: E402
from bot.files import load_calendar, load_directory, load_plan  # noqa: E402
from bot.files.directory_new import write_new  # noqa: E402
from bot.ports import FixedClock, Inbound  # noqa: E402
from bot.web import auth, server  # noqa: E402
from bot.web.app import create_app  # noqa: E402
from bot.web.config import WebConfig  # noqa: E402
from config.settings import DEFAULT_AGENCIES, DEFAULT_CALENDAR, DEFAULT_PLAN  # noqa: E402
from storage.engine import make_engine  # noqa: E402
from storage.store import SqlStore  # noqa: E402
from tests.e2e.own_plan_doc import quang_ninh_2026  # noqa: E402
from tests.plan_documents import to_docx  # noqa: E402
from tests.web.test_desk_plan_amend import amended_doc  # noqa: E402

NOW = datetime(2023, 7, 3, 2, 0, tzinfo=timezone.utc)
ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WIDTHS = {"desktop": (1366, 900), "phone": (390, 844)}


def main(argv: list[str] | None = None) -> list[Path]:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default="desk-screens")
    ap.add_argument("--chromium", default="/usr/bin/chromium")
    args = ap.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    shots: list[Path] = []
    with tempfile.TemporaryDirectory() as tmp:
        store = SqlStore(make_engine(f"sqlite:///{Path(tmp) / 'desk.db'}"))
        store.upgrade_schema()
        store.load_plan(plan=load_plan(DEFAULT_PLAN), directory=load_directory(DEFAULT_AGENCIES), now=NOW)
        clock = FixedClock(NOW)
        config = WebConfig(
            secret="screens-" + "x" * 32,
            base_url="",
            zone=ZoneInfo("Asia/Ho_Chi_Minh"),
            calendar=load_calendar(DEFAULT_CALENDAR),
            bot_username="nhacviec_bot",
        )
        store.create_invite(
            agency_key="so-tu-phap", code="moi-1", role="officer", now=NOW, expires_at=NOW + timedelta(days=1)
        )
        core = CommandCore(store, clock, config.zone)
        for text in ("/start moi-1", "/giahan PL1.2 30/9/2023 chờ ý kiến thẩm định của Bộ Tư pháp"):
            core.handle(Inbound("telegram", "111", text, sender="Lan"))
        to_docx(quang_ninh_2026(), Path(tmp) / "kh-617.docx")
        amended_doc(Path(tmp))  # kh-617-sua-doi.docx
        write_new("Quảng Ninh", Path(tmp) / "dm-qn.yaml")
        data = store.report_data(zone=config.zone)
        item = data.rows[0]["item_id"]
        agency = data.rows[0]["agency_id"]
        pages = {
            "tong-hop": "/",
            "co-quan": "/co-quan",
            "co-quan-1": f"/co-quan/{agency}",
            "nhiem-vu": "/nhiem-vu?state=overdue",
            "nhiem-vu-1": f"/nhiem-vu/{item}",
            "gia-han": "/gia-han",
            "ke-hoach": "/ke-hoach",
            "can-bo": "/can-bo",
            "bao-cao": "/bao-cao",
        }
        with server.in_thread(create_app(store, clock, config)) as url, sync_playwright() as p:
            browser = p.chromium.launch(executable_path=args.chromium, args=ARGS)
            for width, (w, h) in WIDTHS.items():
                context = browser.new_context(viewport={"width": w, "height": h}, locale="vi-VN")
                page = context.new_page()
                path, _, _ = auth.new_link(
                    store, config, agency_key="vp-ubnd-tinh", role="coordinator", now=clock.now()
                )
                page.goto(url + path)
                page.click("#login")
                for name, target in pages.items():
                    page.goto(url + target)
                    shot = out / f"{name}-{width}.png"
                    page.screenshot(path=str(shot), full_page=True)
                    shots.append(shot)
                page.goto(url + "/ke-hoach")  # the reading of an uploaded plan, row by row
                page.set_input_files("#plan-upload input[name=file]", str(Path(tmp) / "kh-617.docx"))
                page.set_input_files("#plan-upload input[name=directory]", str(Path(tmp) / "dm-qn.yaml"))
                page.click("#plan-upload button[type=submit]")
                shot = out / f"ke-hoach-doc-{width}.png"
                page.screenshot(path=str(shot), full_page=True)
                shots.append(shot)
                context.close()
            for width, (w, h) in WIDTHS.items():  # an amendment: the first plan loaded, the amended one read
                context = browser.new_context(viewport={"width": w, "height": h}, locale="vi-VN")
                page = context.new_page()
                path, _, _ = auth.new_link(
                    store, config, agency_key="vp-ubnd-tinh", role="coordinator", now=clock.now()
                )
                page.goto(url + path)
                page.click("#login")
                for name in ("kh-617.docx", "kh-617-sua-doi.docx"):
                    page.goto(url + "/ke-hoach")
                    page.set_input_files("#plan-upload input[name=file]", str(Path(tmp) / name))
                    page.set_input_files("#plan-upload input[name=directory]", str(Path(tmp) / "dm-qn.yaml"))
                    page.click("#plan-upload button[type=submit]")
                    if page.locator("#plan-load").count():
                        page.click("#plan-load")
                shot = out / f"ke-hoach-sua-doi-{width}.png"
                page.screenshot(path=str(shot), full_page=True)
                shots.append(shot)
                context.close()
            browser.close()
        store.engine.dispose()
    for shot in shots:
        print(shot)
    return shots


if __name__ == "__main__":
    main()
