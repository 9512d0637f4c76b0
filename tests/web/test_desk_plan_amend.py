"""Kế hoạch over HTTP, after the reading: a row fixed in place (lead agency from the directory, a deadline
read again) is what gets loaded; a document that changes the plan the database holds shows ``plan amend``'s
difference and is applied, with its document and effective date, through the same store path (audited
"web"); bad inputs are refused in Vietnamese with nothing changed."""

from __future__ import annotations

import copy
import re

from bot.domain.texts import amend as amend_texts
from bot.domain.texts import web as web_texts
from tests.e2e.own_plan_doc import MISSING_BODY, quang_ninh_2026
from tests.plan_documents import Doc, to_docx
from tests.web.conftest import ZONE
from tests.web.test_desk_plan import _desk, plan_files

SLUG = "quang-ninh-2026"
VHTTDL = "Sở Nông nghiệp và Môi trường"  # the lead chosen for the row naming a body the directory lacks
DOCUMENT = "Quyết định số 12/QĐ-UBND ngày 10/6/2026"


def _draft(html: str) -> str:
    return html.split('name="draft" value="')[1].split('"')[0]


def _items(store) -> dict[str, dict]:
    return {i["code"]: i for i in store.plan_items(plan_slug=SLUG)}


def amended_doc(tmp_path, name: str = "kh-617-sua-doi.docx") -> bytes:
    """Quảng Ninh's plan as amended: 3.I due earlier, 2.II dropped, 1.III led by Sở Tư pháp, 5.II added."""
    doc = quang_ninh_2026()
    rows = copy.deepcopy(doc.tables[0].rows)
    by_text = {r[1]: r for r in rows if len(r) == 6}
    by_text["Rà soát TTHC lĩnh vực nông nghiệp và môi trường"][4] = "Trước ngày 15/5/2026"
    by_text["Báo cáo kết quả kiểm soát TTHC quý I năm 2026"][2] = "Sở Tư pháp"
    rows.remove(by_text["Số hóa hồ sơ, kết quả giải quyết TTHC"])
    at = rows.index(by_text["Hướng dẫn TTHC lĩnh vực du lịch trên Vịnh Hạ Long"])
    added = ["5", "Công khai TTHC trên Cổng dịch vụ công", "Sở Khoa học và Công nghệ", "", "Quý IV năm 2026", "Báo cáo"]
    rows.insert(at + 1, added)
    to_docx(Doc(doc.heading, doc.paragraphs, [type(doc.tables[0])(rows, widths=doc.tables[0].widths)]), tmp_path / name)
    return (tmp_path / name).read_bytes()


def test_a_row_fixed_in_place_is_what_gets_loaded(sqlite_url, plan, directory, tmp_path):
    docx, dm = plan_files(tmp_path)
    with _desk(sqlite_url, plan, directory) as (client, csrf, store):
        read = client.post(
            "/ke-hoach/doc", data={"csrf": csrf}, files={"file": ("kh-617.docx", docx), "directory": ("dm-qn.yaml", dm)}
        )
        draft = _draft(read.text)
        assert 'list="directory-agencies"' in read.text and f'<option value="{VHTTDL}">' in read.text
        before = read.text.split('<table id="plan-rows">')[1]
        # bad inputs: an unknown or ambiguous agency, nothing typed, a row not in the plan, no CSRF token
        for form, error in (
            (
                {"code": "4.II", "lead": "Sở Không Có Thật"},
                web_texts.PLAN_FIX_AGENCY_UNKNOWN.format(text="Sở Không Có Thật"),
            ),
            ({"code": "4.II", "lead": "UBND"}, "Vui lòng chọn đúng một cơ quan"),
            ({"code": "4.II", "deadline": "Trước ngày 31/3/2026"}, web_texts.PLAN_FIX_NOTHING.format(code="4.II")),
            ({"code": "9.IX", "deadline": "Quý I"}, web_texts.PLAN_FIX_NOT_ROW.format(code="9.IX")),
        ):
            bad = client.post("/ke-hoach/sua-dong", data={"csrf": csrf, "draft": draft, **form})
            assert bad.status_code == 400 and error in bad.text, form
            assert 'id="fix-error"' in bad.text and bad.text.split('<table id="plan-rows">')[1] == before
        assert (
            client.post("/ke-hoach/sua-dong", data={"draft": draft, "code": "4.II", "lead": VHTTDL}).status_code == 403
        )
        gone = client.post("/ke-hoach/sua-dong", data={"csrf": csrf, "draft": "x", "code": "4.II", "lead": VHTTDL})
        assert gone.status_code == 410 and web_texts.PLAN_DRAFT_GONE in gone.text

        # the lead chosen from the directory (typed without accents is understood): the row is now clear
        fixed = client.post(
            "/ke-hoach/sua-dong",
            data={"csrf": csrf, "draft": draft, "code": "4.II", "lead": "so nong nghiep va moi truong"},
        )
        assert fixed.status_code == 200 and f"Đã sửa dòng 4.II: chủ trì {VHTTDL}" in fixed.text
        assert web_texts.PLAN_ALL_CLEAR in fixed.text and 'class="unclear"' not in fixed.text
        assert re.search(r'<tr data-code="4\.II" class="[^"]*fixed', fixed.text)
        # a deadline typed again is read again, and the new reading shown
        again = client.post(
            "/ke-hoach/sua-dong",
            data={"csrf": csrf, "draft": draft, "code": "3.I", "deadline": "Trước ngày 15/6/2026"},
        )
        assert again.status_code == 200 and "Đã sửa dòng 3.I: thời hạn «Trước ngày 15/6/2026»" in again.text
        assert "15/6/2026" in again.text.split('id="plan-fixed">')[1].split("</p>")[0]
        assert store.has_plan(plan_slug=SLUG) is False  # nothing written yet

        loaded = client.post("/ke-hoach/nap", data={"csrf": csrf, "draft": draft})
        assert loaded.status_code == 200 and 'id="plan-loaded"' in loaded.text
        items = _items(store)
        assert items["4.II"]["lead"] == [VHTTDL] and items["4.II"]["lead_text"] == VHTTDL
        assert (
            items["3.I"]["deadline_text"] == "Trước ngày 15/6/2026" and items["3.I"]["deadline"]["due"] == "2026-06-15"
        )
        (row,) = [e for e in store.audit_entries(zone=ZONE) if e.action == "plan_loaded"]
        assert row.channel == "web" and row.after["fixed"] == ["4.II", "3.I"]


def test_a_changed_plan_is_shown_as_an_amendment_and_applied_as_plan_amend_applies_it(
    sqlite_url, plan, directory, tmp_path
):
    docx, dm = plan_files(tmp_path)
    with _desk(sqlite_url, plan, directory) as (client, csrf, store):
        files = {"file": ("kh-617.docx", docx), "directory": ("dm-qn.yaml", dm)}
        draft = _draft(client.post("/ke-hoach/doc", data={"csrf": csrf}, files=files).text)
        assert client.post("/ke-hoach/nap", data={"csrf": csrf, "draft": draft}).status_code == 200

        # the same document again: nothing to amend, no confirmation offered
        same = client.post("/ke-hoach/doc", data={"csrf": csrf}, files={"file": ("kh-617.docx", docx)})
        assert amend_texts.DIFF_NONE.format(plan=SLUG) in same.text
        assert 'id="plan-amend"' not in same.text and 'id="plan-load"' not in same.text

        # the amended document: plan amend's difference, then a document and an effective date
        new = amended_doc(tmp_path)
        read = client.post(
            "/ke-hoach/doc",
            data={"csrf": csrf},
            files={"file": ("kh-617-sua-doi.docx", new), "directory": ("dm-qn.yaml", dm)},
        )
        assert read.status_code == 200 and 'id="plan-amend"' in read.text
        assert web_texts.AMEND_RECORDED_DIRECTORY in read.text
        diff = read.text.split('<ul id="amend-diff">')[1].split("</ul>")[0]
        assert "+ Thêm 5.II: Công khai TTHC" in diff and "− Bãi bỏ 2.II" in diff and "~ Sửa 1.III" in diff
        assert "hạn 30/6/2026 → 15/5/2026" in diff and "chủ trì Sở Nội vụ → Sở Tư pháp" in diff
        assert '<li class="total">Tổng cộng: thêm 1, bãi bỏ 1, sửa 2 nhiệm vụ.</li>' in diff
        # a row fixed in place before amending is amended as fixed (the body the directory lacks replaced)
        draft = _draft(read.text)
        assert "4.II" not in diff
        fixed = client.post("/ke-hoach/sua-dong", data={"csrf": csrf, "draft": draft, "code": "4.II", "lead": VHTTDL})
        assert fixed.status_code == 200 and f"chủ trì {MISSING_BODY} → {VHTTDL}" in fixed.text
        assert "Tổng cộng: thêm 1, bãi bỏ 1, sửa 3 nhiệm vụ." in fixed.text

        def nothing_changed():
            assert not [e for e in store.audit_entries(zone=ZONE) if e.action == "amendment"]
            assert "2.II" in _items(store) and _items(store)["3.I"]["deadline_text"] == "Quý II năm 2026"

        version = store.web_data_version()
        for form, error, status in (
            ({"effective": "15/6/2026"}, web_texts.AMEND_NO_DOCUMENT, 400),
            ({"document": DOCUMENT}, web_texts.AMEND_NO_EFFECTIVE, 400),
            (
                {"document": DOCUMENT, "effective": "31/2/2026"},
                web_texts.AMEND_BAD_EFFECTIVE.format(text="31/2/2026"),
                400,
            ),
            (
                {"document": DOCUMENT, "effective": "1/11/2025"},
                amend_texts.ERR_BEFORE_SIGNED.format(effective="1/11/2025", plan=SLUG, signed="1/12/2025"),
                400,
            ),
            ({"document": "x" * 301, "effective": "15/6/2026"}, web_texts.EXT_TOO_LONG.format(n=300), 400),
        ):
            bad = client.post("/ke-hoach/sua-doi", data={"csrf": csrf, "draft": draft, **form})
            assert bad.status_code == status and error in bad.text and 'id="amend-error"' in bad.text, form
            assert 'id="plan-amend"' in bad.text  # the form again, with what was typed
            nothing_changed()
        no_csrf = client.post(
            "/ke-hoach/sua-doi", data={"draft": draft, "document": DOCUMENT, "effective": "15/6/2026"}
        )
        assert no_csrf.status_code == 403 and web_texts.CSRF_FAILED in no_csrf.text
        nothing_changed()
        assert store.web_data_version() == version

        done = client.post(
            "/ke-hoach/sua-doi", data={"csrf": csrf, "draft": draft, "document": DOCUMENT, "effective": "15/6/2026"}
        )
        assert done.status_code == 200 and 'id="plan-amended"' in done.text
        assert f"theo {DOCUMENT}, hiệu lực từ 15/6/2026" in done.text
        items = _items(store)
        assert items["3.I"]["deadline"]["due"] == "2026-05-15" and items["1.III"]["lead"] == ["Sở Tư pháp"]
        assert items["5.II"]["content"] == "Công khai TTHC trên Cổng dịch vụ công" and "2.II" not in items
        assert items["4.II"]["lead"] == [VHTTDL]  # the row as fixed
        rows = [e for e in store.audit_entries(zone=ZONE) if e.action == "amendment"]
        assert rows and {e.channel for e in rows} == {"web"}
        (note,) = store.amend_history(code="1.III", plan_slug=SLUG)
        assert note.document == DOCUMENT and note.effective.isoformat() == "2026-06-15"
        # the draft is used up
        assert (
            client.post(
                "/ke-hoach/sua-doi", data={"csrf": csrf, "draft": draft, "document": DOCUMENT, "effective": "15/6/2026"}
            ).status_code
            == 410
        )
