"""The bundled plan file: faithful counts and texts; malformed files give file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from config.settings import DEFAULT_AGENCIES, DEFAULT_PLAN
from bot.files import DataFileError, load_directory, load_plan


def test_counts(plan):
    assert plan.count("task") == 27
    assert [plan.count("task", s) for s in ("I", "II", "III", "IV")] == [5, 7, 10, 5]
    assert plan.count("review") == 16
    assert plan.count("inspection") == 17
    assert plan.count("inspection", "PL2.I") == 5 and plan.count("inspection", "PL2.II") == 12


def test_metadata(plan):
    assert (plan.id, plan.year, plan.province) == ("hai-duong-2023", 2023, "Hải Dương")
    assert plan.title.startswith("Kế hoạch kiểm soát thủ tục hành chính và thực hiện cơ chế một cửa")
    assert plan.decision_number == "" and plan.decision_date is None
    assert "tháng 02 năm 2023" in plan.decision_date_text
    assert len(plan.review_notes) == 2


def test_task_texts_are_verbatim(plan):
    t = plan.item("3.II")
    assert t.content.startswith("Thực hiện cơ chế một cửa, một cửa liên thông trong giải quyết thủ tục hành chính:")
    assert t.content.count("\n- ") == 6
    assert t.lead_text == "- Văn phòng UBND tỉnh;\n- UBND cấp huyện;\n- UBND cấp xã."
    assert t.deadline_text == "Theo yêu cầu hoặc thường xuyên trong năm 2023"
    assert t.product == "Đề án được phê duyệt; Văn bản chỉ đạo, quyết định..."
    assert plan.item("1.II").content.count("\n- ") == 8
    assert plan.item("2.II").content.count("\n- ") == 8
    assert plan.item("3.III").product == "- Báo cáo kết quả thực hiện;\n- Mã kết quả số hóa được cung cấp trên Hệ thống"
    assert plan.item("1.I").section_title == "Xây dựng hoàn thiện thế chế, văn bản chỉ đạo"


def test_footnote_belongs_to_9_III(plan):
    assert plan.item("9.III").footnotes == (
        "Chỉ tiêu giao tại Phụ lục Nghị quyết số 01/NQ-CP ngày 06/01/2023 của Chính phủ.",
    )
    assert all(not i.footnotes for i in plan.items if i.code != "9.III")


def test_review_items(plan):
    assert plan.item("PL1.1").lead_text == "Sở Nội vụ"
    assert plan.item("PL1.6").lead_text == "Sở Y tế"
    assert plan.item("PL1.16").notes.startswith("Các thủ tục hành chính lĩnh vực: Du lịch; đường Sắt")


def test_inspections_notes_and_surprise_rows(plan):
    group2 = [plan.item(f"PL2.II.{n}") for n in range(1, 13)]
    assert [i.surprise for i in group2] == [False] * 5 + [True] * 5 + [False] * 2
    assert group2[0].notes.startswith("Kiểm tra các phòng chuyên môn")
    assert group2[6].notes == "Kiểm tra đột xuất từ 4 - 6 đơn vị cấp xã/cấp huyện"
    assert group2[11].notes == "Kiểm tra việc khắc phục tồn tại, hạn chế trong Kết luận kiểm tra năm 2022"
    assert group2[5].subject_text == "UBND TP Hải Dương"
    assert all(not plan.item(f"PL2.I.{n}").surprise for n in range(1, 6))
    assert all(i.lead_text == "Văn phòng UBND tỉnh" for i in group2)


def _write(tmp_path: Path, name: str, text: str) -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


@pytest.mark.parametrize(
    "body,line,words",
    [
        (
            "id: x\nyear: 2023\nprovince: A\nissuer: B\ntitle: C\nsections:\n  - number: I\n    title: T\n"
            "    tasks:\n      - number: 1\n        content: X\n        deadline: Quý II\n",
            10,
            "lead",
        ),
        (
            "id: x\nyear: 2023\nprovince: A\nissuer: B\ntitle: C\nsections:\n  - number: 7\n    title: T\n    tasks: []\n",
            7,
            "La Mã",
        ),
        ("id: x\nyear: hai nghìn\nprovince: A\n", 1, "year"),
        ("id: x\nyear: 2023\n  bad: [indent\n", 3, "YAML"),
        ("- just\n- a list\n", 1, "khối các trường"),
    ],
)
def test_malformed_plan_names_file_and_line(tmp_path, body, line, words):
    p = _write(tmp_path, "plan.yaml", body)
    with pytest.raises(DataFileError) as e:
        load_plan(p)
    assert e.value.line == line
    assert str(e.value).startswith(f"{p}:{line}:")
    assert words in str(e.value)


def test_duplicate_code_is_refused(tmp_path):
    text = DEFAULT_PLAN.read_text(encoding="utf-8").replace(
        "      - number: 2\n        content: Chuyển giao", "      - number: 1\n        content: Chuyển giao"
    )
    with pytest.raises(DataFileError, match="mã mục 1.I bị trùng"):
        load_plan(_write(tmp_path, "plan.yaml", text))


def test_missing_and_binary_files(tmp_path):
    with pytest.raises(DataFileError, match="không tìm thấy"):
        load_plan(tmp_path / "nope.yaml")
    p = tmp_path / "bin.yaml"
    p.write_bytes(b"\xff\xfe\x00\x81")
    with pytest.raises(DataFileError, match="UTF-8"):
        load_plan(p)


def test_malformed_directory(tmp_path):
    text = DEFAULT_AGENCIES.read_text(encoding="utf-8").replace(
        "kind: department, aliases: [STP]", "kind: ministry, aliases: [STP]"
    )
    with pytest.raises(DataFileError) as e:
        load_directory(_write(tmp_path, "agencies.yaml", text))
    assert "loại cơ quan 'ministry' không hợp lệ" in str(e.value) and e.value.line and e.value.line > 1
    text = DEFAULT_AGENCIES.read_text(encoding="utf-8").replace(
        "members: [bao-hai-duong, dai-ptth]", "members: [bao-hai-duong, dai-xyz]"
    )
    with pytest.raises(DataFileError, match="không có cơ quan mã 'dai-xyz'"):
        load_directory(_write(tmp_path, "agencies.yaml", text))
