"""A plan of another province, made with the test factories, read by the pure interpreter."""

from __future__ import annotations

from bot.domain.interpret import interpret_plan
from tests.factories import agency, make_directory, make_plan, task


def test_a_post_2025_plan_reads_with_its_own_directory():
    directory = make_directory(
        agency("so-khcn", "Sở Khoa học và Công nghệ", "department", short="Sở KH&CN"),
        agency("so-noi-vu", "Sở Nội vụ", "department"),
        agency("xa-a", "UBND xã A", "commune"),
        agency("phuong-b", "UBND phường B", "commune"),
        groups=[
            {
                "key": "ubnd-cap-xa",
                "name": "UBND cấp xã",
                "aliases": ["UBND các xã, phường"],
                "member_kinds": ["commune"],
            }
        ],
    )
    plan = make_plan(
        (
            "I",
            "Nhiệm vụ",
            [
                task(1, "Số hóa hồ sơ", "Sở KH&CN", "Quý II/2026", coordinating="UBND các xã, phường"),
                task(2, "Rà soát thủ tục", "Sở Nội vụ chủ trì, phối hợp với Sở Khoa học và Công nghệ", "Thường xuyên"),
            ],
        )
    )
    specs = {s.item.code: s for s in interpret_plan(plan, directory)}
    assert specs["1.I"].lead_keys == ("so-khcn",)
    assert set(specs["1.I"].coordinating_keys) == {"xa-a", "phuong-b"}
    assert specs["2.I"].lead_keys == ("so-noi-vu",) and specs["2.I"].coordinating_keys == ("so-khcn",)
    assert not specs["1.I"].unknown
