"""Issue 10 §2: `plan import` writes the plan's span when its heading names one ("giai đoạn 2026–2030",
"năm 2026"), so deadlines inside the span read as normal and ``year_mismatch`` is left for dates outside it.
A plan file without ``span:`` keeps its year as the span (the bundled seed)."""

from __future__ import annotations

from datetime import date

import yaml

from bot.domain.deadlines import YEAR_MISMATCH, parse_deadline
from bot.domain.plan import build_plan
from bot.imports.plan_yaml import plan_yaml, span_from_heading, with_span
from tests.e2e.own_plan_doc import quang_ninh_2026
from tests.plan_documents import SEED, to_docx


def test_spans_read_from_the_heading():
    cases = {
        "Kế hoạch kiểm soát TTHC giai đoạn 2026–2030": "2026-2030",
        "KẾ HOẠCH CHUYỂN ĐỔI SỐ GIAI ĐOẠN 2026 - 2028": "2026-2028",
        "Ke hoach giai doan 2026 den 2030": "2026-2030",
        "Kế hoạch kiểm soát thủ tục hành chính năm 2026": "2026",
        "Kế hoạch thực hiện từ năm 2027 trở đi": "2027-",
        "Kế hoạch năm 2027 và những năm tiếp theo": "2027-",
        "Kế hoạch chuyển đổi số": None,
        "Kế hoạch giai đoạn 2030–2026": None,  # ends before it starts: not a span
    }
    assert {t: span_from_heading({"title": t}) for t in cases} == cases
    decision = {"title": "", "decision": {"title": "Ban hành Kế hoạch … giai đoạn 2026-2030"}}
    assert span_from_heading(decision) == "2026-2030"


def test_a_span_given_is_kept_and_written_after_the_year():
    tree = {"id": "x", "year": 2026, "province": "Quảng Ninh", "title": "Kế hoạch giai đoạn 2026–2030"}
    assert list(with_span(tree)) == ["id", "year", "span", "province", "title"]
    assert with_span({**tree, "span": "2026-"})["span"] == "2026-"
    assert "span" not in with_span({**tree, "title": "Kế hoạch"})


def test_the_bundled_seed_has_no_span_and_keeps_its_year():
    tree = yaml.safe_load(SEED.read_text(encoding="utf-8"))
    assert "span" not in tree
    plan = build_plan(tree)
    assert plan.span_from is None  # no span declared: the plan year, and other years still flagged
    assert YEAR_MISMATCH in parse_deadline("Quý I/2024", 2023).flags


def test_plan_import_writes_the_span_and_only_dates_outside_it_are_flagged(cli, tmp_path):
    doc = quang_ninh_2026()
    doc.paragraphs[1] = "KIỂM SOÁT THỦ TỤC HÀNH CHÍNH GIAI ĐOẠN 2026 - 2030 TRÊN ĐỊA BÀN TỈNH QUẢNG NINH"
    to_docx(doc, tmp_path / "kh.docx")
    code, out, err = cli("plan", "import", "kh.docx", "--out", "kh.yaml")
    assert code == 0, err
    text = (tmp_path / "kh.yaml").read_text(encoding="utf-8")
    assert "\nyear: 2026\nspan: 2026-2030\n" in text
    plan = build_plan(yaml.safe_load(text))
    assert (plan.span_from, plan.span_to) == (date(2026, 1, 1), date(2030, 12, 31))
    span = (plan.span_from, plan.span_to)
    inside = parse_deadline("Quý III/2027 - Quý I/2028", 2026, span)
    assert (inside.start, inside.due, inside.flags, inside.warnings) == (date(2027, 7, 1), date(2028, 3, 31), (), ())
    assert parse_deadline("Trước ngày 20/10/2029", 2026, span).flags == ()
    outside = parse_deadline("Trước ngày 31/3/2031", 2026, span)
    assert outside.warnings == (YEAR_MISMATCH,) and outside.flags == ()  # a warning for the coordinator, no block

    one_year = quang_ninh_2026()  # "… NĂM 2026 …": the span is that year, written out
    to_docx(one_year, tmp_path / "kh-2026.docx")
    assert cli("plan", "import", "kh-2026.docx", "--out", "kh-2026.yaml")[0] == 0
    assert "\nspan: '2026'\n" in (tmp_path / "kh-2026.yaml").read_text(encoding="utf-8")


def test_plan_yaml_round_trips_with_the_span():
    tree = {
        "id": "qn-2026",
        "year": 2026,
        "province": "Quảng Ninh",
        "issuer": "UBND tỉnh Quảng Ninh",
        "title": "Kế hoạch thực hiện từ năm 2027 trở đi",
        "tasks": [{"number": 1, "content": "Báo cáo hằng năm.", "lead": "Sở Tư pháp", "deadline": "Hằng năm"}],
    }
    plan = build_plan(yaml.safe_load(plan_yaml(tree, "kh.docx")))
    assert (plan.span_from, plan.span_to) == (date(2027, 1, 1), None)
