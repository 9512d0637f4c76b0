"""What the coordinators' reports are built from, as plain data the store hands over (no sessions).

``ReportData.rows`` holds one dict per active lead assignment, in plan order, with the keys
assignment_id, status, due (None when undated), closed_on, closed_by, note, agency, agency_id (the
directory's official order), agency_kind (province_office, department, board, district, commune, …),
item_id, code, type, content, lead_text, coordinating_text, deadline_text, kind (effective: a coordinator's
date makes an undated item dated), start, product, position, deadline (the parsed reading as a dict),
fields, subject, surprise, inspection_date, section, section_title, and for recurring work ``occurrences``
(period key → {closed_on, note, status}: the periods recorded). ``history`` rows have at (local,
naive), actor, action, note, data, code, agency.

The letter's settings (``LetterSettings``) come from the plan file's optional ``letter:`` block (kept in
the plan's metadata); every field has a default derived from the plan's heading:

    letter:
      issued_as: Quyết định        # or "Kế hoạch": how the plan was issued (default: from the number's
                                   #   symbol, "…/KH-…" is a Kế hoạch, else a Quyết định)
      parent: UBND TỈNH HẢI DƯƠNG  # the line above the issuing unit (default from the issuer;
                                   #   "UBND THÀNH PHỐ …" for a centrally-run city)
      unit: VĂN PHÒNG              # the issuing unit as printed in the heading
      unit_name: Văn phòng UBND tỉnh   # the unit in the body ("… đề nghị …")
      symbol: VP-KSTTHC            # the letter's symbol: "Số:      /VP-KSTTHC"
      place: Hải Dương             # the place in the date line
      division: Phòng Kiểm soát thủ tục hành chính   # "qua …" in the request
      sign_for: KT. CHÁNH VĂN PHÒNG    # the authority line of the signature block ("" when the head signs)
      sign_title: PHÓ CHÁNH VĂN PHÒNG  # the signer's title
      signer_name: ""              # the signer's name (a highlighted placeholder when empty)
      archive: VT, KSTTHC          # "Lưu: VT, KSTTHC."
      head: Chánh Văn phòng        # whom the office's own overdue list is addressed to
      leader: Chủ tịch UBND tỉnh   # whom the results are reported to
      issuer_body: UBND tỉnh       # who issued a Kế hoạch, in a sentence ("Bộ Tư pháp" for a ministry)

A ministry's plan (issuer "Bộ …") gets "Văn phòng Bộ", "Bộ trưởng Bộ …" and the ministry's name instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from bot.domain.periods import DueDefaults, assignment_periods, due_so_far
from bot.domain.tally import TallyRow

# Centrally-run cities (thành phố trực thuộc trung ương), as named in plans.
CENTRAL_CITIES = ("Hà Nội", "Hồ Chí Minh", "Thành phố Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Huế")
ISSUED_AS = ("Quyết định", "Kế hoạch")


@dataclass(frozen=True)
class LetterSettings:
    """Who issues the công văn đôn đốc and how it is signed (see the module docstring)."""

    parent: str
    unit: str
    unit_name: str
    symbol: str
    place: str
    division: str
    sign_for: str
    sign_title: str
    signer_name: str
    archive: str
    head: str
    leader: str
    tier: str  # "tỉnh", "thành phố" or "bộ": how the plan names its own level
    issuer_body: str = ""  # who issued the plan, in a sentence: "UBND tỉnh", "UBND thành phố", "Bộ Tư pháp"


@dataclass(frozen=True)
class PlanMeta:
    """The plan's heading: enough to title a report and cite the plan in a letter."""

    slug: str
    year: int
    province: str
    title: str
    decision_number: str = ""
    decision_date: date | None = None
    decision_date_text: str = ""
    issuer: str = ""
    signer: str = ""
    issued_as: str = "Quyết định"
    letter: LetterSettings | None = None

    @property
    def settings(self) -> LetterSettings:
        return self.letter or letter_settings(province=self.province, issuer=self.issuer)


@dataclass(frozen=True)
class PeriodRules:
    """How recurring work's periods fall due (settings PERIOD_DUE_* and DEFAULT_RECURRENCE)."""

    defaults: DueDefaults = field(default_factory=DueDefaults)
    default_freq: str = "quarterly"


def period_rules_of(config) -> PeriodRules:
    """The period rules a configuration carries (``period_due``, ``default_recurrence``), else the defaults."""
    defaults = getattr(config, "period_due", None)
    return PeriodRules(
        defaults if isinstance(defaults, DueDefaults) else DueDefaults(),
        getattr(config, "default_recurrence", None) or "quarterly",
    )


@dataclass
class ReportData:
    """Everything a report, workbook or letter needs, loaded once."""

    plan: PlanMeta
    rows: list[dict]
    subjects: dict[int, list[str]] = field(default_factory=dict)  # item id → inspected units' names
    history: list[dict] = field(default_factory=list)  # loaded when asked (the workbook's log)
    rules: PeriodRules = field(default_factory=PeriodRules)  # set by the caller from the settings

    def for_circulation(self) -> "ReportData":
        """The same data without surprise inspections (never announced in advance)."""
        hidden = {r["code"] for r in self.rows if r["type"] == "inspection" and r["surprise"]}
        return ReportData(
            self.plan,
            [r for r in self.rows if r["code"] not in hidden],
            {
                k: v
                for k, v in self.subjects.items()
                if k not in {r["item_id"] for r in self.rows if r["code"] in hidden}
            },
            [h for h in self.history if h["code"] not in hidden],
            self.rules,
        )


def tally_rows(rows: list[dict], today: date | None = None, rules: PeriodRules | None = None) -> list[TallyRow]:
    """The tally's view of report rows, one per row; with ``today``, an open recurring row carries its
    periods already due (``TallyRow.periods``), each done (recorded) or not."""
    return [
        TallyRow(
            r["code"],
            r["section"],
            r["agency"],
            r["kind"],
            r["due"],
            r["start"],
            r["status"],
            r["closed_on"],
            r["note"],
            periods=period_rows(r, today, rules or PeriodRules()) if today is not None else (),
        )
        for r in rows
    ]


def period_rows(r: dict, today: date, rules: PeriodRules) -> tuple[TallyRow, ...]:
    """The periods of an open recurring row already due on ``today`` as tally rows (kind ``period``);
    () for other rows (a recurring assignment closed as a whole keeps its single row)."""
    if r["kind"] != "recurring" or r["status"] == "done":
        return ()
    recorded = r.get("occurrences") or {}
    out = []
    periods = assignment_periods(
        r["deadline"], r["start"], r["due"], defaults=rules.defaults, default_freq=rules.default_freq, today=today
    )
    for p in due_so_far(periods, today):
        rec = recorded.get(p.key)
        out.append(
            TallyRow(
                r["code"],
                r["section"],
                r["agency"],
                "period",
                p.due,
                p.first,
                "done" if rec else "open",
                rec["closed_on"] if rec else None,
                rec["note"] if rec else "",
                period=p.label,
            )
        )
    return tuple(out)


def _central(province: str, issuer: str) -> bool:
    folded = issuer.lower()
    return folded.startswith(("ubnd thành phố", "ủy ban nhân dân thành phố")) or province.strip() in CENTRAL_CITIES


_MINISTRY = re.compile(r"^\s*(bộ|bo)\s+\S", re.IGNORECASE)


def ministry_name(province: str, issuer: str) -> str:
    """ "Bộ Tư pháp" when the plan is a ministry's (its issuer or ``province:`` names a Bộ), else ""."""
    for text in (issuer, province):
        if _MINISTRY.match(text or "") and not text.lower().startswith(("bộ chỉ huy", "bo chi huy")):
            return " ".join(text.split())
    return ""


def issuer_symbol(province: str, issuer: str) -> str:
    """The issuer's part of a document symbol: "UBND" for a People's Committee (the default), a ministry's
    initials ("BTP" for Bộ Tư pháp, "BKHĐT"), "" for any other issuer (unknown: the clerk fills it in)."""
    ministry = ministry_name(province, issuer)
    if ministry:
        words = re.split(r"[\s,\-–]+", ministry)
        return "".join(w[0].upper() for w in words if w and w.lower() != "và")
    folded = " ".join(issuer.lower().split())
    return "UBND" if not folded or folded.startswith(("ubnd", "ủy ban nhân dân", "uỷ ban nhân dân")) else ""


def letter_settings(*, province: str, issuer: str = "", given: dict | None = None) -> LetterSettings:
    """The letter's settings: the plan's ``letter:`` block over defaults derived from the heading (a
    province's UBND, a centrally-run city's, or a ministry: "Văn phòng Bộ", "Bộ trưởng")."""
    given = {k: str(v).strip() for k, v in (given or {}).items() if v is not None}
    ministry = ministry_name(province, issuer)
    if ministry:
        defaults = {
            "parent": ministry.upper(),
            "unit": "VĂN PHÒNG",
            "unit_name": "Văn phòng Bộ",
            "symbol": "VP-KSTTHC",
            "place": "Hà Nội",
            "division": "Phòng Kiểm soát thủ tục hành chính",
            "sign_for": "KT. CHÁNH VĂN PHÒNG",
            "sign_title": "PHÓ CHÁNH VĂN PHÒNG",
            "signer_name": "",
            "archive": "VT, KSTTHC",
            "head": "Chánh Văn phòng",
            "leader": f"Bộ trưởng {ministry}",
        }
        values = {k: given.get(k, v) for k, v in defaults.items()}
        return LetterSettings(**values, tier="bộ", issuer_body=given.get("issuer_body", ministry))
    tier = "thành phố" if _central(province, issuer) else "tỉnh"
    name = province.strip()
    if tier == "thành phố" and name.lower().startswith("thành phố "):
        name = name[len("thành phố ") :]
    defaults = {
        "parent": f"UBND {tier} {name}".upper(),
        "unit": "VĂN PHÒNG",
        "unit_name": f"Văn phòng UBND {tier}",
        "symbol": "VP-KSTTHC",
        "place": name,
        "division": "Phòng Kiểm soát thủ tục hành chính",
        "sign_for": "KT. CHÁNH VĂN PHÒNG",
        "sign_title": "PHÓ CHÁNH VĂN PHÒNG",
        "signer_name": "",
        "archive": "VT, KSTTHC",
        "head": "Chánh Văn phòng",
        "leader": f"Chủ tịch UBND {tier}",
    }
    values = {k: given.get(k, v) for k, v in defaults.items()}
    return LetterSettings(**values, tier=tier, issuer_body=given.get("issuer_body", f"UBND {tier}"))


def coordinating_office(*, province: str, issuer: str = "", given: dict | None = None) -> str:
    """The office that coordinates the plan, as texts name it: "Văn phòng UBND tỉnh", "Văn phòng UBND
    thành phố", "Văn phòng Bộ" (the ``letter:`` block's ``unit_name`` when given)."""
    return letter_settings(province=province, issuer=issuer, given=given).unit_name


def issued_as(number: str, given: str = "") -> str:
    """ "Kế hoạch" or "Quyết định": as the plan file says, else from the number's symbol ("…/KH-UBND")."""
    if given in ISSUED_AS:
        return given
    return "Kế hoạch" if re.search(r"/\s*KH\b", number or "", re.IGNORECASE) else "Quyết định"
