"""`nhacviec directory new|add`: a post-2025 directory for each of the 34 provinces, from the
package vietnam-provinces (its data ships in the wheel; nothing is downloaded)."""

from __future__ import annotations

import json

import pytest
from vietnam_provinces import Province, VietNamDivisionType, Ward

from bot.files.directory_new import write_new
from bot.files import load_directory

PROVINCES = sorted(Province.iter_all(), key=lambda p: int(p.code))
CITIES = {"Hà Nội", "Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Huế"}


def _short(p) -> str:
    return p.name.removeprefix("Thành phố ")


def test_the_package_lists_the_units_after_1_july_2025():
    assert len(PROVINCES) == 34
    assert {_short(p) for p in PROVINCES if p.division_type == VietNamDivisionType.THANH_PHO_TRUNG_UONG} == CITIES
    units = list(Ward.iter_all())
    assert len(units) == 3321  # Nghị quyết 202/2025/QH15 and the NQ-UBTVQH15 of June 2025
    by_type = {t: sum(1 for u in units if u.division_type.value == t) for t in ("xã", "phường", "đặc khu")}
    assert by_type == {"xã": 2621, "phường": 687, "đặc khu": 13}  # the official totals from 1/7/2025
    assert "Hải Dương" not in {_short(p) for p in PROVINCES}


@pytest.mark.parametrize("province", PROVINCES, ids=lambda p: p.codename)
def test_directory_new_for_every_province(tmp_path, province):
    name = _short(province)
    info = write_new(name, tmp_path / "d.yaml")
    d = load_directory(tmp_path / "d.yaml")
    assert d.province == name
    communes = [a.key for a in d.agencies.values() if a.kind == "commune"]
    units = list(Ward.iter_by_province(province.code))
    assert len(communes) == len(units) == info["communes"] > 30
    # a plan cell naming every commune's committee resolves to them all, nothing left over
    for cell in ("UBND các xã, phường", "Ủy ban nhân dân các xã, phường, đặc khu", "UBND cấp xã"):
        res = d.resolve(cell)
        assert res.unresolved == () and sorted(d.expand(res)) == sorted(communes), cell
    level = "thành phố" if name in CITIES else "tỉnh"
    assert info["is_city"] is (name in CITIES)
    same = [
        ("Sở Khoa học và Công nghệ", "Sở KH&CN"),
        (f"UBND {level}", f"Ủy ban nhân dân {level}"),
        (f"Văn phòng UBND {level}", f"VP UBND {level}"),
        ("Sở Nông nghiệp và Môi trường", "Sở NN&MT"),
        (f"Công an {level}", f"Công an {level} {name}"),
    ]
    for a, b in same:
        ra, rb = d.resolve(a), d.resolve(b)
        assert ra.agencies == rb.agencies and len(ra.agencies) == 1 and not ra.unresolved and not rb.unresolved
    # one commune by its name, with or without "UBND"
    unit = next(u for u in units if u.name.lower().startswith("xã ") or u.name.lower().startswith("phường "))
    twins = [u for u in units if u is not unit and u.codename == unit.codename]
    if not twins:
        res = d.resolve(f"Ủy ban nhân dân {unit.name.lower()}; {unit.name}")
        assert len(res.agencies) == 1 and d.agencies[res.agencies[0]].kind == "commune" and not res.unresolved
    so = d.members("cac-so")
    assert "so-noi-vu" in so and "ban-quan-ly-kcn" in so and "vp-ubnd" not in so and "cong-an" not in so


def test_city_words_and_province_words(tmp_path):
    write_new("Hải Phòng", tmp_path / "hp.yaml")
    text = (tmp_path / "hp.yaml").read_text(encoding="utf-8")
    assert '"Văn phòng UBND thành phố"' in text and '"Công an thành phố"' in text and "Thành đoàn" in text
    assert "Đặc khu Cát Hải" in text and "Đặc khu Bạch Long Vĩ" in text
    assert "# kiểm tra:" in text and "# - {key: so-ngoai-vu" in text
    hp = load_directory(tmp_path / "hp.yaml")
    assert hp.resolve("VP UBND TP").agencies == ("vp-ubnd",)
    assert hp.resolve("UBND xã Cẩm Giàng").agencies == ("xa-cam-giang-10903",)
    write_new("Cao Bằng", tmp_path / "cb.yaml")
    text = (tmp_path / "cb.yaml").read_text(encoding="utf-8")
    assert '"Văn phòng UBND tỉnh"' in text and '"Công an tỉnh"' in text and "Tỉnh đoàn" in text


def test_old_plans_still_read_after_the_2025_merges(tmp_path):
    write_new("Hải Phòng", tmp_path / "hp.yaml")
    d = load_directory(tmp_path / "hp.yaml")
    res = d.resolve("Sở Kế hoạch và Đầu tư; Sở GTVT; Sở TN&MT, Sở Thông tin và Truyền thông")
    assert res.agencies == ("so-tai-chinh", "so-xay-dung", "so-nong-nghiep-moi-truong", "so-khoa-hoc-cong-nghe")
    assert [old for old, _ in res.replaced] == [
        "Sở Kế hoạch và Đầu tư",
        "Sở GTVT",
        "Sở TN&MT",
        "Sở Thông tin và Truyền thông",
    ]
    assert d.successor_of("Sở Lao động, Thương binh và Xã hội") == "so-noi-vu"


def test_cli_new_and_add(cli, tmp_path):
    code, out, err = cli("directory", "new", "--province", "hai phong", "--out", "hp.yaml")
    assert code == 0 and "114 UBND cấp xã (67 xã, 45 phường, 2 đặc khu)" in out, err
    path = tmp_path / "hp.yaml"
    before = path.read_text(encoding="utf-8")
    code, out, err = cli(
        "directory",
        "add",
        "hp.yaml",
        "Chi cục Kiểm lâm",
        "--alias",
        "CCKL",
        "--kind",
        "other",
        "--parent",
        "so-nong-nghiep-moi-truong",
        "--json",
    )
    assert code == 0, err
    info = json.loads(out)
    assert info["key"] == "chi-cuc-kiem-lam"
    after = path.read_text(encoding="utf-8")
    # every line kept (comments too), one line added where agencies end
    assert after.splitlines()[: info["line"] - 1] == before.splitlines()[: info["line"] - 1]
    assert len(after.splitlines()) == len(before.splitlines()) + 1
    assert "# kiểm tra:" in after
    d = load_directory(path)
    assert d.resolve("Sở NN&MT chủ trì, phối hợp với CCKL").coordinating.agencies == ("chi-cuc-kiem-lam",)
    assert d.agencies["chi-cuc-kiem-lam"].parent == "so-nong-nghiep-moi-truong"
    code, out, err = cli("directory", "add", "hp.yaml", "Sở Ngoại vụ")
    assert code == 0 and "so-ngoai-vu" in out
    assert load_directory(path).resolve("Sở Ngoại vụ").agencies == ("so-ngoai-vu",)


def test_cli_errors_are_vietnamese_and_name_the_file(cli, tmp_path):
    code, _, err = cli("directory", "new", "--province", "Hải Dương", "--out", "x.yaml")
    assert code == 2 and "hợp nhất vào Hải Phòng" in err and not (tmp_path / "x.yaml").exists()
    code, _, err = cli("directory", "new", "--province", "Ca Mao", "--out", "x.yaml")
    assert code == 2 and "Có phải: Cà Mau?" in err
    cli("directory", "new", "--province", "Huế", "--out", "hue.yaml")
    code, _, err = cli("directory", "new", "--province", "Huế", "--out", "hue.yaml")
    assert code == 2 and "hue.yaml: tệp đã có" in err
    code, _, err = cli("directory", "add", "hue.yaml", "Sở KH&CN")
    assert code == 2 and "hue.yaml:" in err and 'đã có cơ quan "Sở Khoa học và Công nghệ"' in err
    code, _, err = cli("directory", "add", "hue.yaml", "Sở Mới", "--key", "so-noi-vu")
    assert code == 2 and 'mã "so-noi-vu" đã dùng' in err
    code, _, err = cli("directory", "add", "hue.yaml", "Sở Mới", "--parent", "khong-co")
    assert code == 2 and "khong-co" in err and "không bị thay đổi" in err
    assert load_directory(tmp_path / "hue.yaml").lookup("Sở Mới").agency is None
