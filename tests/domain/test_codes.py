"""Item codes: canonical spelling, tolerant parsing and suggestions instead of guesses."""

from __future__ import annotations

import pytest

from bot.domain.codes import canonical, int_to_roman, lookup, roman_to_int, sort_codes


@pytest.fixture(scope="module")
def codes(plan):
    return [i.code for i in plan.items]


def test_every_code_round_trips(codes):
    for code in codes:
        assert canonical(code) == code
        assert canonical(code.lower()) == code
        assert lookup(code.lower(), codes).code == code
    assert sort_codes(reversed(codes)) == codes


@pytest.mark.parametrize("typed", ["3.II", "3.ii", "II.3", "ii.3", "3-II", "3 II", "3ii", " 3 . II ", "3/II"])
def test_spellings_of_3_II(codes, typed):
    assert lookup(typed, codes).code == "3.II"


@pytest.mark.parametrize(
    "typed,code",
    [
        ("pl1.5", "PL1.5"),
        ("PL1-5", "PL1.5"),
        ("pl 1 5", "PL1.5"),
        ("Phụ lục 1.5", "PL1.5"),
        ("pl2.ii.6", "PL2.II.6"),
        ("PL2 II 6", "PL2.II.6"),
        ("pl2-2-6", "PL2.II.6"),
        ("PL2.I.3", "PL2.I.3"),
    ],
)
def test_appendix_codes(codes, typed, code):
    assert lookup(typed, codes).code == code


@pytest.mark.parametrize(
    "typed,first",
    [
        ("3.V", "3.IV"),
        ("11.III", "10.III"),
        ("PL1.17", "PL1.16"),
        ("PL2.6", "PL2.II.6"),
        ("6.I", "5.I"),
    ],
)
def test_unknown_codes_get_suggestions(codes, typed, first):
    found = lookup(typed, codes)
    assert found.code is None
    assert found.suggestions[0] == first


def test_ambiguous_code_lists_candidates(codes):
    found = lookup("1.1", codes)
    assert found.code is None and found.suggestions == ("1.I", "1.II", "1.III", "1.IV")


@pytest.mark.parametrize("typed", ["", "xin chào", "???", "3.II.9.9"])
def test_nonsense_gives_no_code(codes, typed):
    assert lookup(typed, codes).code is None


def test_roman_numerals():
    for n in range(1, 40):
        assert roman_to_int(int_to_roman(n)) == n
    assert roman_to_int("IIII") is None and roman_to_int("ABC") is None
