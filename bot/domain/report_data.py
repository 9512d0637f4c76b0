"""What the coordinators' reports are built from, as plain data the store hands over (no sessions).

``ReportData.rows`` holds one dict per active lead assignment, in plan order, with the keys
assignment_id, status, due (None when undated), closed_on, closed_by, note, agency, item_id, code, type,
content, lead_text, coordinating_text, deadline_text, kind (effective: a coordinator's date makes an
undated item dated), start, product, position, deadline (the parsed reading as a dict), fields, subject,
surprise, inspection_date, section, section_title. ``history`` rows have at (local, naive), actor,
action, note, data, code, agency.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from bot.domain.tally import TallyRow


@dataclass(frozen=True)
class PlanMeta:
    """The plan's heading: enough to title a report and cite the decision in a letter."""

    slug: str
    year: int
    province: str
    title: str
    decision_number: str = ""
    decision_date: date | None = None
    decision_date_text: str = ""


@dataclass
class ReportData:
    """Everything a report, workbook or letter needs, loaded once."""

    plan: PlanMeta
    rows: list[dict]
    subjects: dict[int, list[str]] = field(default_factory=dict)   # item id → inspected units' names
    history: list[dict] = field(default_factory=list)              # loaded when asked (the workbook's log)


def tally_rows(rows: list[dict]) -> list[TallyRow]:
    """The tally's view of report rows."""
    return [TallyRow(r["code"], r["section"], r["agency"], r["kind"], r["due"], r["start"], r["status"],
                     r["closed_on"], r["note"]) for r in rows]
