"""The desk in real headless Chromium: sign in by link, the tally, the plan's filters, an item, an invite,
the workbook; a second use of a link, a post without its CSRF token, an officer guessing URLs; an
extension approved, a chat revoked, a hand-over code issued, a plan document imported (a row fixed in
place) and confirmed, then amended with its difference shown."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

import pytest
from openpyxl import load_workbook

from bot.domain.texts import web as web_texts
from bot.reports.build import tally
from bot.web.desk import Filters, build_snapshot, filtered
from tests.e2e.own_plan_doc import MISSING_BODY
from tests.web.conftest import ask_extension, sign_in
from tests.web.test_desk_plan import plan_files
from tests.web.test_desk_plan_amend import DOCUMENT, VHTTDL, amended_doc

pytestmark = pytest.mark.slow


def test_coordinator_signs_in_sees_tally_filters_opens_item_invites_downloads(desk, context):
    page = context.new_page()
    link = desk.link("vp-ubnd-tinh", role="coordinator")
    sign_in(page, link)
    assert page.url == desk.url + "/"
    # the tally, as the reports count it
    data = desk.store.report_data(zone=desk.config.zone)
    today = desk.clock.now().astimezone(desk.config.zone).date()
    t = tally(data, today)
    total = page.locator("#tally tr.total td").all_inner_texts()
    assert total[1:3] == [str(t.item_count), str(t.assignments)]
    assert page.locator("svg.chart rect").count() == 7
    assert page.locator("#soon tbody tr").count() >= 1 or web_texts.SOON_NONE in page.content()
    assert page.locator("#ops dd").count() == 5
    # Cơ quan: every agency in official order; an agency's page lists its assignments
    page.click("nav >> text=Cơ quan")
    names = page.locator("#agencies tbody tr td:first-child").all_inner_texts()
    snap = build_snapshot(data, today, desk.config)
    assert names[: len(snap.agencies)] == [name for _, name in snap.agencies]
    page.click("#agencies >> text=Sở Tư pháp")
    assert page.inner_text("h1") == "Sở Tư pháp"
    justice = desk.store.web_agency_ids()["so-tu-phap"]
    assert page.locator("#work tbody tr").count() == sum(1 for r in data.rows if r["agency_id"] == justice)
    # a phone: nothing wider than the screen (tables scroll inside themselves)
    phone = context.new_page()
    phone.set_viewport_size({"width": 375, "height": 800})
    for path in ("/", "/nhiem-vu", "/co-quan"):
        phone.goto(desk.url + path)
        assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), path
    phone.close()
    # the session cookie
    cookie = next(c for c in context.cookies() if c["name"] == "nhacviec_phien")
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict" and cookie["expires"] > 0
    # a second use of the same link is refused
    other = context.browser.new_context()
    try:
        p2 = other.new_page()
        p2.goto(link)
        with p2.expect_response(lambda r: r.url.endswith("/dang-nhap")) as answer:
            p2.click("#login")
        assert answer.value.status == 403
        assert web_texts.LOGIN_REFUSED["used"] in p2.content()
        assert not [c for c in other.cookies() if c["name"] == "nhacviec_phien"]
    finally:
        other.close()

    # the plan, filtered by state and searched without accents
    page.click("nav >> text=Nhiệm vụ")
    page.select_option("select[name=state]", "overdue")
    page.fill("input[name=q]", "thu tuc hanh chinh")
    page.click("#filters button[type=submit]")
    _, expected, _ = filtered(snap.items, Filters(state="overdue", q="thu tuc hanh chinh"))
    assert expected > 0
    assert page.inner_text("#found") == web_texts.ITEMS_FOUND.format(n=expected)
    states = page.locator("#items tbody tr td:last-child").all_inner_texts()
    assert states and set(states) == {web_texts.STATE_LABEL["overdue"]}
    # an item: the text as written and the reading of its deadline
    first = page.locator("#items tbody tr a").first
    code = first.inner_text()
    first.click()
    assert page.inner_text("h1").startswith(web_texts.ITEM_TITLE.format(code=code))
    assert page.inner_text("#reading").strip()
    assert page.locator("#status tbody tr").count() >= 1

    # an invite with its QR code
    page.click("nav >> text=Cán bộ")
    page.select_option("#invite-form select[name=agency]", "so-tu-phap")
    page.click("#invite-form button[type=submit]")
    assert page.inner_text("#invite-link").startswith("https://t.me/nhacviec_bot?start=")
    assert page.locator("#invite .qr svg").count() == 1

    # the workbook
    page.click("nav >> text=Báo cáo")
    with page.expect_download() as dl:
        page.click("#dl-excel")
    book = load_workbook(BytesIO(Path(dl.value.path()).read_bytes()), read_only=True)
    assert len(book.sheetnames) >= 3
    book.close()

    # a form posted without its CSRF token is refused (the cookie alone is not enough)
    refused = context.request.post(desk.url + "/can-bo/moi", form={"agency": "so-tu-phap", "role": "coordinator"})
    assert refused.status == 403 and web_texts.CSRF_FAILED in refused.text()
    refused = context.request.post(
        desk.url + "/can-bo/moi", form={"agency": "so-tu-phap", "role": "coordinator", "csrf": "0" * 64}
    )
    assert refused.status == 403

    # sign out: the session is over
    page.click("header form button")
    assert web_texts.SIGNED_OUT in page.content()
    assert context.request.get(desk.url + "/").status == 401


def test_officer_cannot_open_other_agencies_items_or_a_surprise_inspection_of_its_unit(desk, context):
    data = desk.store.report_data(zone=desk.config.zone)
    ids = desk.store.web_agency_ids()
    justice = ids["so-tu-phap"]
    own = next(r["item_id"] for r in data.rows if r["agency_id"] == justice)
    foreign = next(
        r["item_id"]
        for r in data.rows
        if r["type"] == "task"
        and justice not in {w.agency_id for w in desk.store.item_by_id(item_id=r["item_id"]).assignments}
    )
    page = context.new_page()
    sign_in(page, desk.link("so-tu-phap"))
    assert page.goto(f"{desk.url}/nhiem-vu/{own}").status == 200
    assert page.goto(f"{desk.url}/nhiem-vu/{foreign}").status == 404
    assert page.goto(f"{desk.url}/co-quan").status == 403
    assert page.goto(f"{desk.url}/co-quan/{ids['vp-ubnd-tinh']}").status == 403
    assert page.goto(f"{desk.url}/co-quan/{justice}").status == 200
    assert page.goto(f"{desk.url}/can-bo").status == 403
    assert page.goto(f"{desk.url}/bao-cao/excel").status == 403
    page.goto(f"{desk.url}/nhiem-vu")
    listed = page.locator("#items tbody tr a").all_inner_texts()
    assert listed and all(any(r["code"] == c and r["agency_id"] == justice for r in data.rows) for c in listed)

    # a district inspected by surprise: its officer can neither open nor list the inspection
    subjects = desk.store.web_subject_ids()
    surprise = [r for r in data.rows if r["type"] == "inspection" and r["surprise"] and subjects.get(r["item_id"])]
    assert surprise
    item_id = surprise[0]["item_id"]
    unit = next(iter(subjects[item_id]))
    unit_key = next(k for k, v in ids.items() if v == unit)
    other = context.browser.new_context()
    try:
        p2 = other.new_page()
        sign_in(p2, desk.link(unit_key))
        assert p2.goto(f"{desk.url}/nhiem-vu/{item_id}").status == 404
        p2.goto(f"{desk.url}/nhiem-vu?q={surprise[0]['code']}")
        assert surprise[0]["code"] not in p2.locator("#items").all_inner_texts()
    finally:
        other.close()


def test_coordinator_approves_an_extension_revokes_a_chat_and_loads_a_plan_document(desk, context, tmp_path):
    ask_extension(desk.store, desk.clock)  # Sở Tư pháp asks, in its Telegram chat 111, to extend PL1.2
    page = context.new_page()
    sign_in(page, desk.link("vp-ubnd-tinh", role="coordinator"))

    # Gia hạn: approve with the approving document; the officer is told in its chat
    page.click("nav >> text=Gia hạn")
    (ext,) = desk.store.web_pending_extensions()
    row = page.locator(f"#ext-{ext.id}")
    assert "PL1.2" in row.inner_text() and "Sở Tư pháp" in row.inner_text()
    row.locator("form.approve input[name=document]").fill("Công văn số 120/UBND-NC ngày 1/7/2023")
    row.locator("form.approve button").click()
    assert "gia hạn đến 30/9/2023" in page.inner_text("#decided")
    assert page.locator("#no-extensions").count() == 1
    (told,) = desk.sender.to("111")
    assert "đã được đồng ý" in told.text and "120/UBND-NC" in told.text
    assert [e.channel for e in desk.store.audit_entries(zone=desk.config.zone) if e.action == "extension_approved"] == [
        "web"
    ]

    # Cán bộ: revoke the chat, after a confirmation
    page.click("nav >> text=Cán bộ")
    page.locator("#officers tr", has_text="Sở Tư pháp").locator("form.revoke button").click()
    assert "Thu hồi liên kết telegram" in page.inner_text("#confirm-revoke")
    page.click("#revoke-yes")
    assert page.locator("#revoked").count() == 1
    assert not [c for c in desk.store.officers() if c["chat_id"] == "111" and c["active"]]
    # Cán bộ: a hand-over code for an agency, with its QR code (as nhacviec handover)
    page.select_option("#handover-form select[name=agency]", "so-tu-phap")
    page.click("#handover-form button[type=submit]")
    assert page.inner_text("#handover #invite-link").startswith("https://t.me/nhacviec_bot?start=")
    assert page.locator("#handover .qr svg").count() == 1

    # Kế hoạch: upload a signed plan and its province's directory, read it row by row, confirm it
    docx, dm = plan_files(tmp_path)
    (tmp_path / "up").mkdir()
    (tmp_path / "up" / "kh-617.docx").write_bytes(docx)
    (tmp_path / "up" / "dm-qn.yaml").write_bytes(dm)
    page.click("nav >> text=Kế hoạch")
    page.set_input_files("#plan-upload input[name=file]", str(tmp_path / "up" / "kh-617.docx"))
    page.set_input_files("#plan-upload input[name=directory]", str(tmp_path / "up" / "dm-qn.yaml"))
    page.click("#plan-upload button[type=submit]")
    assert page.locator("#plan-rows tbody tr").count() == 9
    unclear = page.locator("#plan-rows td.unclear")
    assert unclear.count() == 1 and MISSING_BODY in unclear.inner_text()
    assert not desk.store.has_plan(plan_slug="quang-ninh-2026")
    # the unclear row's fix form is open: choose its lead from the directory, read it again
    fix = page.locator('#plan-rows form.fix-row[data-code="4.II"]')
    fix.locator("input[name=lead]").fill(VHTTDL)
    fix.locator("button").click()
    assert "Đã sửa dòng 4.II" in page.inner_text("#plan-fixed")
    assert page.locator("#plan-rows td.unclear").count() == 0
    page.click("#plan-load")
    assert "Đã nạp Kế hoạch quang-ninh-2026" in page.inner_text("#plan-loaded")
    assert desk.store.has_plan(plan_slug="quang-ninh-2026")
    # the plan as amended by a later decision: the difference, then the document and the effective date
    (tmp_path / "up" / "kh-617-sua-doi.docx").write_bytes(amended_doc(tmp_path))
    page.set_input_files("#plan-upload input[name=file]", str(tmp_path / "up" / "kh-617-sua-doi.docx"))
    page.click("#plan-upload button[type=submit]")
    diff = page.inner_text("#amend-diff")
    assert "+ Thêm 5.II" in diff and "− Bãi bỏ 2.II" in diff and "4.II" in diff  # 4.II: the fixed lead undone
    fix = page.locator('#plan-rows form.fix-row[data-code="4.II"]')  # fixed again, so it stays as loaded
    fix.locator("input[name=lead]").fill(VHTTDL)
    fix.locator("button").click()
    assert "4.II" not in page.inner_text("#amend-diff")
    page.fill("#amend-form input[name=document]", DOCUMENT)
    page.fill("#amend-form input[name=effective]", "1/1/2025")  # before the plan was signed: refused
    page.click("#plan-amend")
    assert "trước ngày Kế hoạch quang-ninh-2026 được ban hành" in page.inner_text("#amend-error")
    page.fill("#amend-form input[name=effective]", "15/6/2026")
    page.click("#plan-amend")
    assert "Đã áp dụng sửa đổi" in page.inner_text("#plan-amended")
    amended = [e for e in desk.store.audit_entries(zone=desk.config.zone) if e.action == "amendment"]
    assert amended and {e.channel for e in amended} == {"web"}
    # the desk now shows the loaded plan
    page.click("nav >> text=Tổng hợp")
    assert "Quảng Ninh" in page.inner_text("main") and page.locator("#refreshing").count() == 0
